package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// MessageFilter selects messages; zero fields select everything.
type MessageFilter struct {
	Department string
	Status     string
	Class      string
	Community  string
	Lang       string
	Channel    string
	Sentiment  string
	AssigneeID int64 // messages assigned to this user
	Since      time.Time
	Until      time.Time
	Query      string // full-text words, all required
	ThreadID   int64
	// Departments, when not nil, limits the result to these departments (an
	// agent's own); an empty non-nil slice selects nothing.
	Departments []string
	// Communities, when not empty, limits the result to messages of these
	// communities (a user's workspaces).
	Communities []string
	Limit       int
	Cursor      string // from a previous page's NextCursor
}

// MessagePage is one page of messages, newest first.
type MessagePage struct {
	Items      []message.Message `json:"items"`
	NextCursor string            `json:"next_cursor"`
}

// ErrBadCursor is returned for a cursor this store did not make.
var ErrBadCursor = errors.New("invalid cursor")

const messageColumns = `m.id, m.channel, m.external_id, m.thread_id, m.text, m.lang, m.url, m.in_reply_to,
	m.created_at, m.received_at, m.routed_at, m.sentiment, m.sentiment_score, m.class, m.confidence,
	m.model_version, m.signals, m.department, m.priority, m.status, m.requires_approval, m.escalated,
	COALESCE(m.assignee_id, 0), a.handle, a.name, a.followers, COALESCE(c.slug, ''),
	COALESCE((SELECT d.rule FROM routing_decisions d WHERE d.message_id = m.id ORDER BY d.id DESC LIMIT 1), ''),
	COALESCE((SELECT d.reason FROM routing_decisions d WHERE d.message_id = m.id ORDER BY d.id DESC LIMIT 1), '')`

const messageFrom = ` FROM messages m JOIN authors a ON a.id = m.author_id LEFT JOIN communities c ON c.id = m.community_id`

func scanMessage(row interface{ Scan(...any) error }) (message.Message, error) {
	var m message.Message
	var created, received, routed int64
	var sentiment, class, priority, status, signals string
	err := row.Scan(&m.ID, &m.Channel, &m.ExternalID, &m.ThreadID, &m.Text, &m.Analysis.Lang, &m.URL, &m.InReplyTo,
		&created, &received, &routed, &sentiment, &m.SentimentScore, &class, &m.Confidence,
		&m.ModelVersion, &signals, &m.Department, &priority, &status, &m.RequiresApproval, &m.Escalated,
		&m.AssigneeID, &m.Author.Handle, &m.Author.Name, &m.Author.Followers, &m.Community,
		&m.Rule, &m.Reason)
	if err != nil {
		return m, err
	}
	m.CreatedAt, m.ReceivedAt, m.RoutedAt = fromMicro(created), fromMicro(received), fromMicro(routed)
	m.Sentiment, m.Class = message.Sentiment(sentiment), message.Class(class)
	if signals != "[]" && signals != "" {
		json.Unmarshal([]byte(signals), &m.Signals)
	}
	m.Priority, m.Status = message.Priority(priority), message.Status(status)
	return m, nil
}

// Message returns one message by id.
func (s *Store) Message(ctx context.Context, id int64) (message.Message, error) {
	row := s.read.QueryRowContext(ctx, s.q(`SELECT `+messageColumns+messageFrom+` WHERE m.id = ?`), id)
	m, err := scanMessage(row)
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("message %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("message %d: %w", id, err)
	}
	return m, nil
}

// MessageByKey returns one message by channel and external id.
func (s *Store) MessageByKey(ctx context.Context, channel, externalID string) (message.Message, error) {
	row := s.read.QueryRowContext(ctx, s.q(`SELECT `+messageColumns+messageFrom+
		` WHERE m.channel = ? AND m.external_id = ?`), channel, externalID)
	m, err := scanMessage(row)
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("message %s:%s: %w", channel, externalID, ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("message %s:%s: %w", channel, externalID, err)
	}
	return m, nil
}

