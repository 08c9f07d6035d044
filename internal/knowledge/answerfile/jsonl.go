package answerfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

func readJSONL(r io.Reader, p *parsed) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br)
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read line %d: %w", n, err)
		}
		switch {
		case tooLong:
			p.fail(n, "line longer than %d bytes", MaxLineBytes)
		case len(bytes.TrimSpace(line)) > 0:
			if p.full(n) {
				return nil
			}
			decodeLine(n, line, p)
		}
		if err != nil {
			return nil
		}
	}
}

// readLine reads one line without its end; a line past MaxLineBytes is
// skipped to its end and reported as too long.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			line = append(line, chunk...)
			if len(line) > MaxLineBytes+2 {
				tooLong, line = true, nil
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

func decodeLine(n int, line []byte, p *parsed) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	var rec knowledge.Record
	if err := dec.Decode(&rec); err != nil {
		p.fail(n, "malformed JSON: %v", err)
		return
	}
	if dec.More() {
		p.fail(n, "malformed JSON: more than one value on the line")
		return
	}
	p.add(n, rec)
}

// WriteJSONL writes one answer per line.
func WriteJSONL(w io.Writer, recs []knowledge.Record) error {
	enc := json.NewEncoder(w)
	for i := range recs {
		if err := enc.Encode(&recs[i]); err != nil {
			return fmt.Errorf("write answer %q: %w", recs[i].ID, err)
		}
	}
	return nil
}
