package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// PersonNote is an internal note written on a person.
type PersonNote struct {
	ID        int64     `json:"id"`
	AuthorID  int64     `json:"author_id,omitempty"`
	Author    string    `json:"author"` // the user's name or email; the actor when not a user
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// MaxPersonNoteRunes bounds a note on a person.
const MaxPersonNoteRunes = 5000

// AddPersonNote writes a note on a person, signed by the actor.
func (s *Store) AddPersonNote(ctx context.Context, a Actor, personID int64, body string) (PersonNote, error) {
	body = strings.TrimSpace(body)
	if body == "" || !utf8.ValidString(body) || utf8.RuneCountInString(body) > MaxPersonNoteRunes {
		return PersonNote{}, fmt.Errorf("%w: note: 1 to %d characters", ErrInvalidValue, MaxPersonNoteRunes)
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.existingPerson(ctx, tx, personID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO person_notes (person_id, author_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id`),
			personID, nullUser(a.UserID), body, time.Now().UnixMicro()).Scan(&id)
		if err != nil {
			return fmt.Errorf("note on person %d: %w", personID, err)
		}
		return s.audit(ctx, tx, a, "person.note", fmt.Sprint(personID), map[string]int64{"note": id})
	})
	if err != nil {
		return PersonNote{}, err
	}
	notes, err := s.PersonNotes(ctx, personID)
	for _, n := range notes {
		if n.ID == id {
			return n, nil
		}
	}
	return PersonNote{ID: id, Body: body}, err
}

// PersonNotes lists a person's notes, oldest first.
func (s *Store) PersonNotes(ctx context.Context, personID int64) ([]PersonNote, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT n.id, COALESCE(n.author_id, 0), COALESCE(NULLIF(u.name, ''), u.email, ''), n.body, n.created_at
		FROM person_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.person_id = ? ORDER BY n.id`), personID)
	if err != nil {
		return nil, fmt.Errorf("notes of person %d: %w", personID, err)
	}
	defer rows.Close()
	out := []PersonNote{}
	for rows.Next() {
		var n PersonNote
		var at int64
		if err := rows.Scan(&n.ID, &n.AuthorID, &n.Author, &n.Body, &at); err != nil {
			return nil, fmt.Errorf("notes of person %d: %w", personID, err)
		}
		n.CreatedAt = fromMicro(at)
		out = append(out, n)
	}
	return out, rows.Err()
}
