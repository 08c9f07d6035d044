package replyeval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Row is one conversation: what the customer wrote, what the agent replied
// and the support document the reply pointed to.
type Row struct {
	ID               string   `json:"id"`
	Brand            string   `json:"brand"`
	CustomerMessages []string `json:"customer_messages"`
	AgentReply       string   `json:"agent_reply"`
	DocID            string   `json:"doc_id"`
	DocURL           string   `json:"doc_url"`
}

// Question returns the customer's messages as one text.
func (r *Row) Question() string { return strings.Join(r.CustomerMessages, "\n") }

// maxLine bounds one JSON line.
const maxLine = 16 << 20

// ReadFile reads the rows of a JSON Lines file.
func ReadFile(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read rows: %w", err)
	}
	defer f.Close()
	rows, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("read rows of %s: %w", path, err)
	}
	return rows, nil
}

// Read reads rows, one JSON object a line; blank lines are skipped. A bad
// line is an error that names it: no row is dropped silently.
func Read(r io.Reader) ([]Row, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	var rows []Row
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		row, err := parseRow(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("after line %d: %w", len(rows), err)
	}
	return rows, nil
}

func parseRow(line string) (Row, error) {
	var row Row
	if err := json.Unmarshal([]byte(line), &row); err != nil {
		return Row{}, fmt.Errorf("bad JSON: %w", err)
	}
	if row.DocID == "" {
		return Row{}, errors.New("no doc_id")
	}
	if strings.TrimSpace(row.Question()) == "" {
		return Row{}, errors.New("no customer_messages")
	}
	return row, nil
}
