package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/switchboard-crm/switchboard/internal/route"
)

// Incident statuses.
const (
	IncidentOpen   = "open"
	IncidentClosed = "closed"
)

// Incident is one crisis: the alerts that opened and joined it, the routing
// rule it installed while open, who acknowledged and owns it, its holding
// statement, and its post-mortem once closed.
type Incident struct {
	ID               int64           `json:"id"`
	Community        string          `json:"community"`
	Status           string          `json:"status"`
	Severity         string          `json:"severity"`
	Title            string          `json:"title"`
	Terms            []string        `json:"terms"`
	RuleName         string          `json:"rule"`
	Alerts           json.RawMessage `json:"alerts"`
	StartedAt        time.Time       `json:"started_at"` // stream time of the first alert
	OpenedAt         time.Time       `json:"opened_at"`  // wall-clock time it was opened
	UpdatedAt        time.Time       `json:"updated_at"`
	AcknowledgedAt   *time.Time      `json:"acknowledged_at,omitempty"`
	AcknowledgedBy   string          `json:"acknowledged_by,omitempty"`
	OwnerID          int64           `json:"owner_id,omitempty"`
	HoldingStatement string          `json:"holding_statement,omitempty"`
	HoldingAnswerID  string          `json:"holding_answer_id,omitempty"`
	ClosedAt         *time.Time      `json:"closed_at,omitempty"`
	PostMortem       string          `json:"postmortem,omitempty"`
	EscalationLevel  int             `json:"escalation_level"`
	NextEscalationAt *time.Time      `json:"next_escalation_at,omitempty"`
}

// NewIncident is what opening an incident records.
type NewIncident struct {
	Community string
	Severity  string
	Title     string
	Terms     []string
	Alerts    json.RawMessage
	StartedAt time.Time
	Rule      route.Rule // installed while the incident is open
}

const incidentColumns = `id, community, status, severity, title, terms, rule_name, alerts, started_at, opened_at,
	updated_at, acknowledged_at, acknowledged_by, owner_id, holding_statement, holding_answer_id, closed_at,
	postmortem, escalation_level, next_escalation_at`

// OpenIncident records a new incident and installs its routing rule ahead
// of every other rule, in one transaction.
func (s *Store) OpenIncident(ctx context.Context, a Actor, n NewIncident) (Incident, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		now := time.Now().UnixMicro()
		terms, _ := json.Marshal(append([]string{}, n.Terms...))
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO incidents (community, severity, title, terms, rule_name, alerts,
			started_at, opened_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?, ?, ?) RETURNING id`),
			n.Community, n.Severity, n.Title, string(terms), string(n.Alerts), micro(n.StartedAt), now, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("open incident: %w", err)
		}
		if err := s.installIncidentRule(ctx, tx, id, n.Rule); err != nil {
			return err
		}
		if err := s.incidentOutboxTx(ctx, tx, WebhookIncidentOpened, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "incident.open", fmt.Sprint(id), map[string]any{"community": n.Community, "terms": n.Terms, "severity": n.Severity})
	})
	if err != nil {
		return Incident{}, err
	}
	return s.Incident(ctx, id)
}

// IncidentRuleName is the name of the routing rule incident id installs.
func IncidentRuleName(id int64) string { return fmt.Sprintf("incident-%d", id) }

func (s *Store) installIncidentRule(ctx context.Context, tx *sql.Tx, id int64, r route.Rule) error {
	r.Name = IncidentRuleName(id)
	when, _ := json.Marshal(r.When)
	then, _ := json.Marshal(r.Then)
	now := time.Now().UnixMicro()
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO routing_rules (name, position, enabled, conditions, actions, created_at, updated_at)
		VALUES (?, -1, ?, ?, ?, ?, ?)`), r.Name, true, string(when), string(then), now, now); err != nil {
		return fmt.Errorf("install rule of incident %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE incidents SET rule_name = ? WHERE id = ?`), r.Name, id); err != nil {
		return fmt.Errorf("incident %d rule: %w", id, err)
	}
	return nil
}

