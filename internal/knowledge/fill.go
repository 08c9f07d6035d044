package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Vars are the values of an answer's variables, keyed by name ("author.name",
// "community"…). Values come from social content and are untrusted.
type Vars map[string]string

// maxVarName bounds the length of a variable name and maxVarSpace the
// spaces or tabs on each side of it, so filling stays linear.
const (
	maxVarName       = 64
	maxVarSpace      = 32
	maxBetweenBraces = maxVarName + 2*maxVarSpace
)

// VarsFor returns the variables of a message: author.name (the display name,
// or the handle when there is none), author.handle, community and channel.
func VarsFor(m *message.Message) Vars {
	name := m.Author.Name
	if strings.TrimSpace(name) == "" {
		name = m.Author.Handle
	}
	return Vars{
		"author.name":   name,
		"author.handle": m.Author.Handle,
		"community":     m.Community,
		"channel":       m.Channel,
	}
}

// Fill replaces the variables of body, written {{name}} (up to 32 spaces or
// tabs allowed on each side of the name), with their values and returns the text and the names
// of the variables it does not know, in order of first appearance. Unknown
// variables are left visible so the agent sees them before sending.
//
// Filling is one pass of plain text substitution: values are never scanned
// for variables again nor interpreted, and control and bidirectional
// formatting characters are removed from them. The result is plain text; a
// user interface must still escape it when it renders HTML.
func Fill(body string, vars Vars) (string, []string) {
	var b strings.Builder
	b.Grow(len(body))
	var unknown []string
	for i := 0; i < len(body); {
		name, end, ok := placeholderAt(body, i)
		if !ok {
			b.WriteByte(body[i])
			i++
			continue
		}
		if v, known := vars[name]; known {
			b.WriteString(cleanValue(v))
		} else {
			b.WriteString(body[i:end])
			unknown = appendOnce(unknown, name)
		}
		i = end
	}
	return b.String(), unknown
}

// placeholderAt reports whether a well-formed {{name}} starts at s[i], with
// its trimmed name and the index just past it.
func placeholderAt(s string, i int) (name string, end int, ok bool) {
	if !strings.HasPrefix(s[i:], "{{") {
		return "", 0, false
	}
	rest := s[i+2:]
	if len(rest) > maxBetweenBraces+2 {
		rest = rest[:maxBetweenBraces+2]
	}
	j := strings.Index(rest, "}}")
	if j < 0 {
		return "", 0, false
	}
	inner := s[i+2 : i+2+j]
	name = strings.TrimLeft(inner, " \t")
	lead := len(inner) - len(name)
	name = strings.TrimRight(name, " \t")
	trail := len(inner) - lead - len(name)
	if lead > maxVarSpace || trail > maxVarSpace || !validVarName(name) {
		return "", 0, false
	}
	return name, i + 2 + j + 2, true
}

// validVarName accepts 1 to maxVarName ASCII letters, digits, '_', '-' and '.'.
func validVarName(n string) bool {
	if n == "" || len(n) > maxVarName {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

// cleanValue drops invalid UTF-8, control characters other than newline and
// tab, and bidirectional formatting characters that could disguise text.
func cleanValue(v string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError:
			return -1
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, v)
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
