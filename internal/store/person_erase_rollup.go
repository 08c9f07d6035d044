package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// CountTermsWith tells the store how the rollups extract terms from a text
// (analytics.Terms), so that erasing a person takes the words of their
// messages out of the term rollups. Without it, erase leaves those counts.
func (s *Store) CountTermsWith(terms func(text string) []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rollupTerms = terms
}

func (s *Store) termExtractor() func(string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rollupTerms
}

// forgetRollupTerms takes the terms of an erased message out of the term
// rollups, if the rollup worker counted it already (its automatic routing
// decision is at or below the worker's mark); rows falling to zero go.
func (s *Store) forgetRollupTerms(ctx context.Context, tx *sql.Tx, messageID int64) error {
	terms := s.termExtractor()
	if terms == nil {
		return nil
	}
	var text string
	var community, created int64
	var counted bool
	err := tx.QueryRowContext(ctx, s.q(`SELECT m.text, COALESCE(m.community_id, 0), m.created_at,
		EXISTS (SELECT 1 FROM routing_decisions d, rollup_state r WHERE d.message_id = m.id AND d.kind = 'auto'
			AND r.name = 'decisions' AND d.id <= r.value)
		FROM messages m WHERE m.id = ?`), messageID).Scan(&text, &community, &created, &counted)
	if err != nil {
		return fmt.Errorf("erase message %d from the rollups: %w", messageID, err)
	}
	if !counted {
		return nil
	}
	day := micro(fromMicro(created).UTC().Truncate(24 * time.Hour))
	for _, t := range terms(text) {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE rollup_terms SET n = n - 1 WHERE community_id = ? AND day = ? AND term = ?`),
			community, day, t); err != nil {
			return fmt.Errorf("erase message %d from the rollups: %w", messageID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM rollup_terms WHERE community_id = ? AND day = ? AND n <= 0`), community, day); err != nil {
		return fmt.Errorf("erase message %d from the rollups: %w", messageID, err)
	}
	return nil
}
