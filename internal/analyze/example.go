package analyze

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Example is one labelled text: starter data, public data or an agent's
// correction (the text, its language and the class the agent chose).
type Example struct {
	Text  string `json:"text"`
	Label string `json:"label"`
	Lang  string `json:"lang,omitempty"`
}

// ReadExamples reads JSON Lines with at least "text" and "label" (and
// optionally "lang"); other fields are ignored. A line without text or label
// is an error naming the line.
func ReadExamples(r io.Reader) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		var ex Example
		if err := json.Unmarshal(line, &ex); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if ex.Text == "" || ex.Label == "" {
			return nil, fmt.Errorf("line %d: missing text or label", n)
		}
		out = append(out, ex)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading examples: %w", err)
	}
	return out, nil
}

// ReadExamplesFile reads the examples of a JSON Lines file.
func ReadExamplesFile(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open examples: %w", err)
	}
	defer f.Close()
	ex, err := ReadExamples(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ex, nil
}