// Thread returns the messages of a thread, oldest first.
func (s *Store) Thread(ctx context.Context, threadID int64) ([]message.Message, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT `+messageColumns+messageFrom+
		` WHERE m.thread_id = ? ORDER BY m.created_at, m.id LIMIT 500`), threadID)
	if err != nil {
		return nil, fmt.Errorf("thread %d: %w", threadID, err)
	}
	return collectMessages(rows)
}

func collectMessages(rows *sql.Rows) ([]message.Message, error) {
	defer rows.Close()
	out := []message.Message{}
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("scan message: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Messages lists messages matching f, newest first, one page at a time.
func (s *Store) Messages(ctx context.Context, f MessageFilter) (MessagePage, error) {
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	where, args, err := s.messageConditions(f)
	if err != nil {
		return MessagePage{}, err
	}
	query := `SELECT ` + messageColumns + messageFrom
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY m.created_at DESC, m.id DESC LIMIT ` + strconv.Itoa(limit+1)
	rows, err := s.read.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return MessagePage{}, fmt.Errorf("list messages: %w", err)
	}
	items, err := collectMessages(rows)
	if err != nil {
		return MessagePage{}, err
	}
	page := MessagePage{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		last := items[limit-1]
		page.NextCursor = encodeCursor(micro(last.CreatedAt), last.ID)
	}
	return page, nil
}

func (s *Store) messageConditions(f MessageFilter) ([]string, []any, error) {
	var where []string
	var args []any
	eq := func(col, v string) {
		if v != "" {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	eq("m.department", f.Department)
	eq("m.status", f.Status)
	eq("m.class", f.Class)
	eq("c.slug", f.Community)
	eq("m.lang", f.Lang)
	eq("m.channel", f.Channel)
	eq("m.sentiment", f.Sentiment)
	if f.AssigneeID != 0 {
		where, args = append(where, "m.assignee_id = ?"), append(args, f.AssigneeID)
	}
	if f.ThreadID != 0 {
		where, args = append(where, "m.thread_id = ?"), append(args, f.ThreadID)
	}
	if !f.Since.IsZero() {
		where, args = append(where, "m.created_at >= ?"), append(args, micro(f.Since))
	}
	if !f.Until.IsZero() {
		where, args = append(where, "m.created_at < ?"), append(args, micro(f.Until))
	}
	if f.Departments != nil {
		where, args = s.inDepartments(where, args, f.Departments)
	}
	if len(f.Communities) > 0 {
		where = append(where, "c.slug IN ("+marks(len(f.Communities))+")")
		for _, c := range f.Communities {
			args = append(args, c)
		}
	}
	if clause, a, ok := s.searchClause(f.Query); ok {
		where, args = append(where, clause), append(args, a...)
	}
	if f.Cursor != "" {
		at, id, err := decodeCursor(f.Cursor)
		if err != nil {
			return nil, nil, err
		}
		where = append(where, "(m.created_at < ? OR (m.created_at = ? AND m.id < ?))")
		args = append(args, at, at, id)
	}
	return where, args, nil
}

func (s *Store) inDepartments(where []string, args []any, deps []string) ([]string, []any) {
	if len(deps) == 0 {
		return append(where, "1 = 0"), args
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(deps)), ", ")
	for _, d := range deps {
		args = append(args, d)
	}
	return append(where, "m.department IN ("+marks+")"), args
}

func encodeCursor(at, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(at, 10) + "." + strconv.FormatInt(id, 10)))
}

func decodeCursor(c string) (int64, int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, 0, ErrBadCursor
	}
	a, b, ok := strings.Cut(string(raw), ".")
	if !ok {
		return 0, 0, ErrBadCursor
	}
	at, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(b, 10, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, ErrBadCursor
	}
	return at, id, nil
}

// KnownKeys returns which of the external ids of one channel are stored already.
func (s *Store) KnownKeys(ctx context.Context, channel string, ids []string) (map[string]bool, error) {
	known := map[string]bool{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, channel)
		for _, id := range chunk {
			args = append(args, id)
		}
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ")
		rows, err := s.read.QueryContext(ctx, s.q(`SELECT external_id FROM messages WHERE channel = ? AND external_id IN (`+marks+`)`), args...)
		if err != nil {
			return nil, fmt.Errorf("known messages: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("known messages: %w", err)
			}
			known[id] = true
		}
		rows.Close()
	}
	return known, nil
}

// CountMessages gives how many messages are stored.
func (s *Store) CountMessages(ctx context.Context) (int64, error) {
	var n int64
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM messages`).Scan(&n)
	return n, err
}
