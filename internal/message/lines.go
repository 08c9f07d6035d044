package message

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Line is one line of a JSON Lines input with its number (from 1).
type Line struct {
	N    int
	Data []byte
	Err  error // the line could not be read whole (too long)
}

// LineReader reads JSON Lines without ever holding more than one line of
// MaxLineBytes in memory; longer lines are skipped and reported, not fatal.
type LineReader struct {
	r *bufio.Reader
	n int
}

// NewLineReader reads lines from r.
func NewLineReader(r io.Reader) *LineReader {
	return &LineReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// Next returns the next non-blank line, or io.EOF.
func (lr *LineReader) Next() (Line, error) {
	for {
		data, tooLong, err := lr.read()
		if err != nil && !(errors.Is(err, io.EOF) && (len(data) > 0 || tooLong)) {
			return Line{}, err
		}
		lr.n++
		if tooLong {
			return Line{N: lr.n, Err: fmt.Errorf("line is longer than %d bytes", MaxLineBytes)}, nil
		}
		data = bytes.TrimSpace(data)
		if len(data) > 0 {
			return Line{N: lr.n, Data: data}, nil
		}
		if err != nil {
			return Line{}, err
		}
	}
}

// read returns one line without its newline; a line over the limit is
// consumed to its end and reported as too long.
func (lr *LineReader) read() ([]byte, bool, error) {
	var buf []byte
	for {
		chunk, err := lr.r.ReadSlice('\n')
		if len(buf)+len(chunk) <= MaxLineBytes+1 {
			buf = append(buf, chunk...)
		} else {
			buf = buf[:0]
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = lr.r.ReadSlice('\n')
			}
			return nil, true, err
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(buf, []byte("\n")), false, err
	}
}
