package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Kind tells an answer from a key message: an answer is sent to a person, a
// key message is a position the company holds, to be said in its own words.
// Both are suggested the same way.
type Kind string

// The kinds of the library.
const (
	KindAnswer     Kind = "answer"
	KindKeyMessage Kind = "key_message"
)

// Valid reports whether k is one of the two kinds.
func (k Kind) Valid() bool { return k == KindAnswer || k == KindKeyMessage }

// Record is an answer as the library keeps and exchanges it: the answer and
// its kind.
type Record struct {
	Answer
	Kind Kind `json:"kind"`
}

// Limits of a record, so one row can neither flood the index nor the store.
const (
	MaxIDLen       = 100
	MaxTitleLen    = 500
	MaxBodyLen     = 20000
	MaxListLen     = 100  // communities, classes, departments or tags
	MaxItemLen     = 200  // one community, department or tag
	MaxExampleLen  = 4000 // one example question, in bytes
	MaxExampleList = 1000
)

// reservedIDs are words of the API's paths that no answer may be called.
var reservedIDs = map[string]bool{"import": true, "export": true}

// ValidID reports whether id may name an answer: 1 to MaxIDLen ASCII
// letters, digits, '.', '_' or '-', not starting with '.', and not a word of
// the API's paths.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLen || id[0] == '.' || reservedIDs[id] {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

// Check reports the first problem that keeps r from entering the library:
// everything Validate checks, plus the id's form, the kind, the classes and
// the sizes of the fields. An empty kind is read as an answer, an empty
// state as a draft.
func (r *Record) Check() error {
	if r.Kind == "" {
		r.Kind = KindAnswer
	}
	if r.State == "" {
		r.State = StateDraft
	}
	switch {
	case !ValidID(r.ID):
		return fmt.Errorf("%w: id %q: want 1 to %d letters, digits, '.', '_' or '-' (not %q or %q)", ErrInvalidAnswer, clip(r.ID), MaxIDLen, "import", "export")
	case !r.Kind.Valid():
		return fmt.Errorf("%w %q: kind %q: want %q or %q", ErrInvalidAnswer, r.ID, clip(string(r.Kind)), KindAnswer, KindKeyMessage)
	}
	if err := r.Validate(); err != nil {
		return err
	}
	if err := r.checkText(); err != nil {
		return fmt.Errorf("%w %q: %v", ErrInvalidAnswer, r.ID, err)
	}
	return r.checkLists()
}

func (r *Record) checkText() error {
	switch {
	case len(r.Title) > MaxTitleLen:
		return fmt.Errorf("title longer than %d bytes", MaxTitleLen)
	case len(r.Body) > MaxBodyLen:
		return fmt.Errorf("body longer than %d bytes", MaxBodyLen)
	case len(r.Language) > 16:
		return fmt.Errorf("language %q: want a code such as fr or en", clip(r.Language))
	case len(r.Owner) > MaxItemLen:
		return fmt.Errorf("owner longer than %d bytes", MaxItemLen)
	case !utf8.ValidString(r.Title + r.Body + r.Language + r.Owner):
		return fmt.Errorf("text is not valid UTF-8")
	}
	return nil
}

func (r *Record) checkLists() error {
	for name, list := range map[string][]string{"communities": r.Communities, "departments": r.Departments, "tags": r.Tags} {
		if err := checkList(name, list, MaxListLen, MaxItemLen); err != nil {
			return fmt.Errorf("%w %q: %v", ErrInvalidAnswer, r.ID, err)
		}
	}
	if err := checkList("examples", r.Examples, MaxExampleList, MaxExampleLen); err != nil {
		return fmt.Errorf("%w %q: %v", ErrInvalidAnswer, r.ID, err)
	}
	if len(r.Classes) > MaxListLen {
		return fmt.Errorf("%w %q: more than %d classes", ErrInvalidAnswer, r.ID, MaxListLen)
	}
	for _, c := range r.Classes {
		if !c.Valid() {
			return fmt.Errorf("%w %q: unknown class %q", ErrInvalidAnswer, r.ID, clip(string(c)))
		}
	}
	return nil
}

func checkList(name string, list []string, maxLen, maxItem int) error {
	if len(list) > maxLen {
		return fmt.Errorf("more than %d %s", maxLen, name)
	}
	for i, s := range list {
		switch {
		case strings.TrimSpace(s) == "":
			return fmt.Errorf("%s item %d is empty", name, i+1)
		case len(s) > maxItem:
			return fmt.Errorf("%s item %d longer than %d bytes", name, i+1, maxItem)
		case !utf8.ValidString(s):
			return fmt.Errorf("%s item %d is not valid UTF-8", name, i+1)
		}
	}
	return nil
}

// clip shortens untrusted text quoted in an error.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	for i := 40; i > 0; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i] + "…"
		}
	}
	return ""
}

// SameContent reports whether a and b say the same thing: every field a
// person writes, not the version, uses or time of change.
func SameContent(a, b *Record) bool {
	return a.Kind == b.Kind && a.ID == b.ID && a.Title == b.Title && a.Body == b.Body &&
		a.Language == b.Language && a.State == b.State && a.Owner == b.Owner &&
		a.ExpiresAt.Equal(b.ExpiresAt) && slices.Equal(a.Communities, b.Communities) &&
		slices.Equal(a.Classes, b.Classes) && slices.Equal(a.Departments, b.Departments) &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Examples, b.Examples)
}
