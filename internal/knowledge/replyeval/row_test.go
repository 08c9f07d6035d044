package replyeval

import (
	"strings"
	"testing"
)

func TestReadRows(t *testing.T) {
	rows, err := ReadFile("testdata/small.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 9 {
		t.Fatalf("read %d rows, want 9 (the blank line skipped)", len(rows))
	}
	if got := rows[1].Question(); got != "@Shop still waiting for my refund\nit has been two weeks" {
		t.Errorf("question = %q", got)
	}
}

func TestReadReportsBadLine(t *testing.T) {
	good := `{"customer_messages": ["hi"], "doc_id": "A"}`
	for _, c := range []struct{ bad, want string }{
		{`{"customer_messages": ["hi"]`, "line 3: bad JSON"},
		{`{"customer_messages": ["hi"]}`, "line 3: no doc_id"},
		{`{"customer_messages": [], "doc_id": "A"}`, "line 3: no customer_messages"},
	} {
		_, err := Read(strings.NewReader(good + "\n\n" + c.bad + "\n" + good))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Read(%s) error = %v, want %q", c.bad, err, c.want)
		}
	}
}
