package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Tag is a label a user put on a person.
type Tag struct {
	Name      string    `json:"name"`
	By        string    `json:"by"` // the user's name or email; empty when the user is gone
	CreatedAt time.Time `json:"created_at"`
}

var tagPattern = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,49}$`)

// NormalizeTag lower-cases and trims a tag and checks it: 1 to 50 letters,
// digits, spaces, dots, dashes or underscores, starting with a letter or digit.
func NormalizeTag(tag string) (string, error) {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if !tagPattern.MatchString(tag) {
		return "", fmt.Errorf("%w: tag %q: 1 to 50 letters, digits, spaces, dots, dashes or underscores", ErrInvalidValue, tag)
	}
	return tag, nil
}

// AddTag tags a person; a tag already there is left as it is.
func (s *Store) AddTag(ctx context.Context, a Actor, personID int64, tag string) (string, error) {
	tag, err := NormalizeTag(tag)
	if err != nil {
		return "", err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.existingPerson(ctx, tx, personID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO person_tags (person_id, tag, created_by, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (person_id, tag) DO NOTHING`), personID, tag, nullUser(a.UserID), time.Now().UnixMicro())
		if err != nil {
			return fmt.Errorf("tag person %d: %w", personID, err)
		}
		return s.audit(ctx, tx, a, "person.tag", fmt.Sprint(personID), map[string]int{"tags": 1}) // the tag is free text: not in the log
	})
	return tag, err
}

// RemoveTag takes a tag off a person.
func (s *Store) RemoveTag(ctx context.Context, a Actor, personID int64, tag string) error {
	tag = strings.ToLower(strings.TrimSpace(tag))
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM person_tags WHERE person_id = ? AND tag = ?`), personID, tag)
		if err != nil {
			return fmt.Errorf("untag person %d: %w", personID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("tag %q of person %d: %w", tag, personID, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "person.untag", fmt.Sprint(personID), map[string]int{"tags": 1})
	})
}

// PersonTags lists a person's tags by name.
func (s *Store) PersonTags(ctx context.Context, personID int64) ([]Tag, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT t.tag, COALESCE(NULLIF(u.name, ''), u.email, ''), t.created_at
		FROM person_tags t LEFT JOIN users u ON u.id = t.created_by WHERE t.person_id = ? ORDER BY t.tag`), personID)
	if err != nil {
		return nil, fmt.Errorf("tags of person %d: %w", personID, err)
	}
	defer rows.Close()
	out := []Tag{}
	for rows.Next() {
		var t Tag
		var at int64
		if err := rows.Scan(&t.Name, &t.By, &at); err != nil {
			return nil, fmt.Errorf("tags of person %d: %w", personID, err)
		}
		t.CreatedAt = fromMicro(at)
		out = append(out, t)
	}
	return out, rows.Err()
}

// Tags lists every tag in use with how many people carry it.
func (s *Store) Tags(ctx context.Context) ([]Count, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT tag, COUNT(*) FROM person_tags GROUP BY tag ORDER BY tag`)
	if err != nil {
		return nil, fmt.Errorf("tags: %w", err)
	}
	defer rows.Close()
	out := []Count{}
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Value, &c.N); err != nil {
			return nil, fmt.Errorf("tags: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) existingPerson(ctx context.Context, tx *sql.Tx, id int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM people WHERE id = ?`), id).Scan(&n); err != nil {
		return fmt.Errorf("person %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("person %d: %w", id, ErrNotFound)
	}
	return nil
}

// nullUser gives NULL for a user id of 0 (a token or the system).
func nullUser(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
