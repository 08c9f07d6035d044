package message

// Status is where a message stands in its department's queue.
type Status string

// Message statuses.
const (
	StatusNew      Status = "new"
	StatusOpen     Status = "open"
	StatusWaiting  Status = "waiting"
	StatusResolved Status = "resolved"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	return s == StatusNew || s == StatusOpen || s == StatusWaiting || s == StatusResolved
}

// Priority orders work inside a queue.
type Priority string

// Priorities, lowest first.
const (
	PriorityLow    Priority = "low"
	PriorityNormal Priority = "normal"
	PriorityHigh   Priority = "high"
	PriorityUrgent Priority = "urgent"
)

// Rank gives a priority's order, -1 when unknown.
func (p Priority) Rank() int {
	switch p {
	case PriorityLow:
		return 0
	case PriorityNormal:
		return 1
	case PriorityHigh:
		return 2
	case PriorityUrgent:
		return 3
	}
	return -1
}

// TriageQueue is the department slug of the queue for messages the model is unsure about.
const TriageQueue = "triage"

// Decision is where a message was routed and why.
type Decision struct {
	// Department is the slug of the department's queue; empty for noise, which goes to no queue.
	Department       string   `json:"department"`
	Priority         Priority `json:"priority"`
	Status           Status   `json:"status"`
	RequiresApproval bool     `json:"requires_approval"`
	Escalated        bool     `json:"escalated"`
	// Rule is the name of the rule that routed the message, empty when the model did.
	Rule   string `json:"rule,omitempty"`
	Reason string `json:"reason"`
}
