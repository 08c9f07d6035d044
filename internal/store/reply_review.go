package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ErrNotPending is returned when a reply reviewed is no longer waiting for approval.
var ErrNotPending = fmt.Errorf("reply is not waiting for approval: %w", ErrConflict)

// PendingReply is a reply waiting for a reviewer, with what the reviewer needs to judge it.
type PendingReply struct {
	Reply
	AuthorName  string `json:"author_name"`
	Department  string `json:"department"`
	MessageText string `json:"message_text"`
}

// ApproveReply moves a reply from the reviewer queue to the outbound queue;
// the caller then publishes it (Bus.QueueReply).
func (s *Store) ApproveReply(ctx context.Context, a Actor, id int64) error {
	return s.review(ctx, a, id, ReplyQueued, "", "reply.approve")
}

// RejectReply returns a reply to its author with the reviewer's comment.
func (s *Store) RejectReply(ctx context.Context, a Actor, id int64, comment string) error {
	return s.review(ctx, a, id, ReplyRejected, comment, "reply.reject")
}

func (s *Store) review(ctx context.Context, a Actor, id int64, status, comment, action string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE replies SET status = ?, reviewer_id = ?, review_comment = ?
			WHERE id = ? AND status = ?`), status, nullID(a.UserID), comment, id, ReplyPendingApproval)
		if err != nil {
			return fmt.Errorf("review reply %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("reply %d: %w", id, ErrNotPending)
		}
		return s.audit(ctx, tx, a, action, fmt.Sprint(id), map[string]string{"comment": comment})
	})
}

// Replies returns the replies to a message, oldest first.
func (s *Store) Replies(ctx context.Context, messageID int64) ([]Reply, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, message_id, COALESCE(author_id, 0), body, status, COALESCE(reviewer_id, 0),
		review_comment, external_id, created_at, sent_at FROM replies WHERE message_id = ? ORDER BY id`), messageID)
	if err != nil {
		return nil, fmt.Errorf("replies to message %d: %w", messageID, err)
	}
	defer rows.Close()
	out := []Reply{}
	for rows.Next() {
		var r Reply
		var created int64
		var sent *int64
		if err := rows.Scan(&r.ID, &r.MessageID, &r.AuthorID, &r.Body, &r.Status, &r.ReviewerID, &r.ReviewComment,
			&r.ExternalID, &created, &sent); err != nil {
			return nil, fmt.Errorf("replies to message %d: %w", messageID, err)
		}
		r.CreatedAt, r.SentAt = fromMicro(created), fromNullMicro(sent)
		out = append(out, r)
	}
	return out, rows.Err()
}

// PendingReplies lists the replies waiting for approval in these departments
// (nil: all), oldest first.
func (s *Store) PendingReplies(ctx context.Context, departments []string) ([]PendingReply, error) {
	where, args := []string{"r.status = ?"}, []any{ReplyPendingApproval}
	if departments != nil {
		where, args = s.inDepartments(where, args, departments)
	}
	q := `SELECT r.id, r.message_id, COALESCE(r.author_id, 0), r.body, r.created_at, COALESCE(u.name, ''), m.department, m.text
		FROM replies r JOIN messages m ON m.id = r.message_id LEFT JOIN users u ON u.id = r.author_id
		WHERE ` + joinAnd(where) + ` ORDER BY r.id LIMIT 200`
	rows, err := s.read.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return nil, fmt.Errorf("replies waiting for approval: %w", err)
	}
	defer rows.Close()
	out := []PendingReply{}
	for rows.Next() {
		var p PendingReply
		var created int64
		if err := rows.Scan(&p.ID, &p.MessageID, &p.AuthorID, &p.Body, &created, &p.AuthorName, &p.Department, &p.MessageText); err != nil {
			return nil, fmt.Errorf("replies waiting for approval: %w", err)
		}
		p.Status, p.CreatedAt = ReplyPendingApproval, fromMicro(created)
		out = append(out, p)
	}
	return out, rows.Err()
}

func joinAnd(where []string) string { return strings.Join(where, " AND ") }
