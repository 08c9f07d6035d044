package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// emailChannel is the channel whose handles are email addresses.
const emailChannel = "email"

// sameEmail is one identity sharing its email address with another.
type sameEmail struct {
	authorID int64
	address  string
	personID sql.NullInt64
}

// MergeSameEmail groups into one person the identities that share an email
// address (compared without case or surrounding spaces): strong evidence of
// one human being. People already holding such identities are merged. It
// returns how many addresses were merged; each is audited without the address.
func (s *Store) MergeSameEmail(ctx context.Context, a Actor) (int, error) {
	merged := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		found, err := s.sharedEmails(ctx, tx)
		if err != nil {
			return err
		}
		for _, group := range groupByAddress(found) {
			changed, err := s.mergeGroup(ctx, tx, a, group)
			if err != nil {
				return err
			}
			if changed {
				merged++
			}
		}
		return nil
	})
	return merged, err
}

func (s *Store) sharedEmails(ctx context.Context, tx *sql.Tx) ([]sameEmail, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT id, LOWER(TRIM(handle)), person_id FROM authors
		WHERE channel = ? AND LOWER(TRIM(handle)) IN (SELECT LOWER(TRIM(handle)) FROM authors
			WHERE channel = ? GROUP BY LOWER(TRIM(handle)) HAVING COUNT(*) > 1)
		ORDER BY LOWER(TRIM(handle)), id`), emailChannel, emailChannel)
	if err != nil {
		return nil, fmt.Errorf("identities sharing an email address: %w", err)
	}
	return scanRows(rows, func(r *sql.Rows) (sameEmail, error) {
		var e sameEmail
		return e, r.Scan(&e.authorID, &e.address, &e.personID)
	})
}

// groupByAddress splits identities, ordered by address, into groups.
func groupByAddress(found []sameEmail) [][]sameEmail {
	var out [][]sameEmail
	for i, e := range found {
		if i == 0 || !strings.EqualFold(found[i-1].address, e.address) {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], e)
	}
	return out
}

// mergeGroup puts every identity of a group, and every identity of the
// people they belong to, in one person: the first one found, or a new one.
func (s *Store) mergeGroup(ctx context.Context, tx *sql.Tx, a Actor, group []sameEmail) (bool, error) {
	target, changed := int64(0), false
	for _, e := range group {
		if e.personID.Valid {
			target = e.personID.Int64
			break
		}
	}
	if target == 0 {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO people (created_at) VALUES (?) RETURNING id`), time.Now().UnixMicro()).Scan(&target)
		if err != nil {
			return false, fmt.Errorf("merge same email: %w", err)
		}
	}
	var ids []int64
	for _, e := range group {
		ids = append(ids, e.authorID)
		if e.personID.Valid && e.personID.Int64 == target {
			continue
		}
		changed = true
		if err := s.moveToPerson(ctx, tx, e, target); err != nil {
			return false, err
		}
	}
	if !changed {
		return false, nil
	}
	return true, s.audit(ctx, tx, a, "person.automerge", fmt.Sprint(target), map[string]any{"evidence": "same email address", "author_ids": ids})
}

// moveToPerson moves an identity, and the whole person it belongs to if any,
// into person target.
func (s *Store) moveToPerson(ctx context.Context, tx *sql.Tx, e sameEmail, target int64) error {
	if !e.personID.Valid {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE authors SET person_id = ? WHERE id = ?`), target, e.authorID)
		if err != nil {
			return fmt.Errorf("merge same email: author %d: %w", e.authorID, err)
		}
		return nil
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE authors SET person_id = ? WHERE person_id = ?`), target, e.personID.Int64); err != nil {
		return fmt.Errorf("merge same email: person %d: %w", e.personID.Int64, err)
	}
	if err := s.moveProfile(ctx, tx, target, e.personID.Int64); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM people WHERE id = ?`), e.personID.Int64); err != nil {
		return fmt.Errorf("merge same email: person %d: %w", e.personID.Int64, err)
	}
	return nil
}
