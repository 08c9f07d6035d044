package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Identity is one account of a person on one network: an authors row
// (channel and handle; the handle is the address on the email channel).
type Identity struct {
	AuthorID    int64     `json:"author_id"`
	Channel     string    `json:"channel"`
	Handle      string    `json:"handle"`
	Name        string    `json:"name"`
	Followers   int64     `json:"followers"`
	FirstSeenAt time.Time `json:"first_seen_at"`
	LastSeenAt  time.Time `json:"last_seen_at"`
}

// Person groups the identities of one human being across networks.
type Person struct {
	ID         int64      `json:"id"`
	CreatedAt  time.Time  `json:"created_at"`
	Identities []Identity `json:"identities"`
}

// CreatePerson groups authors into a new person, by hand. Every author must
// exist and belong to no person yet; otherwise nothing changes.
func (s *Store) CreatePerson(ctx context.Context, a Actor, authorIDs []int64) (Person, error) {
	if len(authorIDs) == 0 {
		return Person{}, fmt.Errorf("create person: %w", ErrNoIdentities)
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.checkFreeAuthors(ctx, tx, authorIDs); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO people (created_at) VALUES (?) RETURNING id`), time.Now().UnixMicro()).Scan(&id)
		if err != nil {
			return fmt.Errorf("create person: %w", err)
		}
		for _, aid := range authorIDs {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE authors SET person_id = ? WHERE id = ?`), id, aid); err != nil {
				return fmt.Errorf("link author %d to person %d: %w", aid, id, err)
			}
		}
		return s.audit(ctx, tx, a, "person.create", fmt.Sprint(id), map[string]any{"author_ids": authorIDs})
	})
	if err != nil {
		return Person{}, err
	}
	return s.Person(ctx, id)
}

// ErrNoIdentities is returned when a person would have no identity.
var ErrNoIdentities = errors.New("a person needs at least one identity (author id)")

// checkFreeAuthors fails unless every author exists and has no person.
func (s *Store) checkFreeAuthors(ctx context.Context, tx *sql.Tx, ids []int64) error {
	for _, id := range ids {
		var person sql.NullInt64
		err := tx.QueryRowContext(ctx, s.q(`SELECT person_id FROM authors WHERE id = ?`), id).Scan(&person)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("author %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("author %d: %w", id, err)
		}
		if person.Valid {
			return fmt.Errorf("author %d belongs to person %d: %w", id, person.Int64, ErrConflict)
		}
	}
	return nil
}

// Person returns a person and their identities.
func (s *Store) Person(ctx context.Context, id int64) (Person, error) {
	p := Person{ID: id}
	var at int64
	err := s.read.QueryRowContext(ctx, s.q(`SELECT created_at FROM people WHERE id = ?`), id).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, fmt.Errorf("person %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Person{}, fmt.Errorf("person %d: %w", id, err)
	}
	p.CreatedAt = fromMicro(at)
	p.Identities, err = s.identities(ctx, s.read, id)
	return p, err
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Store) identities(ctx context.Context, db querier, personID int64) ([]Identity, error) {
	rows, err := db.QueryContext(ctx, s.q(`SELECT id, channel, handle, name, followers, first_seen_at, last_seen_at
		FROM authors WHERE person_id = ? ORDER BY id`), personID)
	if err != nil {
		return nil, fmt.Errorf("identities of person %d: %w", personID, err)
	}
	defer rows.Close()
	out := []Identity{}
	for rows.Next() {
		var i Identity
		var first, last int64
		if err := rows.Scan(&i.AuthorID, &i.Channel, &i.Handle, &i.Name, &i.Followers, &first, &last); err != nil {
			return nil, fmt.Errorf("identities of person %d: %w", personID, err)
		}
		i.FirstSeenAt, i.LastSeenAt = fromMicro(first), fromMicro(last)
		out = append(out, i)
	}
	return out, rows.Err()
}

// authorIDs lists the ids of a person's identities.
func authorIDs(ids []Identity) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id.AuthorID
	}
	return out
}

// marks gives n comma-separated placeholders.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
