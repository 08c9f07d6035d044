package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// PersonExport is everything held about a person (GDPR access and
// portability): identities, their messages with the replies to them, the
// internal notes on them, how they were routed, and the incidents they
// appear in.
type PersonExport struct {
	Person           Person             `json:"person"`
	ExportedAt       time.Time          `json:"exported_at"`
	Messages         []message.Message  `json:"messages"`
	Replies          []Reply            `json:"replies"`
	Notes            []Note             `json:"notes"`
	RoutingDecisions []ExportedDecision `json:"routing_decisions"`
	Incidents        []ExportedIncident `json:"incidents"`
	Profile          ExportedProfile    `json:"profile"`
}

// ExportedProfile is what users wrote about the person: bio, tags, notes and
// custom field values.
type ExportedProfile struct {
	Bio    string       `json:"bio"`
	Tags   []Tag        `json:"tags"`
	Notes  []PersonNote `json:"notes"`
	Fields []FieldValue `json:"fields"`
}

// ExportedDecision is one routing decision on a person's message.
type ExportedDecision struct {
	MessageID  int64     `json:"message_id"`
	Kind       string    `json:"kind"`
	Department string    `json:"department"`
	Class      string    `json:"class"`
	Reason     string    `json:"reason"`
	CreatedAt  time.Time `json:"created_at"`
}

// ExportedIncident is an incident that gathered one of a person's messages.
type ExportedIncident struct {
	IncidentID int64     `json:"incident_id"`
	MessageID  int64     `json:"message_id"`
	Community  string    `json:"community"`
	Title      string    `json:"title"`
	Status     string    `json:"status"`
	PostedAt   time.Time `json:"posted_at"`
}

// ExportPerson gathers everything held about a person. It fails with
// ErrNotFound when there is no such person.
func (s *Store) ExportPerson(ctx context.Context, id int64) (PersonExport, error) {
	p, err := s.Person(ctx, id)
	if err != nil {
		return PersonExport{}, err
	}
	out := PersonExport{Person: p, ExportedAt: time.Now().UTC(), Messages: []message.Message{}, Replies: []Reply{},
		Notes: []Note{}, RoutingDecisions: []ExportedDecision{}, Incidents: []ExportedIncident{}}
	if out.Profile, err = s.exportProfile(ctx, id); err != nil {
		return PersonExport{}, fmt.Errorf("export person %d: %w", id, err)
	}
	if len(p.Identities) == 0 {
		return out, nil
	}
	ids := authorIDs(p.Identities)
	in := `(SELECT id FROM messages WHERE author_id IN (` + marks(len(ids)) + `))`
	steps := []func() error{
		func() (err error) { out.Messages, err = s.exportMessages(ctx, ids); return err },
		func() (err error) { out.Replies, err = s.exportReplies(ctx, in, ids); return err },
		func() (err error) { out.Notes, err = s.exportNotes(ctx, in, ids); return err },
		func() (err error) { out.RoutingDecisions, err = s.exportDecisions(ctx, in, ids); return err },
		func() (err error) { out.Incidents, err = s.exportIncidents(ctx, in, ids); return err },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return PersonExport{}, fmt.Errorf("export person %d: %w", id, err)
		}
	}
	return out, nil
}

func (s *Store) exportMessages(ctx context.Context, ids []any) ([]message.Message, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT `+messageColumns+messageFrom+`
		WHERE m.author_id IN (`+marks(len(ids))+`) ORDER BY m.created_at, m.id`), ids...)
	if err != nil {
		return nil, fmt.Errorf("messages: %w", err)
	}
	return collectMessages(rows)
}

func (s *Store) exportReplies(ctx context.Context, in string, ids []any) ([]Reply, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, message_id, COALESCE(author_id, 0), body, status,
		COALESCE(reviewer_id, 0), review_comment, external_id, created_at, COALESCE(sent_at, 0)
		FROM replies WHERE message_id IN `+in+` ORDER BY id`), ids...)
	if err != nil {
		return nil, fmt.Errorf("replies: %w", err)
	}
	return scanRows(rows, func(r *sql.Rows) (Reply, error) {
		var x Reply
		var at, sent int64
		err := r.Scan(&x.ID, &x.MessageID, &x.AuthorID, &x.Body, &x.Status, &x.ReviewerID, &x.ReviewComment, &x.ExternalID, &at, &sent)
		x.CreatedAt = fromMicro(at)
		if sent > 0 {
			x.SentAt = fromMicro(sent)
		}
		return x, err
	})
}

func (s *Store) exportNotes(ctx context.Context, in string, ids []any) ([]Note, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT n.id, n.message_id, COALESCE(n.author_id, 0), COALESCE(u.name, ''), n.body, n.created_at
		FROM notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.message_id IN `+in+` ORDER BY n.id`), ids...)
	if err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	return scanRows(rows, func(r *sql.Rows) (Note, error) {
		var n Note
		var at int64
		err := r.Scan(&n.ID, &n.MessageID, &n.AuthorID, &n.AuthorName, &n.Body, &at)
		n.CreatedAt = fromMicro(at)
		return n, err
	})
}

func (s *Store) exportDecisions(ctx context.Context, in string, ids []any) ([]ExportedDecision, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT message_id, kind, department, class, reason, created_at
		FROM routing_decisions WHERE message_id IN `+in+` ORDER BY id`), ids...)
	if err != nil {
		return nil, fmt.Errorf("routing decisions: %w", err)
	}
	return scanRows(rows, func(r *sql.Rows) (ExportedDecision, error) {
		var d ExportedDecision
		var at int64
		err := r.Scan(&d.MessageID, &d.Kind, &d.Department, &d.Class, &d.Reason, &at)
		d.CreatedAt = fromMicro(at)
		return d, err
	})
}

func (s *Store) exportIncidents(ctx context.Context, in string, ids []any) ([]ExportedIncident, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT i.id, im.message_id, i.community, i.title, i.status, im.posted_at
		FROM incident_messages im JOIN incidents i ON i.id = im.incident_id
		WHERE im.message_id IN `+in+` ORDER BY i.id, im.message_id`), ids...)
	if err != nil {
		return nil, fmt.Errorf("incidents: %w", err)
	}
	return scanRows(rows, func(r *sql.Rows) (ExportedIncident, error) {
		var x ExportedIncident
		var at int64
		err := r.Scan(&x.IncidentID, &x.MessageID, &x.Community, &x.Title, &x.Status, &at)
		x.PostedAt = fromMicro(at)
		return x, err
	})
}

// scanRows reads every row with scan and closes rows.
func scanRows[T any](rows *sql.Rows, scan func(*sql.Rows) (T, error)) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

func (s *Store) exportProfile(ctx context.Context, id int64) (ExportedProfile, error) {
	var pr ExportedProfile
	if err := s.read.QueryRowContext(ctx, s.q(`SELECT bio FROM people WHERE id = ?`), id).Scan(&pr.Bio); err != nil {
		return pr, err
	}
	var err error
	if pr.Tags, err = s.PersonTags(ctx, id); err != nil {
		return pr, err
	}
	if pr.Notes, err = s.PersonNotes(ctx, id); err != nil {
		return pr, err
	}
	pr.Fields, err = s.PersonFields(ctx, id)
	return pr, err
}
