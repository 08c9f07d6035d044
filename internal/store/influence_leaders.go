package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// MaxLeaders bounds one page of opinion leaders.
const MaxLeaders = 200

// Leader is an opinion leader of a community: their influence, their stance
// toward the brand and their recent messages there.
type Leader struct {
	InfluenceScore
	PersonID  int64  `json:"person_id,omitempty"`
	Channel   string `json:"channel"`
	Handle    string `json:"handle"`
	Name      string `json:"name,omitempty"`
	Followers int64  `json:"followers"`
	// Stance is the mean sentiment of their messages (positive 1, neutral 0,
	// negative -1), from -1 (detractor) to 1 (advocate).
	Stance   float64         `json:"stance"`
	Messages int             `json:"messages"`
	Positive int             `json:"positive"`
	Neutral  int             `json:"neutral"`
	Negative int             `json:"negative"`
	Recent   []LeaderMessage `json:"recent"`
}

// LeaderMessage is one recent message of a leader.
type LeaderMessage struct {
	ID        int64     `json:"id"`
	Text      string    `json:"text"`
	Sentiment string    `json:"sentiment"`
	Class     string    `json:"class"`
	CreatedAt time.Time `json:"created_at"`
}

// LeaderFilter chooses the leaders to list.
type LeaderFilter struct {
	Community string // slug; "" for all communities
	Limit     int    // 1 to MaxLeaders; 20 when 0
	Recent    int    // recent messages per leader; 3 when 0
	// Departments, when not nil, limits the recent messages shown to these
	// departments (an empty list shows none), as the inbox is scoped.
	Departments []string
}

// Leaders ranks the people of a community by influence score, with their
// stance and recent messages. An unknown community is ErrNotFound.
func (s *Store) Leaders(ctx context.Context, f LeaderFilter) ([]Leader, error) {
	if f.Limit < 0 || f.Limit > MaxLeaders || f.Recent < 0 || f.Recent > 20 {
		return nil, fmt.Errorf("%w: limit 1 to %d, recent 0 to 20", ErrInvalidValue, MaxLeaders)
	}
	f.Limit = cmpOr(f.Limit, 20)
	f.Recent = cmpOr(f.Recent, 3)
	cid, err := s.communityIDOf(ctx, f.Community)
	if err != nil {
		return nil, err
	}
	out, err := s.rankedLeaders(ctx, cid, f.Limit)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.leaderDetail(ctx, &out[i], cid, f.Recent, f.Departments); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func (s *Store) rankedLeaders(ctx context.Context, cid int64, limit int) ([]Leader, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT i.author_id, i.score, i.pagerank, i.reach, i.engagement,
		  COALESCE(a.person_id, 0), a.channel, a.handle, a.name, a.followers
		FROM influence_scores i JOIN authors a ON a.id = i.author_id
		WHERE i.community_id = ? ORDER BY i.score DESC, i.author_id LIMIT ?`), cid, limit)
	if err != nil {
		return nil, fmt.Errorf("leaders: %w", err)
	}
	defer rows.Close()
	out := []Leader{}
	for rows.Next() {
		var l Leader
		if err := rows.Scan(&l.AuthorID, &l.Score, &l.PageRank, &l.Reach, &l.Engagement,
			&l.PersonID, &l.Channel, &l.Handle, &l.Name, &l.Followers); err != nil {
			return nil, fmt.Errorf("leaders: %w", err)
		}
		l.CommunityID = cid
		out = append(out, l)
	}
	return out, rows.Err()
}

// identityFilter is the SQL condition and arguments selecting the messages
// of a leader (every identity of their person) in community cid (0: all).
func identityFilter(l *Leader, cid int64) (string, []any) {
	cond, args := `m.author_id = ?`, []any{l.AuthorID}
	if l.PersonID != 0 {
		cond, args = `m.author_id IN (SELECT id FROM authors WHERE person_id = ?)`, []any{l.PersonID}
	}
	if cid != 0 {
		cond += ` AND m.community_id = ?`
		args = append(args, cid)
	}
	return cond, args
}

func (s *Store) leaderDetail(ctx context.Context, l *Leader, cid int64, recent int, deps []string) error {
	cond, args := identityFilter(l, cid)
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT m.sentiment, COUNT(*) FROM messages m WHERE `+cond+` GROUP BY m.sentiment`), args...)
	if err != nil {
		return fmt.Errorf("stance of author %d: %w", l.AuthorID, err)
	}
	for rows.Next() {
		var sent string
		var n int
		if err := rows.Scan(&sent, &n); err != nil {
			rows.Close()
			return fmt.Errorf("stance of author %d: %w", l.AuthorID, err)
		}
		l.tally(sent, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("stance of author %d: %w", l.AuthorID, err)
	}
	if deps != nil {
		where, a := s.inDepartments([]string{cond}, append([]any{}, args...), deps)
		cond, args = strings.Join(where, " AND "), a
	}
	l.Recent, err = s.leaderRecent(ctx, cond, args, recent)
	return err
}

