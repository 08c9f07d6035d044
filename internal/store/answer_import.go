package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// AnswerImport says what an import did. Changed holds the answers created or
// updated, as stored, for the caller to index.
type AnswerImport struct {
	Created   int                `json:"created"`
	Updated   int                `json:"updated"`
	Unchanged int                `json:"unchanged"`
	Changed   []knowledge.Record `json:"-"`
}

// ImportAnswers creates or updates answers by id, all in one transaction:
// a new id becomes version 1, a changed answer gets a new version (its uses
// are kept), an identical one is left alone. Every record must pass Check;
// the first that does not, or any database error, changes nothing.
func (s *Store) ImportAnswers(ctx context.Context, a Actor, recs []knowledge.Record) (AnswerImport, error) {
	var res AnswerImport
	for i := range recs {
		if err := recs[i].Check(); err != nil {
			return res, err
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res = AnswerImport{}
		for i := range recs {
			if err := s.importOne(ctx, tx, a, recs[i], &res); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, "answer.import", "", map[string]int{"created": res.Created, "updated": res.Updated, "unchanged": res.Unchanged})
	})
	if err != nil {
		return AnswerImport{}, err
	}
	return res, nil
}

func (s *Store) importOne(ctx context.Context, tx *sql.Tx, a Actor, r knowledge.Record, res *AnswerImport) error {
	cur, err := s.answerInTx(ctx, tx, r.ID)
	if errors.Is(err, ErrNotFound) {
		if r.Owner == "" {
			r.Owner = a.Name
		}
		if err := s.insertAnswer(ctx, tx, a, &r); err != nil {
			return err
		}
		res.Created++
		res.Changed = append(res.Changed, r)
		return nil
	}
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	r.Version, r.Uses = cur.Version, cur.Uses
	if r.Owner == "" {
		r.Owner = cur.Owner
	}
	if knowledge.SameContent(&cur, &r) {
		res.Unchanged++
		return nil
	}
	if err := s.writeVersion(ctx, tx, a, &r, "import"); err != nil {
		return err
	}
	res.Updated++
	res.Changed = append(res.Changed, r)
	return nil
}
