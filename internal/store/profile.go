package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Profile is everything a person's page shows: identities, bio, reach,
// languages, communities, conversations and their sentiment over time, tags,
// notes and custom fields.
type Profile struct {
	Person
	Bio           string           `json:"bio"`
	Followers     int64            `json:"followers"` // summed over the identities
	LastSeenAt    time.Time        `json:"last_seen_at,omitzero"`
	Languages     []Count          `json:"languages"`
	Communities   []Count          `json:"communities"`
	Messages      int              `json:"messages"`
	Complaints    int              `json:"complaints"`
	Conversations []Conversation   `json:"conversations"`
	Sentiment     []SentimentPoint `json:"sentiment"`
	Tags          []Tag            `json:"tags"`
	Notes         []PersonNote     `json:"notes"`
	Fields        []FieldValue     `json:"fields"`
}

// Count is a value and how many messages have it.
type Count struct {
	Value string `json:"value"`
	N     int    `json:"n"`
}

// Conversation is one message of the person, with what the analysis made of it.
type Conversation struct {
	MessageID  int64     `json:"message_id"`
	ThreadID   int64     `json:"thread_id"`
	Channel    string    `json:"channel"`
	Community  string    `json:"community"`
	Department string    `json:"department"`
	Text       string    `json:"text"`
	Sentiment  string    `json:"sentiment"`
	Class      string    `json:"class"`
	Status     string    `json:"status"`
	CreatedAt  time.Time `json:"created_at"`
}

// SentimentPoint counts the person's messages of one week by sentiment.
type SentimentPoint struct {
	Week     time.Time `json:"week"` // Monday 00:00 UTC
	Positive int       `json:"positive"`
	Neutral  int       `json:"neutral"`
	Negative int       `json:"negative"`
	Score    float64   `json:"score"` // mean sentiment score
}

// Limits on a profile.
const (
	MaxBioRunes         = 2000
	profileConversation = 200
	profileSentimentMsg = 5000
)

// Profile assembles a person's profile.
func (s *Store) Profile(ctx context.Context, id int64) (Profile, error) {
	return s.ProfileIn(ctx, id, nil)
}

// ProfileIn assembles a person's profile whose conversations are those of
// the given departments only (nil: every department; an empty list: none),
// the newest first: an agent sees their departments' conversations even when
// the person wrote more recently elsewhere.
func (s *Store) ProfileIn(ctx context.Context, id int64, departments []string) (Profile, error) {
	p, err := s.Person(ctx, id)
	if err != nil {
		return Profile{}, err
	}
	pr := Profile{Person: p}
	if err := s.read.QueryRowContext(ctx, s.q(`SELECT bio FROM people WHERE id = ?`), id).Scan(&pr.Bio); err != nil {
		return pr, fmt.Errorf("profile %d: %w", id, err)
	}
	for _, i := range p.Identities {
		pr.Followers += i.Followers
		if i.LastSeenAt.After(pr.LastSeenAt) {
			pr.LastSeenAt = i.LastSeenAt
		}
	}
	if err := s.profileCounts(ctx, &pr); err != nil {
		return pr, err
	}
	if err := s.profileConversations(ctx, &pr, departments); err != nil {
		return pr, err
	}
	if err := s.profileSentiment(ctx, &pr); err != nil {
		return pr, err
	}
	if pr.Tags, err = s.PersonTags(ctx, id); err != nil {
		return pr, err
	}
	if pr.Notes, err = s.PersonNotes(ctx, id); err != nil {
		return pr, err
	}
	pr.Fields, err = s.PersonFields(ctx, id)
	return pr, err
}

// personMessages is the FROM and WHERE of the messages of a person's identities.
const personMessages = ` FROM messages m JOIN authors a ON a.id = m.author_id WHERE a.person_id = ?`

