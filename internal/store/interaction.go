package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Interaction kinds: what one message did to another author.
const (
	InteractionReply   = "reply"
	InteractionMention = "mention"
	InteractionRepost  = "repost"
	InteractionQuote   = "quote"
)

// interactionCursorKey is the settings key of the last message read into the graph.
const interactionCursorKey = "influence.cursor"

// interactionRescan is how many message ids before the cursor are read again
// on PostgreSQL, where concurrent writers may commit ids out of order.
const interactionRescan = 500

// InteractionSource is one stored message as the interaction graph reads it.
type InteractionSource struct {
	MessageID      int64
	Channel        string
	AuthorID       int64
	CommunityID    int64 // 0 when the message belongs to no community
	ParentAuthorID int64 // the author of the message it replies to, 0 when unknown
	Text           string
	CreatedAt      time.Time
}

// Interaction is one edge of the graph: Source replied to, mentioned,
// reposted or quoted Target in message MessageID.
type Interaction struct {
	ID          int64 // 0 until stored
	MessageID   int64
	CommunityID int64
	Source      int64
	Target      int64
	Kind        string
	At          time.Time
}

// InteractionCursor returns the id of the last message read into the graph.
func (s *Store) InteractionCursor(ctx context.Context) (int64, error) {
	v, err := s.setting(ctx, interactionCursorKey)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("setting %s: %w", interactionCursorKey, err)
	}
	return n, nil
}

// InteractionSources returns up to limit messages stored after the message
// afterID (a little before on PostgreSQL, see interactionRescan), in id order.
func (s *Store) InteractionSources(ctx context.Context, afterID int64, limit int) ([]InteractionSource, error) {
	if s.dialect == Postgres {
		afterID = max(0, afterID-interactionRescan)
	}
	rows, err := s.read.QueryContext(ctx, s.q(sourceQuery+` WHERE m.id > ? ORDER BY m.id LIMIT ?`), afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("interaction sources: %w", err)
	}
	return scanSources(rows)
}

// sourceQuery reads messages with the author of the message each replies to.
const sourceQuery = `SELECT m.id, m.channel, m.author_id, COALESCE(m.community_id, 0),
	  COALESCE(p.author_id, 0), m.text, m.created_at
	FROM messages m LEFT JOIN messages p ON m.in_reply_to <> '' AND p.channel = m.channel AND p.external_id = m.in_reply_to`

func scanSources(rows *sql.Rows) ([]InteractionSource, error) {
	defer rows.Close()
	var out []InteractionSource
	for rows.Next() {
		var src InteractionSource
		var at int64
		if err := rows.Scan(&src.MessageID, &src.Channel, &src.AuthorID, &src.CommunityID, &src.ParentAuthorID, &src.Text, &at); err != nil {
			return nil, fmt.Errorf("interaction sources: %w", err)
		}
		src.CreatedAt = fromMicro(at)
		out = append(out, src)
	}
	return out, rows.Err()
}

// ResolveHandles finds the authors of one channel with these handles,
// compared without case; the answer is keyed by the lower-cased handle and,
// when two authors differ only by case, holds the first one. Handles no
// author has are absent from it.
func (s *Store) ResolveHandles(ctx context.Context, channel string, handles []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(handles) == 0 {
		return out, nil
	}
	args := []any{channel}
	for _, h := range handles {
		args = append(args, strings.ToLower(h))
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(handles)), ",")
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT lower(handle), id FROM authors
		WHERE channel = ? AND lower(handle) IN (`+marks+`) ORDER BY id`), args...)
	if err != nil {
		return nil, fmt.Errorf("resolve handles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h string
		var id int64
		if err := rows.Scan(&h, &id); err != nil {
			return nil, fmt.Errorf("resolve handles: %w", err)
		}
		if _, ok := out[h]; !ok {
			out[h] = id
		}
	}
	return out, rows.Err()
}

// AddInteractions stores edges (an edge already stored is kept once),
// remembers the messages to read again (retry: they named handles no author
// had yet) and moves the cursor to the message cursor (unless it is below
// 0), in one transaction.
func (s *Store) AddInteractions(ctx context.Context, edges []Interaction, retry []InteractionSource, cursor int64) (int, error) {
	added := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, s.q(`INSERT INTO interactions
			(message_id, community_id, source_author_id, target_author_id, kind, created_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (message_id, kind, target_author_id) DO NOTHING`))
		if err != nil {
			return fmt.Errorf("prepare interaction: %w", err)
		}
		defer st.Close()
		for _, e := range edges {
			res, err := st.ExecContext(ctx, e.MessageID, nullID(e.CommunityID), e.Source, e.Target, e.Kind, micro(e.At))
			if err != nil {
				return fmt.Errorf("interaction of message %d: %w", e.MessageID, err)
			}
			n, _ := res.RowsAffected()
			added += int(n)
		}
		for _, r := range retry {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO interaction_retry (message_id, created_at) VALUES (?, ?)
				ON CONFLICT (message_id) DO NOTHING`), r.MessageID, micro(r.CreatedAt)); err != nil {
				return fmt.Errorf("retry of message %d: %w", r.MessageID, err)
			}
		}
		if cursor < 0 {
			return nil
		}
		return s.setSetting(ctx, tx, interactionCursorKey, strconv.FormatInt(cursor, 10))
	})
	return added, err
}

