// Package answerfile reads and writes the library of answers as JSON Lines
// or CSV, the formats of `switchboard answers import|export` and of the API's
// import and export. Reading checks every line and reports the bad ones by
// number, so the good rest can be imported.
package answerfile

import "fmt"

// Format is the format of an answers file.
type Format string

// The formats.
const (
	JSONL Format = "jsonl"
	CSV   Format = "csv"
)

// ParseFormat reads a format name: jsonl (also ndjson, json) or csv.
func ParseFormat(s string) (Format, error) {
	switch s {
	case "jsonl", "ndjson", "json":
		return JSONL, nil
	case "csv":
		return CSV, nil
	}
	return "", fmt.Errorf("format %q: want jsonl or csv", s)
}

// FormatOf guesses a file's format from its name: .csv is CSV, anything else
// JSON Lines.
func FormatOf(name string) Format {
	if len(name) >= 4 && (name[len(name)-4:] == ".csv" || name[len(name)-4:] == ".CSV") {
		return CSV
	}
	return JSONL
}

// MaxLineBytes bounds one line of a JSON Lines file (and one CSV record).
const MaxLineBytes = 1 << 20

// MaxLines bounds the answers of one file.
const MaxLines = 100_000
