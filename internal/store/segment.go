package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// SegmentFilter selects people; every condition set must hold. An author
// not grouped into a person counts as a person of their own (they carry no
// tag and no field).
type SegmentFilter struct {
	Query          string           `json:"q,omitempty"` // in a handle, a name or a tag, no case
	Tag            string           `json:"tag,omitempty"`
	Fields         []FieldCondition `json:"fields,omitempty"`
	Community      string           `json:"community,omitempty"` // wrote at least one message there
	Language       string           `json:"language,omitempty"`  // wrote at least one message in it
	Sentiment      string           `json:"sentiment,omitempty"` // at least half their messages have it
	MinFollowers   int64            `json:"min_followers,omitempty"`
	SeenWithinDays int              `json:"seen_within_days,omitempty"`
	MinComplaints  int              `json:"min_complaints,omitempty"` // messages classed complaint
}

// FieldCondition compares a custom field's value: eq, ne, lt, lte, gt, gte
// (numbers as numbers, dates and texts as text), contains (text, no case)
// or set (any value).
type FieldCondition struct {
	Key   string `json:"key"`
	Op    string `json:"op"`
	Value string `json:"value,omitempty"`
}

// Segment is a saved filter; a shared segment is seen by every user, the
// others by their owner only.
type Segment struct {
	ID        int64         `json:"id"`
	Name      string        `json:"name"`
	Filter    SegmentFilter `json:"filter"`
	OwnerID   int64         `json:"owner_id,omitempty"`
	Shared    bool          `json:"shared"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
}

// SegmentMember is one person (or lone author) in a segment.
type SegmentMember struct {
	PersonID   int64     `json:"person_id,omitempty"` // 0 for an author not grouped yet
	AuthorID   int64     `json:"author_id"`           // an identity of the person
	Handle     string    `json:"handle"`
	Name       string    `json:"name"`
	Followers  int64     `json:"followers"`
	LastSeenAt time.Time `json:"last_seen_at"`
}

var fieldOps = []string{"eq", "ne", "lt", "lte", "gt", "gte", "contains", "set"}

// checkFilter validates a filter against the defined fields.
func (s *Store) checkFilter(ctx context.Context, f *SegmentFilter) (map[string]CustomField, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: filter: "+format, append([]any{ErrInvalidValue}, args...)...)
	}
	if f.Tag != "" {
		t, err := NormalizeTag(f.Tag)
		if err != nil {
			return nil, err
		}
		f.Tag = t
	}
	switch {
	case utf8.RuneCountInString(f.Query) > 100:
		return nil, bad("q: at most 100 characters")
	case f.Community != "" && !slugPattern.MatchString(f.Community):
		return nil, bad("community %q", f.Community)
	case f.Language != "" && !langPattern.MatchString(f.Language):
		return nil, bad("language %q", f.Language)
	case f.Sentiment != "" && !containsString([]string{"positive", "neutral", "negative"}, f.Sentiment):
		return nil, bad("sentiment %q: positive, neutral or negative", f.Sentiment)
	case f.MinFollowers < 0 || f.SeenWithinDays < 0 || f.MinComplaints < 0 || f.SeenWithinDays > MaxRetentionDays:
		return nil, bad("min_followers, seen_within_days and min_complaints must be positive")
	case len(f.Fields) > 20:
		return nil, bad("at most 20 field conditions")
	}
	return s.checkFieldConditions(ctx, f.Fields)
}

func (s *Store) checkFieldConditions(ctx context.Context, conds []FieldCondition) (map[string]CustomField, error) {
	byKey := map[string]CustomField{}
	for i, c := range conds {
		f, err := s.CustomField(ctx, c.Key)
		if errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("%w: filter: no custom field %q", ErrInvalidValue, c.Key)
		}
		if err != nil {
			return nil, err
		}
		if !containsString(fieldOps, c.Op) {
			return nil, fmt.Errorf("%w: filter: field %s: op %q: want eq, ne, lt, lte, gt, gte, contains or set", ErrInvalidValue, c.Key, c.Op)
		}
		if c.Op == "contains" && (!utf8.ValidString(c.Value) || utf8.RuneCountInString(c.Value) > maxFieldTextRunes) {
			return nil, fmt.Errorf("%w: filter: field %s: contains: at most %d characters", ErrInvalidValue, c.Key, maxFieldTextRunes)
		}
		if c.Op != "set" && c.Op != "contains" {
			if conds[i].Value, err = f.CheckValue(c.Value); err != nil {
				return nil, err
			}
		}
		byKey[c.Key] = f
	}
	return byKey, nil
}

// unitKey groups authors into people (lone authors alone): the person id,
// or minus the author id.
const unitKey = `CASE WHEN a.person_id IS NULL THEN -a.id ELSE a.person_id END`

// segmentQuery is a filter as SQL: the units (people) with what the
// conditions need, joined to their messages' counts only when asked.
type segmentQuery struct {
	from  string
	where []string
	args  []any
}

// segmentSQL turns a checked filter into one query over the units: one pass
// over the authors, and one over the messages when a condition is on them.
func (s *Store) segmentSQL(f SegmentFilter, fields map[string]CustomField, community int64, now time.Time) segmentQuery {
	var q segmentQuery
	units := `SELECT ` + unitKey + ` AS k, MAX(a.person_id) AS pid, MIN(a.id) AS aid, SUM(a.followers) AS followers, MAX(a.last_seen_at) AS seen`
	like := "%" + likeEscape(strings.ToLower(strings.TrimSpace(f.Query))) + "%"
	if f.Query != "" {
		units += `, MAX(CASE WHEN LOWER(a.handle) LIKE ? ESCAPE '\' OR LOWER(a.name) LIKE ? ESCAPE '\' THEN 1 ELSE 0 END) AS qhit`
		q.args = append(q.args, like, like)
	}
	q.from = `(` + units + ` FROM authors a GROUP BY ` + unitKey + `) u`
	if f.Community != "" || f.Language != "" || f.Sentiment != "" || f.MinComplaints > 0 {
		msgs := `SELECT ` + unitKey + ` AS k, COUNT(*) AS n, SUM(CASE WHEN m.class = 'complaint' THEN 1 ELSE 0 END) AS complaints,
			SUM(CASE WHEN m.sentiment = ? THEN 1 ELSE 0 END) AS sent, MAX(CASE WHEN m.lang = ? THEN 1 ELSE 0 END) AS lang_hit,
			MAX(CASE WHEN m.community_id = ? THEN 1 ELSE 0 END) AS comm_hit
			FROM messages m JOIN authors a ON a.id = m.author_id GROUP BY ` + unitKey
		q.from += ` JOIN (` + msgs + `) ms ON ms.k = u.k`
		q.args = append(q.args, f.Sentiment, f.Language, community)
	}
	add := func(cond string, a ...any) { q.where, q.args = append(q.where, cond), append(q.args, a...) }
	if f.Query != "" {
		add(`(u.qhit = 1 OR EXISTS (SELECT 1 FROM person_tags t WHERE t.person_id = u.pid AND t.tag LIKE ? ESCAPE '\'))`, like)
	}
	if f.Tag != "" {
		add(`EXISTS (SELECT 1 FROM person_tags t WHERE t.person_id = u.pid AND t.tag = ?)`, f.Tag)
	}
	for _, c := range f.Fields {
		cond, a := s.fieldCondition(c, fields[c.Key])
		add(`EXISTS (SELECT 1 FROM person_fields v JOIN custom_fields cf ON cf.id = v.field_id WHERE v.person_id = u.pid AND cf.key = ? AND `+cond+`)`,
			append([]any{c.Key}, a...)...)
	}
	if f.Community != "" {
		add(`ms.comm_hit = 1`)
	}
	if f.Language != "" {
		add(`ms.lang_hit = 1`)
	}
	if f.Sentiment != "" {
		add(`2 * ms.sent >= ms.n`)
	}
	if f.MinComplaints > 0 {
		add(`ms.complaints >= ?`, f.MinComplaints)
	}
	if f.MinFollowers > 0 {
		add(`u.followers >= ?`, f.MinFollowers)
	}
	if f.SeenWithinDays > 0 {
		add(`u.seen >= ?`, now.AddDate(0, 0, -f.SeenWithinDays).UnixMicro())
	}
	return q
}

