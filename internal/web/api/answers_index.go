package api

import (
	"context"
	"sync"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// answerState serialises the changes of the library, so the index follows
// the store in order, and holds the index loaded on first use when the
// server was given none.
type answerState struct {
	mu     sync.Mutex // one change of the library at a time
	loadMu sync.Mutex
	loaded *knowledge.Index
}

// index returns the server's suggestion index: Knowledge, or one built from
// the store on first use.
func (s *Server) index(ctx context.Context) (*knowledge.Index, error) {
	if s.Knowledge != nil {
		return s.Knowledge, nil
	}
	s.answers.loadMu.Lock()
	defer s.answers.loadMu.Unlock()
	if s.answers.loaded == nil {
		ix, err := s.Store.AnswerIndex(ctx, knowledge.DefaultParams())
		if err != nil {
			return nil, err
		}
		s.answers.loaded = ix
	}
	return s.answers.loaded, nil
}
