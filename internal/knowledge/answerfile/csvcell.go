package answerfile

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// setField sets the field named col of rec from a cell.
func setField(rec *knowledge.Record, col, v string) error {
	var err error
	switch col {
	case "id":
		rec.ID = strings.TrimSpace(v)
	case "kind":
		rec.Kind = knowledge.Kind(strings.TrimSpace(v))
	case "state":
		rec.State = knowledge.State(strings.TrimSpace(v))
	case "language":
		rec.Language = strings.TrimSpace(v)
	case "title":
		rec.Title = v
	case "body":
		rec.Body = v
	case "owner":
		rec.Owner = strings.TrimSpace(v)
	case "expires_at":
		rec.ExpiresAt, err = parseTime(v)
	case "uses":
		rec.Uses, err = parseCount(v)
	default:
		return setList(rec, col, v)
	}
	return err
}

func setList(rec *knowledge.Record, col, v string) error {
	list, err := parseList(v)
	if err != nil {
		return err
	}
	switch col {
	case "communities":
		rec.Communities = list
	case "departments":
		rec.Departments = list
	case "tags":
		rec.Tags = list
	case "examples":
		rec.Examples = list
	case "classes":
		for _, c := range list {
			rec.Classes = append(rec.Classes, message.Class(c))
		}
	}
	return nil // version and updated_at are the store's: read, not taken
}

// parseList reads a list cell: a JSON array of strings when it starts with
// '[', otherwise one item per line, each trimmed, blank lines dropped.
func parseList(v string) ([]string, error) {
	if strings.HasPrefix(strings.TrimSpace(v), "[") {
		var list []string
		if err := json.Unmarshal([]byte(v), &list); err != nil {
			return nil, fmt.Errorf("a list starting with [ must be a JSON array of strings: %v", err)
		}
		return list, nil
	}
	var list []string
	for _, item := range strings.Split(v, "\n") {
		if item = strings.TrimSpace(item); item != "" {
			list = append(list, item)
		}
	}
	return list, nil
}

// formatList writes a list cell: one item per line when that reads back the
// same, a JSON array otherwise.
func formatList(list []string) string {
	plain := true
	for i, s := range list {
		if s == "" || s != strings.TrimSpace(s) || strings.ContainsAny(s, "\r\n") || i == 0 && strings.HasPrefix(s, "[") {
			plain = false
		}
	}
	if plain {
		return strings.Join(list, "\n")
	}
	raw, _ := json.Marshal(list)
	return string(raw)
}

// parseTime reads an RFC 3339 time or a date (midnight UTC); empty is none.
func parseTime(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q: want a date (2027-06-30) or an RFC 3339 time (2027-06-30T18:00:00Z)", clipText(v))
}

func parseCount(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q: want a whole number, 0 or more", clipText(v))
	}
	return n, nil
}

// Spreadsheets run a cell starting with = + - @ tab or return as a formula;
// example questions come from social networks, so such cells are written
// with a leading ' (which spreadsheets hide), and a ' before one of those
// characters (or another ') is dropped on reading.
const formulaStarts = "=+-@\t\r'"

func escapeCell(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

func unescapeCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte(formulaStarts, s[1]) >= 0 {
		return s[1:]
	}
	return s
}

func clipText(s string) string {
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}
