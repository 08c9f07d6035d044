package answerfile

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// Columns are the columns of a CSV file, in the order WriteCSV writes them.
// A file read may give them in any order and leave out any but id.
var Columns = []string{"id", "kind", "state", "language", "title", "body", "communities", "classes",
	"departments", "tags", "examples", "owner", "expires_at", "uses", "version", "updated_at"}

func readCSV(r io.Reader, p *parsed) error {
	cr := csv.NewReader(&limitedReader{r: r})
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return fmt.Errorf("line 1: CSV header: %w", err)
	}
	cols, err := headerColumns(header)
	if err != nil {
		return fmt.Errorf("line 1: %w", err)
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			p.fail(pe.StartLine, "malformed CSV: %v", pe.Err)
			continue
		}
		if err != nil {
			return fmt.Errorf("read CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if isBlank(rec) {
			continue
		}
		if p.full(line) {
			return nil
		}
		decodeRecord(line, cols, rec, p)
	}
}

// headerColumns maps each column of the header to its name, refusing
// unknown or repeated names and a header without id.
func headerColumns(header []string) ([]string, error) {
	known := map[string]bool{}
	for _, c := range Columns {
		known[c] = true
	}
	seen := map[string]bool{}
	out := make([]string, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case !known[h]:
			return nil, fmt.Errorf("unknown column %q (want %s)", clipText(h), strings.Join(Columns, ", "))
		case seen[h]:
			return nil, fmt.Errorf("column %q given twice", h)
		}
		seen[h], out[i] = true, h
	}
	if !seen["id"] {
		return nil, errors.New("no id column")
	}
	return out, nil
}

func isBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func decodeRecord(line int, cols, fields []string, p *parsed) {
	if len(fields) > len(cols) {
		p.fail(line, "%d fields, but the header names %d columns", len(fields), len(cols))
		return
	}
	var rec knowledge.Record
	for i, f := range fields {
		if err := setField(&rec, cols[i], unescapeCell(f)); err != nil {
			p.fail(line, "column %s: %v", cols[i], err)
			return
		}
	}
	p.add(line, rec)
}

// limitedReader fails a CSV file with a record past MaxLineBytes between
// two line ends, so a quote left open cannot make one record of a whole
// huge file unnoticed.
type limitedReader struct {
	r   io.Reader
	run int // bytes since the last line end
}

func (l *limitedReader) Read(b []byte) (int, error) {
	n, err := l.r.Read(b)
	for _, c := range b[:n] {
		l.run++
		if c == '\n' {
			l.run = 0
		}
		if l.run > MaxLineBytes {
			return 0, fmt.Errorf("a line longer than %d bytes", MaxLineBytes)
		}
	}
	return n, err
}