func (s *Store) profileCounts(ctx context.Context, pr *Profile) error {
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COUNT(*), COALESCE(SUM(CASE WHEN m.class = 'complaint' THEN 1 ELSE 0 END), 0)`+personMessages), pr.ID).
		Scan(&pr.Messages, &pr.Complaints)
	if err != nil {
		return fmt.Errorf("profile %d counts: %w", pr.ID, err)
	}
	if pr.Languages, err = s.countBy(ctx, `m.lang`, ``, pr.ID); err != nil {
		return err
	}
	pr.Communities, err = s.countBy(ctx, `c.slug`, ` JOIN communities c ON c.id = m.community_id`, pr.ID)
	return err
}

func (s *Store) countBy(ctx context.Context, col, join string, id int64) ([]Count, error) {
	query := `SELECT ` + col + `, COUNT(*) FROM messages m JOIN authors a ON a.id = m.author_id` + join +
		` WHERE a.person_id = ? AND ` + col + ` <> '' GROUP BY ` + col + ` ORDER BY COUNT(*) DESC, ` + col
	rows, err := s.read.QueryContext(ctx, s.q(query), id)
	if err != nil {
		return nil, fmt.Errorf("profile %d by %s: %w", id, col, err)
	}
	defer rows.Close()
	out := []Count{}
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Value, &c.N); err != nil {
			return nil, fmt.Errorf("profile %d by %s: %w", id, col, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) profileConversations(ctx context.Context, pr *Profile, departments []string) error {
	where, args := []string{"a.person_id = ?"}, []any{pr.ID}
	if departments != nil {
		where, args = s.inDepartments(where, args, departments)
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT m.id, m.thread_id, m.channel, COALESCE(c.slug, ''), m.department, m.text, m.sentiment, m.class, m.status, m.created_at
		FROM messages m JOIN authors a ON a.id = m.author_id LEFT JOIN communities c ON c.id = m.community_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY m.created_at DESC, m.id DESC LIMIT `+fmt.Sprint(profileConversation)), args...)
	if err != nil {
		return fmt.Errorf("profile %d conversations: %w", pr.ID, err)
	}
	defer rows.Close()
	pr.Conversations = []Conversation{}
	for rows.Next() {
		var c Conversation
		var at int64
		if err := rows.Scan(&c.MessageID, &c.ThreadID, &c.Channel, &c.Community, &c.Department, &c.Text, &c.Sentiment, &c.Class, &c.Status, &at); err != nil {
			return fmt.Errorf("profile %d conversations: %w", pr.ID, err)
		}
		c.CreatedAt = fromMicro(at)
		pr.Conversations = append(pr.Conversations, c)
	}
	return rows.Err()
}

// profileSentiment counts the newest messages by week and sentiment.
func (s *Store) profileSentiment(ctx context.Context, pr *Profile) error {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT m.created_at, m.sentiment, m.sentiment_score`+personMessages+
		` ORDER BY m.created_at DESC LIMIT `+fmt.Sprint(profileSentimentMsg)), pr.ID)
	if err != nil {
		return fmt.Errorf("profile %d sentiment: %w", pr.ID, err)
	}
	defer rows.Close()
	weeks := map[int64]*SentimentPoint{}
	for rows.Next() {
		var at int64
		var sent string
		var score float64
		if err := rows.Scan(&at, &sent, &score); err != nil {
			return fmt.Errorf("profile %d sentiment: %w", pr.ID, err)
		}
		addSentiment(weeks, fromMicro(at), sent, score)
	}
	pr.Sentiment = sortedWeeks(weeks)
	return rows.Err()
}

func addSentiment(weeks map[int64]*SentimentPoint, at time.Time, sent string, score float64) {
	day := at.Truncate(24 * time.Hour)
	monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	p, ok := weeks[monday.Unix()]
	if !ok {
		p = &SentimentPoint{Week: monday}
		weeks[monday.Unix()] = p
	}
	n := float64(p.Positive + p.Neutral + p.Negative)
	p.Score = (p.Score*n + score) / (n + 1)
	switch sent {
	case "positive":
		p.Positive++
	case "negative":
		p.Negative++
	default:
		p.Neutral++
	}
}

func sortedWeeks(weeks map[int64]*SentimentPoint) []SentimentPoint {
	out := make([]SentimentPoint, 0, len(weeks))
	for _, p := range weeks {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Week.Before(out[j].Week) })
	return out
}

// SetBio sets a person's bio (at most MaxBioRunes characters).
func (s *Store) SetBio(ctx context.Context, a Actor, id int64, bio string) error {
	bio = strings.TrimSpace(bio)
	if !utf8.ValidString(bio) || utf8.RuneCountInString(bio) > MaxBioRunes {
		return fmt.Errorf("%w: bio: at most %d characters", ErrInvalidValue, MaxBioRunes)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE people SET bio = ? WHERE id = ?`), bio, id)
		if err != nil {
			return fmt.Errorf("bio of person %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("person %d: %w", id, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "person.bio", fmt.Sprint(id), map[string]int{"runes": utf8.RuneCountInString(bio)})
	})
}

