package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// MergePeople moves every identity of person from to person into and deletes
// from: both are one human being. Merging a person with itself is refused.
func (s *Store) MergePeople(ctx context.Context, a Actor, into, from int64) (Person, error) {
	if into == from {
		return Person{}, fmt.Errorf("merge person %d into itself: %w", into, ErrConflict)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range []int64{into, from} {
			if _, err := s.lockPerson(ctx, tx, id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE authors SET person_id = ? WHERE person_id = ?`), into, from); err != nil {
			return fmt.Errorf("merge person %d into %d: %w", from, into, err)
		}
		if err := s.moveProfile(ctx, tx, into, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM people WHERE id = ?`), from); err != nil {
			return fmt.Errorf("merge person %d into %d: %w", from, into, err)
		}
		return s.audit(ctx, tx, a, "person.merge", fmt.Sprint(into), map[string]int64{"merged": from})
	})
	if err != nil {
		return Person{}, err
	}
	return s.Person(ctx, into)
}

// UnmergeIdentity takes one identity (author) out of a person into a new
// person of its own, which it returns. The identity must belong to the
// person, and the person must keep at least one.
func (s *Store) UnmergeIdentity(ctx context.Context, a Actor, personID, authorID int64) (Person, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		ids, err := s.lockPerson(ctx, tx, personID)
		if err != nil {
			return err
		}
		if err := checkUnmerge(ids, personID, authorID); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, s.q(`INSERT INTO people (created_at) VALUES (?) RETURNING id`), time.Now().UnixMicro()).Scan(&id)
		if err != nil {
			return fmt.Errorf("unmerge author %d: %w", authorID, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE authors SET person_id = ? WHERE id = ?`), id, authorID); err != nil {
			return fmt.Errorf("unmerge author %d: %w", authorID, err)
		}
		return s.audit(ctx, tx, a, "person.unmerge", fmt.Sprint(personID), map[string]int64{"author_id": authorID, "new_person": id})
	})
	if err != nil {
		return Person{}, err
	}
	return s.Person(ctx, id)
}

func checkUnmerge(ids []Identity, personID, authorID int64) error {
	for _, i := range ids {
		if i.AuthorID != authorID {
			continue
		}
		if len(ids) == 1 {
			return fmt.Errorf("author %d is the only identity of person %d: %w", authorID, personID, ErrNoIdentities)
		}
		return nil
	}
	return fmt.Errorf("author %d of person %d: %w", authorID, personID, ErrNotFound)
}