func (s *Store) fieldCondition(c FieldCondition, f CustomField) (string, []any) {
	ops := map[string]string{"eq": "=", "ne": "<>", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}
	switch {
	case c.Op == "set":
		return "1 = 1", nil
	case c.Op == "contains":
		return `LOWER(v.value) LIKE ? ESCAPE '\'`, []any{"%" + likeEscape(strings.ToLower(c.Value)) + "%"}
	case f.Type == FieldNumber:
		num := "REAL"
		if s.dialect == Postgres {
			num = "DOUBLE PRECISION"
		}
		return "CAST(v.value AS " + num + ") " + ops[c.Op] + " CAST(? AS " + num + ")", []any{c.Value}
	}
	return "v.value " + ops[c.Op] + " ?", []any{c.Value}
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// SegmentMembers evaluates a filter: the matching people by reach, at most
// limit (0: 100), and how many match in all.
func (s *Store) SegmentMembers(ctx context.Context, f SegmentFilter, limit int) ([]SegmentMember, int, error) {
	fields, err := s.checkFilter(ctx, &f)
	if err != nil {
		return nil, 0, err
	}
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	community := int64(-1) // no community has it: nobody matches an unknown slug
	if f.Community != "" {
		err := s.read.QueryRowContext(ctx, s.q(`SELECT id FROM communities WHERE slug = ?`), f.Community).Scan(&community)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, 0, fmt.Errorf("segment community %q: %w", f.Community, err)
		}
	}
	q := s.segmentSQL(f, fields, community, time.Now())
	cond := ""
	if len(q.where) > 0 {
		cond = ` WHERE ` + strings.Join(q.where, ` AND `)
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT COALESCE(u.pid, 0), u.aid, au.handle, au.name, u.followers, u.seen, COUNT(*) OVER () FROM `+q.from+
		` JOIN authors au ON au.id = u.aid`+cond+` ORDER BY u.followers DESC, u.aid LIMIT `+fmt.Sprint(limit)), q.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("segment members: %w", err)
	}
	defer rows.Close()
	out := []SegmentMember{}
	total := 0
	for rows.Next() {
		var m SegmentMember
		var seen int64
		if err := rows.Scan(&m.PersonID, &m.AuthorID, &m.Handle, &m.Name, &m.Followers, &seen, &total); err != nil {
			return nil, 0, fmt.Errorf("segment members: %w", err)
		}
		m.LastSeenAt = fromMicro(seen)
		out = append(out, m)
	}
	return out, total, rows.Err()
}

func checkSegmentName(name string) error {
	if strings.TrimSpace(name) == "" || utf8.RuneCountInString(name) > 100 {
		return fmt.Errorf("%w: segment name: 1 to 100 characters", ErrInvalidValue)
	}
	return nil
}

// SaveSegment creates (ID 0) or updates a segment. Only its owner, or an
// actor allowed by the caller (admin), updates it.
func (s *Store) SaveSegment(ctx context.Context, a Actor, seg Segment) (Segment, error) {
	if err := checkSegmentName(seg.Name); err != nil {
		return Segment{}, err
	}
	if _, err := s.checkFilter(ctx, &seg.Filter); err != nil {
		return Segment{}, err
	}
	raw, _ := json.Marshal(seg.Filter)
	now := time.Now().UnixMicro()
	id := seg.ID
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if id == 0 {
			err := tx.QueryRowContext(ctx, s.q(`INSERT INTO segments (name, filters, owner_id, shared, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
				strings.TrimSpace(seg.Name), string(raw), nullUser(a.UserID), seg.Shared, now, now).Scan(&id)
			if err != nil {
				return fmt.Errorf("create segment: %w", err)
			}
			return s.audit(ctx, tx, a, "segment.create", fmt.Sprint(id), map[string]string{"name": seg.Name})
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE segments SET name = ?, filters = ?, shared = ?, updated_at = ? WHERE id = ?`),
			strings.TrimSpace(seg.Name), string(raw), seg.Shared, now, id)
		if err != nil {
			return fmt.Errorf("update segment %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("segment %d: %w", id, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "segment.update", fmt.Sprint(id), map[string]string{"name": seg.Name})
	})
	if err != nil {
		return Segment{}, err
	}
	return s.Segment(ctx, id)
}

// DeleteSegment deletes a segment.
func (s *Store) DeleteSegment(ctx context.Context, a Actor, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM segments WHERE id = ?`), id)
		if err != nil {
			return fmt.Errorf("delete segment %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("segment %d: %w", id, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "segment.delete", fmt.Sprint(id), map[string]string{})
	})
}

