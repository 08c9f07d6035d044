package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Note is an internal comment on a conversation, never sent out. People named
// with @ in it are mentioned: they see the note in their mentions and may open
// the conversation even outside their departments.
type Note struct {
	ID         int64     `json:"id"`
	MessageID  int64     `json:"message_id"`
	AuthorID   int64     `json:"author_id"`
	AuthorName string    `json:"author_name"`
	Body       string    `json:"body"`
	Mentions   []int64   `json:"mentions,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// CreateNote records a note and its mentions in one transaction, audited.
func (s *Store) CreateNote(ctx context.Context, a Actor, n Note) (Note, error) {
	n.CreatedAt = time.Now().UTC()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO notes (message_id, author_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id`),
			n.MessageID, nullID(n.AuthorID), n.Body, micro(n.CreatedAt)).Scan(&n.ID)
		if err != nil {
			return fmt.Errorf("create note on message %d: %w", n.MessageID, err)
		}
		for _, uid := range n.Mentions {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO note_mentions (note_id, user_id) VALUES (?, ?)`), n.ID, uid); err != nil {
				return fmt.Errorf("mention user %d: %w", uid, err)
			}
		}
		return s.audit(ctx, tx, a, "note.create", fmt.Sprint(n.MessageID), map[string]any{"note_id": n.ID, "mentions": n.Mentions})
	})
	return n, err
}

// Notes returns a conversation's notes, oldest first.
func (s *Store) Notes(ctx context.Context, messageID int64) ([]Note, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT n.id, n.message_id, COALESCE(n.author_id, 0), COALESCE(u.name, ''), n.body, n.created_at
		FROM notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.message_id = ? ORDER BY n.id LIMIT 500`), messageID)
	if err != nil {
		return nil, fmt.Errorf("notes of message %d: %w", messageID, err)
	}
	return collectNotes(rows)
}

// Mentions returns the newest notes that mention a user, at most limit.
func (s *Store) Mentions(ctx context.Context, userID int64, limit int) ([]Note, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT n.id, n.message_id, COALESCE(n.author_id, 0), COALESCE(u.name, ''), n.body, n.created_at
		FROM note_mentions nm JOIN notes n ON n.id = nm.note_id LEFT JOIN users u ON u.id = n.author_id
		WHERE nm.user_id = ? ORDER BY n.id DESC LIMIT ?`), userID, limit)
	if err != nil {
		return nil, fmt.Errorf("mentions of user %d: %w", userID, err)
	}
	return collectNotes(rows)
}

// IsMentioned reports whether a note on the message mentions the user.
func (s *Store) IsMentioned(ctx context.Context, messageID, userID int64) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM note_mentions nm JOIN notes n ON n.id = nm.note_id
		WHERE n.message_id = ? AND nm.user_id = ?`), messageID, userID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("mentions on message %d: %w", messageID, err)
	}
	return n > 0, nil
}

func collectNotes(rows *sql.Rows) ([]Note, error) {
	defer rows.Close()
	out := []Note{}
	for rows.Next() {
		var n Note
		var at int64
		if err := rows.Scan(&n.ID, &n.MessageID, &n.AuthorID, &n.AuthorName, &n.Body, &at); err != nil {
			return nil, fmt.Errorf("scan note: %w", err)
		}
		n.CreatedAt = fromMicro(at)
		out = append(out, n)
	}
	return out, rows.Err()
}