// PersonOfAuthor returns the person an author belongs to; an author standing
// alone gets a person of their own first (audited as person.create), so a
// profile can hold tags, notes and fields.
func (s *Store) PersonOfAuthor(ctx context.Context, a Actor, authorID int64) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var person sql.NullInt64
		err := tx.QueryRowContext(ctx, s.q(`SELECT person_id FROM authors WHERE id = ?`), authorID).Scan(&person)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("author %d: %w", authorID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("author %d: %w", authorID, err)
		}
		if person.Valid {
			id = person.Int64
			return nil
		}
		err = tx.QueryRowContext(ctx, s.q(`INSERT INTO people (created_at) VALUES (?) RETURNING id`), time.Now().UnixMicro()).Scan(&id)
		if err != nil {
			return fmt.Errorf("person of author %d: %w", authorID, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE authors SET person_id = ? WHERE id = ?`), id, authorID); err != nil {
			return fmt.Errorf("person of author %d: %w", authorID, err)
		}
		return s.audit(ctx, tx, a, "person.create", fmt.Sprint(id), map[string]any{"author_ids": []int64{authorID}, "reason": "profile"})
	})
	return id, err
}

// moveProfile gives person into the tags, notes, field values and bio of
// person from (whose own values yield to into's), before from is deleted.
func (s *Store) moveProfile(ctx context.Context, tx *sql.Tx, into, from int64) error {
	stmts := []string{
		`INSERT INTO person_tags (person_id, tag, created_by, created_at)
		 SELECT ?, tag, created_by, created_at FROM person_tags WHERE person_id = ?
		 ON CONFLICT (person_id, tag) DO NOTHING`,
		`INSERT INTO person_fields (person_id, field_id, value, updated_at)
		 SELECT ?, field_id, value, updated_at FROM person_fields WHERE person_id = ?
		 ON CONFLICT (person_id, field_id) DO NOTHING`,
		`UPDATE person_notes SET person_id = ? WHERE person_id = ?`,
		`UPDATE people SET bio = (SELECT bio FROM people WHERE id = ?) WHERE id = ? AND bio = ''`,
	}
	args := [][]any{{into, from}, {into, from}, {into, from}, {from, into}}
	for i, q := range stmts {
		if _, err := tx.ExecContext(ctx, s.q(q), args[i]...); err != nil {
			return fmt.Errorf("move profile of person %d into %d: %w", from, into, err)
		}
	}
	return nil
}

// AuthorPerson finds the author of a channel and handle and their person
// (0 when they stand alone).
func (s *Store) AuthorPerson(ctx context.Context, channel, handle string) (authorID, personID int64, err error) {
	var person sql.NullInt64
	err = s.read.QueryRowContext(ctx, s.q(`SELECT id, person_id FROM authors WHERE channel = ? AND handle = ?`), channel, handle).Scan(&authorID, &person)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, fmt.Errorf("author %s %s: %w", channel, handle, ErrNotFound)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("author %s %s: %w", channel, handle, err)
	}
	return authorID, person.Int64, nil
}