// IncidentUpdate is an open incident as an alert that joined it leaves it.
type IncidentUpdate struct {
	Severity string
	Title    string
	Terms    []string
	Alerts   json.RawMessage
	Rule     route.Rule
}

// JoinIncident records an alert that joined an open incident: its terms are
// merged, its severity may rise (an unacknowledged incident that was
// notified then escalates at once), and the rule follows the new terms.
func (s *Store) JoinIncident(ctx context.Context, id int64, u IncidentUpdate) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		raw, _ := json.Marshal(append([]string{}, u.Terms...))
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE incidents SET next_escalation_at = ? WHERE id = ? AND severity <> ?
			AND acknowledged_at IS NULL AND escalation_level > 0`), time.Now().UnixMicro(), id, u.Severity); err != nil {
			return fmt.Errorf("incident %d: escalate on a new severity: %w", id, err)
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE incidents SET severity = ?, title = ?, terms = ?, alerts = ?, updated_at = ?
			WHERE id = ? AND status = 'open'`), u.Severity, u.Title, string(raw), string(u.Alerts), time.Now().UnixMicro(), id)
		if err != nil {
			return fmt.Errorf("incident %d: join alert: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("open incident %d: %w", id, ErrNotFound)
		}
		when, _ := json.Marshal(u.Rule.When)
		_, err = tx.ExecContext(ctx, s.q(`UPDATE routing_rules SET conditions = ?, updated_at = ? WHERE name = ?`),
			string(when), time.Now().UnixMicro(), IncidentRuleName(id))
		if err != nil {
			return fmt.Errorf("incident %d: update rule: %w", id, err)
		}
		return nil
	})
}

// Incident returns one incident.
func (s *Store) Incident(ctx context.Context, id int64) (Incident, error) {
	row := s.db.QueryRowContext(ctx, s.q(`SELECT `+incidentColumns+` FROM incidents WHERE id = ?`), id)
	in, err := scanIncident(row)
	if errors.Is(err, sql.ErrNoRows) {
		return in, fmt.Errorf("incident %d: %w", id, ErrNotFound)
	}
	return in, err
}

// Incidents lists incidents, newest first; status "" lists every one.
func (s *Store) Incidents(ctx context.Context, status string, limit int) ([]Incident, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	q, args := `SELECT `+incidentColumns+` FROM incidents`, []any{}
	if status != "" {
		q += ` WHERE status = ?`
		args = append(args, status)
	}
	rows, err := s.db.QueryContext(ctx, s.q(q+` ORDER BY id DESC LIMIT `+fmt.Sprint(limit)), args...)
	if err != nil {
		return nil, fmt.Errorf("incidents: %w", err)
	}
	defer rows.Close()
	out := []Incident{}
	for rows.Next() {
		in, err := scanIncident(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

func scanIncident(row interface{ Scan(...any) error }) (Incident, error) {
	var in Incident
	var terms, alerts string
	var started, opened, updated int64
	var acked, closed, next, owner *int64
	err := row.Scan(&in.ID, &in.Community, &in.Status, &in.Severity, &in.Title, &terms, &in.RuleName, &alerts,
		&started, &opened, &updated, &acked, &in.AcknowledgedBy, &owner, &in.HoldingStatement, &in.HoldingAnswerID,
		&closed, &in.PostMortem, &in.EscalationLevel, &next)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return in, err
		}
		return in, fmt.Errorf("incident: %w", err)
	}
	if err := json.Unmarshal([]byte(terms), &in.Terms); err != nil {
		return in, fmt.Errorf("incident %d terms: %w", in.ID, err)
	}
	if in.Terms == nil {
		in.Terms = []string{}
	}
	in.Alerts = json.RawMessage(alerts)
	in.StartedAt, in.OpenedAt, in.UpdatedAt = fromMicro(started), fromMicro(opened), fromMicro(updated)
	in.AcknowledgedAt, in.ClosedAt, in.NextEscalationAt = optTime(acked), optTime(closed), optTime(next)
	if owner != nil {
		in.OwnerID = *owner
	}
	return in, nil
}

func optTime(us *int64) *time.Time {
	if us == nil || *us == 0 {
		return nil
	}
	t := fromMicro(*us)
	return &t
}
