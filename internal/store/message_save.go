package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Saved is the outcome of storing one message.
type Saved struct {
	ID        int64
	Duplicate bool // the message was already stored (same channel and external id)
}

// saveStmts are the statements one batch of messages uses, prepared once per batch.
type saveStmts struct {
	parent, author, thread, msg, decision *sql.Stmt
}

func (s *Store) prepareSave(ctx context.Context, tx *sql.Tx) (*saveStmts, error) {
	queries := []string{
		`SELECT thread_id FROM messages WHERE channel = ? AND external_id = ?`,
		`INSERT INTO authors (channel, handle, name, followers, first_seen_at, last_seen_at)
		 VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT (channel, handle) DO UPDATE SET
		   name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE authors.name END,
		   followers = excluded.followers, last_seen_at = excluded.last_seen_at
		 RETURNING id`,
		`INSERT INTO threads (channel, root_external_id, created_at, last_message_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (channel, root_external_id) DO UPDATE SET
		   last_message_at = CASE WHEN excluded.last_message_at > threads.last_message_at
		     THEN excluded.last_message_at ELSE threads.last_message_at END
		 RETURNING id`,
		`INSERT INTO messages (channel, external_id, thread_id, author_id, community_id, text, lang, url,
		   in_reply_to, created_at, received_at, routed_at, sentiment, sentiment_score, class, confidence,
		   model_version, signals, department, priority, status, requires_approval, escalated)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (channel, external_id) DO NOTHING
		 RETURNING id`,
		`INSERT INTO routing_decisions (message_id, kind, department, class, confidence, rule, reason,
		   model_version, created_at) VALUES (?, 'auto', ?, ?, ?, ?, ?, ?, ?)`,
	}
	stmts := make([]*sql.Stmt, len(queries))
	for i, q := range queries {
		st, err := tx.PrepareContext(ctx, s.q(q))
		if err != nil {
			return nil, fmt.Errorf("prepare save: %w", err)
		}
		stmts[i] = st
	}
	return &saveStmts{stmts[0], stmts[1], stmts[2], stmts[3], stmts[4]}, nil
}

// SaveMessages stores analysed and routed messages in one transaction, with
// their authors, threads and routing decisions. A message already stored (same
// channel and external id) is left as it is and reported as a duplicate, so a
// redelivered message is stored once. Each stored message gets its ID and ThreadID.
func (s *Store) SaveMessages(ctx context.Context, msgs []*message.Message) ([]Saved, error) {
	out := make([]Saved, len(msgs))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := s.prepareSave(ctx, tx)
		if err != nil {
			return err
		}
		for i, m := range msgs {
			if out[i], err = s.saveOne(ctx, tx, st, m); err != nil {
				return fmt.Errorf("save message %s: %w", m.Key(), err)
			}
		}
		return s.indexText(ctx, tx, out)
	})
	if err != nil {
		s.forgetCommunities() // ids cached in the rolled-back transaction may not exist
		return nil, err
	}
	return out, nil
}

func (s *Store) forgetCommunities() {
	s.mu.Lock()
	s.communities = map[string]int64{}
	s.mu.Unlock()
	s.authors.clear()
}

func (s *Store) saveOne(ctx context.Context, tx *sql.Tx, st *saveStmts, m *message.Message) (Saved, error) {
	authorID, err := s.saveAuthor(ctx, st, m)
	if err != nil {
		return Saved{}, err
	}
	if m.ThreadID, err = s.saveThread(ctx, tx, st, m); err != nil {
		return Saved{}, err
	}
	community, err := s.communityID(ctx, tx, m.Community)
	if err != nil {
		return Saved{}, err
	}
	var id int64
	err = st.msg.QueryRowContext(ctx, m.Channel, m.ExternalID, m.ThreadID, authorID, community, m.Text,
		m.Analysis.Lang, m.URL, m.InReplyTo, micro(m.CreatedAt), micro(m.ReceivedAt), micro(m.RoutedAt),
		string(m.Sentiment), m.SentimentScore, string(m.Class), m.Confidence, m.ModelVersion, signalsJSON(m.Signals),
		m.Department, string(m.Priority), string(m.Status), m.RequiresApproval, m.Escalated).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) { // stored before (a redelivery) or by another process meanwhile
		return Saved{Duplicate: true}, nil
	}
	if err != nil {
		return Saved{}, err
	}
	m.ID = id
	_, err = st.decision.ExecContext(ctx, id, m.Department, string(m.Class), m.Confidence, m.Rule,
		m.Reason, m.ModelVersion, micro(m.RoutedAt))
	return Saved{ID: id}, err
}

