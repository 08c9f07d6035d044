package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Reply statuses.
const (
	ReplyPendingApproval = "pending_approval" // waits for a reviewer
	ReplyRejected        = "rejected"         // returned to its author with the reviewer's comment
	ReplyQueued          = "queued"           // on the outbound stream
	ReplySent            = "sent"             // posted; ExternalID is the network's id
	ReplyFailed          = "failed"           // could not be posted; Error says why
)

// Reply is an answer written by an agent to a message.
type Reply struct {
	ID            int64     `json:"id"`
	MessageID     int64     `json:"message_id"`
	AuthorID      int64     `json:"author_id,omitempty"`
	Body          string    `json:"body"`
	Status        string    `json:"status"`
	ReviewerID    int64     `json:"reviewer_id,omitempty"`
	ReviewComment string    `json:"review_comment,omitempty"`
	ExternalID    string    `json:"external_id,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	SentAt        time.Time `json:"sent_at"`
}

// CreateReply records a reply; it waits for approval when needsApproval,
// else it is queued for sending (the caller then publishes it on the
// outbound stream).
func (s *Store) CreateReply(ctx context.Context, a Actor, messageID int64, body string, needsApproval bool) (Reply, error) {
	r := Reply{MessageID: messageID, AuthorID: a.UserID, Body: body, Status: ReplyQueued, CreatedAt: time.Now().UTC()}
	if needsApproval {
		r.Status = ReplyPendingApproval
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO replies (message_id, author_id, body, status, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`),
			messageID, nullID(a.UserID), body, r.Status, micro(r.CreatedAt)).Scan(&r.ID)
		if err != nil {
			return fmt.Errorf("create reply to message %d: %w", messageID, err)
		}
		return s.audit(ctx, tx, a, "reply.create", fmt.Sprint(r.ID), map[string]any{"message_id": messageID, "status": r.Status})
	})
	return r, err
}

// Reply returns one reply.
func (s *Store) Reply(ctx context.Context, id int64) (Reply, error) {
	row := s.db.QueryRowContext(ctx, s.q(`SELECT id, message_id, COALESCE(author_id, 0), body, status, COALESCE(reviewer_id, 0),
		review_comment, external_id, created_at, sent_at FROM replies WHERE id = ?`), id)
	var r Reply
	var created int64
	var sent *int64
	err := row.Scan(&r.ID, &r.MessageID, &r.AuthorID, &r.Body, &r.Status, &r.ReviewerID, &r.ReviewComment, &r.ExternalID, &created, &sent)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("reply %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("reply %d: %w", id, err)
	}
	r.CreatedAt, r.SentAt = fromMicro(created), fromNullMicro(sent)
	return r, nil
}

// MarkReplySent records that a reply was posted, with the network's id for
// it. It is what makes sending idempotent: a reply marked sent is not sent again.
func (s *Store) MarkReplySent(ctx context.Context, id int64, externalID string) error {
	return s.setReplyOutcome(ctx, id, ReplySent, externalID, "")
}

// MarkReplyFailed records that a reply could not be posted, and why.
func (s *Store) MarkReplyFailed(ctx context.Context, id int64, reason string) error {
	return s.setReplyOutcome(ctx, id, ReplyFailed, "", reason)
}

func (s *Store) setReplyOutcome(ctx context.Context, id int64, status, externalID, reason string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE replies SET status = ?, external_id = ?, sent_at = ?,
			review_comment = CASE WHEN ? <> '' THEN ? ELSE review_comment END WHERE id = ?`),
			status, externalID, time.Now().UnixMicro(), reason, reason, id)
		if err != nil {
			return fmt.Errorf("reply %d %s: %w", id, status, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("reply %d: %w", id, ErrNotFound)
		}
		if status == ReplySent {
			if err := s.replyOutboxTx(ctx, tx, id); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, Actor{Name: "outbound"}, "reply."+status, fmt.Sprint(id), map[string]string{"external_id": externalID, "reason": reason})
	})
}

// QueuedReplies returns the ids of replies queued before the given time and
// not yet sent: those whose hand-over to the outbound stream may have been
// lost (a crash between approval and queuing), to queue again.
func (s *Store) QueuedReplies(ctx context.Context, before time.Time, limit int) ([]int64, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id FROM replies WHERE status = ? AND created_at < ? ORDER BY id LIMIT ?`),
		ReplyQueued, micro(before), limit)
	if err != nil {
		return nil, fmt.Errorf("queued replies: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("queued replies: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
