package answerfile_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/knowledge/answerfile"
	"github.com/switchboard-crm/switchboard/internal/message"
)

func library() []knowledge.Record {
	return []knowledge.Record{
		{Kind: knowledge.KindAnswer, Answer: knowledge.Answer{ID: "refund-fr", Title: "Remboursement", Body: "Bonjour {{author.name}},\nc'est fait.",
			Language: "fr", Communities: []string{"fr-market"}, Classes: []message.Class{message.ClassComplaint, message.ClassLegal},
			Departments: []string{"relation-client"}, Tags: []string{"colis", "[urgent]"}, Examples: []string{"colis perdu", "  jamais reçu\nmerci "},
			State: knowledge.StateApproved, ExpiresAt: time.Date(2027, 6, 30, 18, 0, 0, 0, time.UTC), Owner: "ana", Uses: 3}},
		{Kind: knowledge.KindKeyMessage, Answer: knowledge.Answer{ID: "climate", Title: "=HYPERLINK(\"http://x\")", Body: "-1 +1 @all",
			Examples: []string{"[not json"}, State: knowledge.StateDraft}},
	}
}

func TestRoundTrip(t *testing.T) {
	for _, f := range []answerfile.Format{answerfile.JSONL, answerfile.CSV} {
		var buf bytes.Buffer
		write(t, &buf, f, library())
		rows, bad, err := answerfile.Read(&buf, f)
		if err != nil || len(bad) != 0 || len(rows) != 2 {
			t.Fatalf("%s: %d rows, bad %v, %v", f, len(rows), bad, err)
		}
		for i, want := range library() {
			got := rows[i].Record
			if !knowledge.SameContent(&got, &want) || got.Uses != want.Uses {
				t.Errorf("%s row %d:\n got %+v\nwant %+v", f, i, got, want)
			}
		}
	}
}

func write(t *testing.T, buf *bytes.Buffer, f answerfile.Format, recs []knowledge.Record) {
	t.Helper()
	var err error
	if f == answerfile.CSV {
		err = answerfile.WriteCSV(buf, recs)
	} else {
		err = answerfile.WriteJSONL(buf, recs)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func TestCSVCellsNeverStartAFormula(t *testing.T) {
	var buf bytes.Buffer
	write(t, &buf, answerfile.CSV, library())
	for _, line := range strings.Split(buf.String(), "\n") {
		for _, cell := range strings.Split(line, ",") {
			if cell != "" && strings.ContainsRune("=+-@", rune(strings.TrimPrefix(cell, `"`)[0])) {
				t.Errorf("cell %q starts a formula", cell)
			}
		}
	}
}

func TestBadLinesByNumber(t *testing.T) {
	jsonl := `{"id":"a","title":"A","state":"approved"}

{"id":"b","title":"B","state":"published"}
{"id":"c","title":"C","colour":"red"}
not json
{"id":"a","title":"A again"}
{"id":"d","body":"D","classes":["legal"]}
`
	csvFile := "id,title,state,classes,expires_at\n" +
		"a,A,approved,,\n" +
		"b,B,published,,\n" +
		"c,\"C\nover two lines\",draft,gossip,\n" +
		"d,D,draft,legal,tomorrow\n" +
		"e,E,,legal,2027-01-31\n"
	cases := []struct {
		f       answerfile.Format
		in      string
		goodIDs string
		badAt   []int
	}{
		{answerfile.JSONL, jsonl, "a d", []int{3, 4, 5, 6}},
		{answerfile.CSV, csvFile, "a e", []int{3, 4, 6}},
	}
	for _, c := range cases {
		rows, bad, err := answerfile.Read(strings.NewReader(c.in), c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.f, err)
		}
		var ids []string
		for _, r := range rows {
			ids = append(ids, r.Record.ID)
		}
		if strings.Join(ids, " ") != c.goodIDs || len(bad) != len(c.badAt) {
			t.Fatalf("%s: good %v, bad %+v; want %s and lines %v", c.f, ids, bad, c.goodIDs, c.badAt)
		}
		for i, b := range bad {
			if b.Line != c.badAt[i] || b.Error == "" {
				t.Errorf("%s: bad line %+v, want line %d", c.f, b, c.badAt[i])
			}
		}
	}
}

func TestCSVHeaderErrors(t *testing.T) {
	for _, in := range []string{"id,colour\na,red\n", "title\nA\n", "id,id\na,a\n"} {
		if _, _, err := answerfile.Read(strings.NewReader(in), answerfile.CSV); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%q: %v, want a header error on line 1", in, err)
		}
	}
}

func TestLongLineIsOneBadLine(t *testing.T) {
	in := `{"id":"a","title":"` + strings.Repeat("x", answerfile.MaxLineBytes) + `"}` + "\n" + `{"id":"b","title":"B"}`
	rows, bad, err := answerfile.Read(strings.NewReader(in), answerfile.JSONL)
	if err != nil || len(rows) != 1 || rows[0].Line != 2 || len(bad) != 1 || bad[0].Line != 1 {
		t.Fatalf("rows %+v, bad %+v, %v", rows, bad, err)
	}
}
