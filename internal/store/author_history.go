package store

import (
	"context"
	"fmt"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// AuthorMessages returns the newest messages of the author of a message
// (same channel and handle), other than that message, at most limit: the
// author's past conversations and their sentiment.
func (s *Store) AuthorMessages(ctx context.Context, messageID int64, limit int) ([]message.Message, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT `+messageColumns+messageFrom+`
		WHERE m.author_id = (SELECT author_id FROM messages WHERE id = ?) AND m.id <> ?
		ORDER BY m.created_at DESC LIMIT ?`), messageID, messageID, limit)
	if err != nil {
		return nil, fmt.Errorf("messages of the author of message %d: %w", messageID, err)
	}
	return collectMessages(rows)
}
