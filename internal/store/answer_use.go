package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// RecordAnswerUse persists what the index learnt when an agent sent an
// answer for a message (knowledge.Index.Learn): its examples and use count,
// and the use itself. It makes no new version: learning is not an edit, and
// each use is kept in the uses table with its message. learned.Version must
// still be the current version (else ErrStale), so a use never undoes an edit
// made meanwhile. messageID 0 records a use for no stored message.
func (s *Store) RecordAnswerUse(ctx context.Context, a Actor, learned knowledge.Answer, messageID int64) error {
	now := time.Now().UnixMicro()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE answers SET examples = ?, uses = ? WHERE id = ? AND version = ?`),
			jsonList(learned.Examples), learned.Uses, learned.ID, learned.Version)
		if err != nil {
			return fmt.Errorf("record use of answer %q: %w", learned.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return s.staleOrMissing(ctx, tx, learned.ID, learned.Version)
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO answer_uses (answer_id, message_id, actor, created_at) VALUES (?, ?, ?, ?)`),
			learned.ID, nullID(messageID), a.Name, now)
		if err != nil {
			return fmt.Errorf("record use of answer %q: %w", learned.ID, err)
		}
		return s.audit(ctx, tx, a, "answer.use", learned.ID, map[string]any{"message_id": messageID, "uses": learned.Uses})
	})
}

func (s *Store) staleOrMissing(ctx context.Context, tx *sql.Tx, id string, version int) error {
	cur, err := s.answerInTx(ctx, tx, id)
	if err != nil {
		return err
	}
	return fmt.Errorf("answer %q is at version %d, not %d: %w", id, cur.Version, version, ErrStale)
}

// AnswerUses counts the recorded uses of an answer.
func (s *Store) AnswerUses(ctx context.Context, id string) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM answer_uses WHERE answer_id = ?`), id).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("uses of answer %q: %w", id, err)
	}
	return n, nil
}
