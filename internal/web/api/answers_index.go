package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// answerState serialises the changes of the library, so the index follows
// the store in order, and holds the index loaded on first use when the
// server was given none.
type answerState struct {
	mu     sync.Mutex // one change of the library at a time
	loadMu sync.Mutex
	loaded *knowledge.Index
	origin string // this server, in its announcements
	follow sync.Once
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

// answersChanged is the announcement of a change of the library to the
// other processes sharing the database: the ids to read again, or all.
type answersChanged struct {
	Origin string   `json:"origin"`
	IDs    []string `json:"ids,omitempty"`
	All    bool     `json:"all,omitempty"`
}

// maxAnnouncedIDs bounds an announcement; past it, the others reload all.
const maxAnnouncedIDs = 1000

// answersSubject is where the processes of one installation announce
// changes of the library, beside the routing configuration's subject.
func (s *Server) answersSubject() string {
	return strings.TrimSuffix(s.Bus.ConfigSubject, "config.changed") + "answers.changed"
}

// announceAnswers tells the other processes which answers changed, so their
// suggestions follow; a lost announcement leaves them stale until restart.
func (s *Server) announceAnswers(ids ...string) {
	if s.Bus == nil || len(ids) == 0 {
		return
	}
	msg := answersChanged{Origin: s.answers.origin, IDs: ids}
	if len(ids) > maxAnnouncedIDs {
		msg = answersChanged{Origin: s.answers.origin, All: true}
	}
	raw, _ := json.Marshal(msg)
	if err := s.Bus.Conn().Publish(s.answersSubject(), raw); err != nil {
		s.Log.Warn("announce answers change", "err", err)
	}
}

// followAnswers applies the changes other processes announce, once per server.
func (s *Server) followAnswers() {
	s.answers.follow.Do(func() {
		s.answers.origin = randomOrigin()
		if s.Bus == nil {
			return
		}
		_, err := s.Bus.Conn().Subscribe(s.answersSubject(), func(m *nats.Msg) {
			var c answersChanged
			if json.Unmarshal(m.Data, &c) == nil && c.Origin != s.answers.origin {
				s.refreshAnswers(c)
			}
		})
		if err == nil {
			err = s.Bus.Conn().Flush() // the subscription is in place before the server answers
		}
		if err != nil {
			s.Log.Error("follow answers changes", "err", err)
		}
	})
}

// refreshAnswers reads the announced answers from the store into the index.
// It holds the change lock, so it reads the latest state committed and no
// local change is put in between.
func (s *Server) refreshAnswers(c answersChanged) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ix, err := s.index(ctx)
	if err == nil {
		s.answers.mu.Lock()
		err = s.reindex(ctx, ix, c)
		s.answers.mu.Unlock()
	}
	if err != nil {
		s.Log.Error("apply answers change", "err", err)
	}
}

func (s *Server) reindex(ctx context.Context, ix *knowledge.Index, c answersChanged) error {
	if c.All {
		recs, err := s.Store.Answers(ctx, store.AnswerFilter{})
		for _, r := range recs {
			err = errors.Join(err, ix.Put(r.Answer))
		}
		return err
	}
	for _, id := range c.IDs {
		r, err := s.Store.Answer(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			ix.Remove(id)
			continue
		}
		if err == nil {
			err = ix.Put(r.Answer)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func randomOrigin() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
