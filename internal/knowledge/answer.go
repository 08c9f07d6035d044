package knowledge

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// State is where an answer stands in its approval cycle.
type State string

// Approval states. Only approved answers are suggested.
const (
	StateDraft    State = "draft"
	StateApproved State = "approved"
	StateRetired  State = "retired"
)

// Valid reports whether s is one of the three states.
func (s State) Valid() bool { return s == StateDraft || s == StateApproved || s == StateRetired }

// Answer is one approved answer or key message of the library. Empty
// Language, Communities or Classes mean "any": the answer is not restricted
// on that axis.
type Answer struct {
	ID          string          `json:"id"`
	Title       string          `json:"title"`
	Body        string          `json:"body"`
	Language    string          `json:"language,omitempty"`
	Communities []string        `json:"communities,omitempty"`
	Classes     []message.Class `json:"classes,omitempty"`
	Departments []string        `json:"departments,omitempty"`
	Tags        []string        `json:"tags,omitempty"`
	// Examples are questions this answer answers: written by its owner or
	// learnt when an agent sent the answer for a message.
	Examples  []string  `json:"examples,omitempty"`
	State     State     `json:"state"`
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	Owner     string    `json:"owner,omitempty"`
	Version   int       `json:"version"`
	// Uses counts how many times agents sent this answer.
	Uses      int       `json:"uses,omitempty"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// ErrInvalidAnswer is wrapped by the errors of Validate.
var ErrInvalidAnswer = errors.New("invalid answer")

// Validate reports the first problem that keeps a from being stored.
func (a *Answer) Validate() error {
	switch {
	case a.ID == "":
		return fmt.Errorf("%w: empty id", ErrInvalidAnswer)
	case a.Title == "" && a.Body == "":
		return fmt.Errorf("%w %q: no title and no body", ErrInvalidAnswer, a.ID)
	case !a.State.Valid():
		return fmt.Errorf("%w %q: unknown state %q", ErrInvalidAnswer, a.ID, a.State)
	case a.Version < 0 || a.Uses < 0:
		return fmt.Errorf("%w %q: negative version or uses", ErrInvalidAnswer, a.ID)
	}
	return nil
}

// Suggestible reports whether a may be suggested at time now: approved and
// not expired (a zero ExpiresAt never expires).
func (a *Answer) Suggestible(now time.Time) bool {
	if a.State != StateApproved {
		return false
	}
	return a.ExpiresAt.IsZero() || now.Before(a.ExpiresAt)
}

// Clone returns a deep copy of a, so the index never shares slices with callers.
func (a *Answer) Clone() Answer {
	c := *a
	c.Communities = slices.Clone(a.Communities)
	c.Classes = slices.Clone(a.Classes)
	c.Departments = slices.Clone(a.Departments)
	c.Tags = slices.Clone(a.Tags)
	c.Examples = slices.Clone(a.Examples)
	return c
}