func (l *Leader) tally(sentiment string, n int) {
	switch sentiment {
	case "positive":
		l.Positive += n
	case "negative":
		l.Negative += n
	default:
		l.Neutral += n
	}
	l.Messages += n
	if l.Messages > 0 {
		l.Stance = float64(l.Positive-l.Negative) / float64(l.Messages)
	}
}

func (s *Store) leaderRecent(ctx context.Context, cond string, args []any, n int) ([]LeaderMessage, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT m.id, m.text, m.sentiment, m.class, m.created_at FROM messages m
		WHERE `+cond+` ORDER BY m.created_at DESC, m.id DESC LIMIT ?`), append(args, n)...)
	if err != nil {
		return nil, fmt.Errorf("recent messages: %w", err)
	}
	defer rows.Close()
	out := []LeaderMessage{}
	for rows.Next() {
		var m LeaderMessage
		var at int64
		if err := rows.Scan(&m.ID, &m.Text, &m.Sentiment, &m.Class, &at); err != nil {
			return nil, fmt.Errorf("recent messages: %w", err)
		}
		m.CreatedAt = fromMicro(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Repeater is a person who wrote several messages of one class.
type Repeater struct {
	Channel  string    `json:"channel"`
	Handle   string    `json:"handle"` // the person's first identity (by handle)
	Messages int       `json:"messages"`
	First    time.Time `json:"first"`
	Last     time.Time `json:"last"`
}

// RepeatFilter chooses repeaters: people with at least Min messages of Class
// in Community ("" for all).
type RepeatFilter struct {
	Class     string
	Community string
	Min       int
	Limit     int // 20 when 0
}

// Repeaters lists people by how many messages of a class they wrote, most first.
func (s *Store) Repeaters(ctx context.Context, f RepeatFilter) ([]Repeater, error) {
	if f.Min < 1 || f.Limit < 0 || f.Limit > 1000 || strings.TrimSpace(f.Class) == "" {
		return nil, fmt.Errorf("%w: a class, min at least 1 and limit 0 to 1000", ErrInvalidValue)
	}
	cid, err := s.communityIDOf(ctx, f.Community)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT MIN(a.channel), MIN(a.handle), COUNT(*), MIN(m.created_at), MAX(m.created_at)
		FROM messages m JOIN authors a ON a.id = m.author_id
		WHERE m.class = ? AND (? = 0 OR m.community_id = ?)
		GROUP BY COALESCE(a.person_id, -a.id) HAVING COUNT(*) >= ?
		ORDER BY COUNT(*) DESC, MIN(a.handle) LIMIT ?`), f.Class, cid, cid, f.Min, cmpOr(f.Limit, 20))
	if err != nil {
		return nil, fmt.Errorf("repeaters: %w", err)
	}
	defer rows.Close()
	out := []Repeater{}
	for rows.Next() {
		var r Repeater
		var first, last int64
		if err := rows.Scan(&r.Channel, &r.Handle, &r.Messages, &first, &last); err != nil {
			return nil, fmt.Errorf("repeaters: %w", err)
		}
		r.First, r.Last = fromMicro(first), fromMicro(last)
		out = append(out, r)
	}
	return out, rows.Err()
}
