package store

import (
	"context"
	"fmt"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// AnswerIndex builds a suggestion index of the approved answers in the store.
func (s *Store) AnswerIndex(ctx context.Context, p knowledge.Params) (*knowledge.Index, error) {
	recs, err := s.Answers(ctx, AnswerFilter{State: knowledge.StateApproved})
	if err != nil {
		return nil, fmt.Errorf("load the answers to suggest: %w", err)
	}
	ix := knowledge.NewIndex(p)
	for _, r := range recs {
		if err := ix.Put(r.Answer); err != nil {
			return nil, fmt.Errorf("load the answers to suggest: %w", err)
		}
	}
	return ix, nil
}