// saveAuthor finds or creates the author and keeps their name and followers
// current. An author seen recently with the same profile is not written again.
func (s *Store) saveAuthor(ctx context.Context, st *saveStmts, m *message.Message) (int64, error) {
	key := m.Channel + "\x00" + m.Author.Handle
	seen := micro(m.CreatedAt)
	if c, ok := s.authors.get(key); ok && c.name == m.Author.Name && c.followers == m.Author.Followers && seen-c.seen < authorRefresh {
		return c.id, nil
	}
	var id int64
	err := st.author.QueryRowContext(ctx, m.Channel, m.Author.Handle, m.Author.Name, m.Author.Followers, seen, seen).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("author: %w", err)
	}
	s.authors.put(key, cachedAuthor{id: id, name: m.Author.Name, followers: m.Author.Followers, seen: seen})
	return id, nil
}

// saveThread finds or opens the thread of m: the thread of the message it
// replies to when that is stored, else the thread rooted at the message it
// replies to (which joins it when it arrives), else a thread of its own. A
// message arriving after its replies brings their thread into its own.
func (s *Store) saveThread(ctx context.Context, tx *sql.Tx, st *saveStmts, m *message.Message) (int64, error) {
	at := micro(m.CreatedAt)
	if m.InReplyTo != "" {
		var tid int64
		err := st.parent.QueryRowContext(ctx, m.Channel, m.InReplyTo).Scan(&tid)
		if err == nil {
			return tid, s.adoptReplies(ctx, tx, m, tid)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("thread parent: %w", err)
		}
	}
	root := m.ExternalID
	if m.InReplyTo != "" {
		root = m.InReplyTo
	}
	var tid int64
	if err := st.thread.QueryRowContext(ctx, m.Channel, root, at, at).Scan(&tid); err != nil {
		return 0, fmt.Errorf("thread: %w", err)
	}
	if m.InReplyTo != "" {
		return tid, s.adoptReplies(ctx, tx, m, tid)
	}
	return tid, nil // replies that came first opened this very thread
}

// adoptReplies moves replies that arrived before m, and opened a thread rooted
// at m, into m's thread.
func (s *Store) adoptReplies(ctx context.Context, tx *sql.Tx, m *message.Message, tid int64) error {
	var orphan int64
	err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM threads WHERE channel = ? AND root_external_id = ?`),
		m.Channel, m.ExternalID).Scan(&orphan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("thread of earlier replies: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE messages SET thread_id = ? WHERE thread_id = ?`), tid, orphan); err != nil {
		return fmt.Errorf("join earlier replies: %w", err)
	}
	_, err = tx.ExecContext(ctx, s.q(`DELETE FROM threads WHERE id = ?`), orphan)
	return err
}

// communityID finds or creates the community with this slug; empty gives NULL.
func (s *Store) communityID(ctx context.Context, tx *sql.Tx, slug string) (any, error) {
	if slug == "" {
		return nil, nil
	}
	s.mu.Lock()
	id, ok := s.communities[slug]
	s.mu.Unlock()
	if ok {
		return id, nil
	}
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO communities (slug, name, created_at) VALUES (?, ?, ?)
		ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id`),
		slug, slug, time.Now().UnixMicro()).Scan(&id)
	if err != nil {
		return nil, fmt.Errorf("community %q: %w", slug, err)
	}
	s.mu.Lock()
	s.communities[slug] = id
	s.mu.Unlock()
	return id, nil
}

func signalsJSON(s []string) string {
	if len(s) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// indexText adds the new messages to SQLite's full-text index in one
// statement (PostgreSQL indexes a generated column by itself).
func (s *Store) indexText(ctx context.Context, tx *sql.Tx, saved []Saved) error {
	if s.dialect != SQLite {
		return nil
	}
	ids := make([]any, 0, len(saved))
	for _, sv := range saved {
		if !sv.Duplicate {
			ids = append(ids, sv.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	_, err := tx.ExecContext(ctx, `INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE id IN (`+marks+`)`, ids...)
	if err != nil {
		return fmt.Errorf("index text: %w", err)
	}
	return nil
}
