package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// RollupDecision is one routing decision with what the rollups need of its
// message: an automatic decision counts a new message, a correction moves it
// from (FromDepartment, FromClass) to (Department, Class).
type RollupDecision struct {
	ID             int64
	MessageID      int64
	Kind           string // "auto" or "correction"
	Department     string
	Class          string
	FromDepartment string
	FromClass      string
	CommunityID    int64 // 0: no community
	Channel        string
	Lang           string
	Sentiment      string
	SentimentScore float64
	Text           string
	CreatedAt      time.Time // when the message was written
}

// RollupDecisionsAfter returns the routing decisions with id above after, by
// id, at most limit, joined to their messages.
func (s *Store) RollupDecisionsAfter(ctx context.Context, after int64, limit int) ([]RollupDecision, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT d.id, d.message_id, d.kind, d.department, d.class,
		d.from_department, d.from_class, COALESCE(m.community_id, 0), m.channel, m.lang, m.sentiment,
		m.sentiment_score, m.text, m.created_at
		FROM routing_decisions d JOIN messages m ON m.id = d.message_id
		WHERE d.id > ? ORDER BY d.id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("rollup decisions: %w", err)
	}
	defer rows.Close()
	var out []RollupDecision
	for rows.Next() {
		var d RollupDecision
		var at int64
		if err := rows.Scan(&d.ID, &d.MessageID, &d.Kind, &d.Department, &d.Class, &d.FromDepartment, &d.FromClass,
			&d.CommunityID, &d.Channel, &d.Lang, &d.Sentiment, &d.SentimentScore, &d.Text, &at); err != nil {
			return nil, fmt.Errorf("rollup decisions: %w", err)
		}
		d.CreatedAt = fromMicro(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// RollupAudit is one audit log entry, as the rollup worker reads it.
type RollupAudit struct {
	ID        int64
	Action    string
	Target    string
	Details   string
	CreatedAt time.Time
}

// RollupAuditAfter returns the audit entries with id above after, by id, at most limit.
func (s *Store) RollupAuditAfter(ctx context.Context, after int64, limit int) ([]RollupAudit, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, action, target, details, created_at FROM audit_log
		WHERE id > ? ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("rollup audit: %w", err)
	}
	defer rows.Close()
	var out []RollupAudit
	for rows.Next() {
		var a RollupAudit
		var at int64
		if err := rows.Scan(&a.ID, &a.Action, &a.Target, &a.Details, &at); err != nil {
			return nil, fmt.Errorf("rollup audit: %w", err)
		}
		a.CreatedAt = fromMicro(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// SLAFacts is what an SLA figure needs of a message: where it is, when it came
// and who has it.
type SLAFacts struct {
	MessageID   int64
	CommunityID int64
	Department  string
	ReceivedAt  time.Time
	AssigneeID  int64
}

// ReplySLAFacts returns, for the reply with this id, the facts of its message
// and the reply's author; ok is false when the reply or its message is gone.
func (s *Store) ReplySLAFacts(ctx context.Context, replyID int64) (f SLAFacts, author int64, ok bool, err error) {
	var at int64
	err = s.read.QueryRowContext(ctx, s.q(`SELECT m.id, COALESCE(m.community_id, 0), m.department, m.received_at,
		COALESCE(r.author_id, 0) FROM replies r JOIN messages m ON m.id = r.message_id WHERE r.id = ?`), replyID).
		Scan(&f.MessageID, &f.CommunityID, &f.Department, &at, &author)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return f, 0, false, nil
		}
		return f, 0, false, fmt.Errorf("reply %d for SLA: %w", replyID, err)
	}
	f.ReceivedAt = fromMicro(at)
	return f, author, true, nil
}

// MessageSLAFacts returns the facts of a message; ok is false when it is gone.
func (s *Store) MessageSLAFacts(ctx context.Context, id int64) (f SLAFacts, ok bool, err error) {
	var at int64
	err = s.read.QueryRowContext(ctx, s.q(`SELECT id, COALESCE(community_id, 0), department, received_at,
		COALESCE(assignee_id, 0) FROM messages WHERE id = ?`), id).
		Scan(&f.MessageID, &f.CommunityID, &f.Department, &at, &f.AssigneeID)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return f, false, nil
		}
		return f, false, fmt.Errorf("message %d for SLA: %w", id, err)
	}
	f.ReceivedAt = fromMicro(at)
	return f, true, nil
}

// RollupMark returns a high-water mark or counter of the rollup worker (0 when never set).
func (s *Store) RollupMark(ctx context.Context, name string) (int64, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT COALESCE(MAX(value), 0) FROM rollup_state WHERE name = ?`), name).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("rollup mark %s: %w", name, err)
	}
	return v, nil
}