const segmentColumns = `id, name, filters, COALESCE(owner_id, 0), shared, created_at, updated_at`

// Segment returns one segment.
func (s *Store) Segment(ctx context.Context, id int64) (Segment, error) {
	seg, err := scanSegment(s.read.QueryRowContext(ctx, s.q(`SELECT `+segmentColumns+` FROM segments WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return seg, fmt.Errorf("segment %d: %w", id, ErrNotFound)
	}
	return seg, err
}

// Segments lists the segments a user sees: theirs and the shared ones
// (every segment when userID is 0 and all is true).
func (s *Store) Segments(ctx context.Context, userID int64, all bool) ([]Segment, error) {
	query, args := `SELECT `+segmentColumns+` FROM segments WHERE shared = ? OR owner_id = ? ORDER BY name, id`, []any{true, userID}
	if all {
		query, args = `SELECT `+segmentColumns+` FROM segments ORDER BY name, id`, nil
	}
	rows, err := s.read.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("segments: %w", err)
	}
	defer rows.Close()
	out := []Segment{}
	for rows.Next() {
		seg, err := scanSegment(rows)
		if err != nil {
			return nil, fmt.Errorf("segments: %w", err)
		}
		out = append(out, seg)
	}
	return out, rows.Err()
}

func scanSegment(row interface{ Scan(...any) error }) (Segment, error) {
	var seg Segment
	var raw string
	var created, updated int64
	if err := row.Scan(&seg.ID, &seg.Name, &raw, &seg.OwnerID, &seg.Shared, &created, &updated); err != nil {
		return seg, err
	}
	if err := json.Unmarshal([]byte(raw), &seg.Filter); err != nil {
		return seg, fmt.Errorf("segment %d filter: %w", seg.ID, err)
	}
	seg.CreatedAt, seg.UpdatedAt = fromMicro(created), fromMicro(updated)
	return seg, nil
}