// RetrySources forgets the messages to read again created before since and
// returns the others.
func (s *Store) RetrySources(ctx context.Context, since time.Time) ([]InteractionSource, error) {
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM interaction_retry WHERE created_at < ?`), micro(since)); err != nil {
		return nil, fmt.Errorf("expire interaction retries: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, sourceQuery+` WHERE m.id IN (SELECT message_id FROM interaction_retry) ORDER BY m.id`)
	if err != nil {
		return nil, fmt.Errorf("interaction retries: %w", err)
	}
	return scanSources(rows)
}

// RetriesDone forgets messages whose handles are all resolved now.
func (s *Store) RetriesDone(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM interaction_retry WHERE message_id = ?`), id); err != nil {
			return fmt.Errorf("retry of message %d done: %w", id, err)
		}
	}
	return nil
}

// InteractionsAfter returns the edges of the graph (of every community)
// stored after edge id after, in id order.
func (s *Store) InteractionsAfter(ctx context.Context, after int64) ([]Interaction, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, message_id, COALESCE(community_id, 0), source_author_id,
		target_author_id, kind, created_at FROM interactions WHERE id > ? ORDER BY id`), after)
	if err != nil {
		return nil, fmt.Errorf("interactions: %w", err)
	}
	defer rows.Close()
	var out []Interaction
	for rows.Next() {
		var e Interaction
		var at int64
		if err := rows.Scan(&e.ID, &e.MessageID, &e.CommunityID, &e.Source, &e.Target, &e.Kind, &at); err != nil {
			return nil, fmt.Errorf("interactions: %w", err)
		}
		e.At = fromMicro(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// PruneInfluence deletes the edges and scores of authors that no longer
// exist (erased, or purged by retention), so nothing of them stays in the
// graph; it returns how many edges went.
func (s *Store) PruneInfluence(ctx context.Context) (int64, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM interactions
			WHERE NOT EXISTS (SELECT 1 FROM authors a WHERE a.id = interactions.source_author_id)
			   OR NOT EXISTS (SELECT 1 FROM authors a WHERE a.id = interactions.target_author_id)`)
		if err != nil {
			return fmt.Errorf("prune interactions: %w", err)
		}
		n, _ = res.RowsAffected()
		_, err = tx.ExecContext(ctx, `DELETE FROM influence_scores
			WHERE NOT EXISTS (SELECT 1 FROM authors a WHERE a.id = influence_scores.author_id)`)
		if err != nil {
			return fmt.Errorf("prune influence scores: %w", err)
		}
		return nil
	})
	return n, err
}

// NewestMessageAt returns when the newest stored message was written (zero
// when there is none).
func (s *Store) NewestMessageAt(ctx context.Context) (time.Time, error) {
	var at sql.NullInt64
	if err := s.read.QueryRowContext(ctx, `SELECT MAX(created_at) FROM messages`).Scan(&at); err != nil {
		return time.Time{}, fmt.Errorf("newest message: %w", err)
	}
	return fromMicro(at.Int64), nil
}
