package answerfile

import (
	"fmt"
	"io"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// Row is one good line of a file: its number (from 1) and its answer.
type Row struct {
	Line   int
	Record knowledge.Record
}

// LineError is one bad line of a file and why it is bad.
type LineError struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
}

// Read parses a file of answers. It returns the good rows and the bad lines
// with their reason; err is only for a file that cannot be read at all.
// An answer id given twice makes its second line bad.
func Read(r io.Reader, f Format) ([]Row, []LineError, error) {
	var p parsed
	var err error
	switch f {
	case JSONL:
		err = readJSONL(r, &p)
	case CSV:
		err = readCSV(r, &p)
	default:
		err = fmt.Errorf("format %q: want jsonl or csv", f)
	}
	if err != nil {
		return nil, nil, err
	}
	return p.rows, p.bad, nil
}

// parsed collects the rows and bad lines of a file.
type parsed struct {
	rows []Row
	bad  []LineError
	seen map[string]int // id → line
}

func (p *parsed) fail(line int, format string, args ...any) {
	p.bad = append(p.bad, LineError{Line: line, Error: fmt.Sprintf(format, args...)})
}

// add checks a decoded record and keeps it, or reports its line.
func (p *parsed) add(line int, rec knowledge.Record) {
	if err := rec.Check(); err != nil {
		p.fail(line, "%v", err)
		return
	}
	if first, dup := p.seen[rec.ID]; dup {
		p.fail(line, "answer %q already given on line %d", rec.ID, first)
		return
	}
	if p.seen == nil {
		p.seen = map[string]int{}
	}
	p.seen[rec.ID] = line
	rec.Version, rec.UpdatedAt = 0, rec.UpdatedAt.UTC()
	p.rows = append(p.rows, Row{Line: line, Record: rec})
}

// full reports whether the file already holds MaxLines answers.
func (p *parsed) full(line int) bool {
	if len(p.rows)+len(p.bad) < MaxLines {
		return false
	}
	p.fail(line, "more than %d lines: split the file", MaxLines)
	return true
}
