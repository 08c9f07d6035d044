package answerfile_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/knowledge/answerfile"
)

// FuzzRead feeds any bytes to both readers: they must not panic, every line
// is either good or reported, and what they read writes and reads back the same.
func FuzzRead(f *testing.F) {
	var j, c bytes.Buffer
	answerfile.WriteJSONL(&j, library())
	answerfile.WriteCSV(&c, library())
	f.Add(j.String(), false)
	f.Add(c.String(), true)
	f.Add("id,title,tags\na,\"A\",\"[\"\"x\"\"]\"\n", true)
	f.Add("{\"id\":\"a\",\"title\":\"x\"}\n{", false)
	f.Fuzz(func(t *testing.T, in string, isCSV bool) {
		format := answerfile.JSONL
		if isCSV {
			format = answerfile.CSV
		}
		rows, bad, err := answerfile.Read(strings.NewReader(in), format)
		if err != nil {
			return
		}
		for _, b := range bad {
			if b.Line < 1 || b.Error == "" {
				t.Fatalf("bad line without number or reason: %+v", b)
			}
		}
		recs := make([]knowledge.Record, len(rows))
		for i, r := range rows {
			recs[i] = r.Record
		}
		roundTrip(t, recs, format)
	})
}

func roundTrip(t *testing.T, recs []knowledge.Record, f answerfile.Format) {
	var buf bytes.Buffer
	write(t, &buf, f, recs)
	rows, bad, err := answerfile.Read(&buf, f)
	if err != nil || len(bad) != 0 || len(rows) != len(recs) {
		t.Fatalf("read back %d of %d rows, bad %+v, %v\n%q", len(rows), len(recs), bad, err, buf.String())
	}
	for i := range recs {
		got, want := rows[i].Record, recs[i]
		if f == answerfile.CSV {
			want = csvNormalised(want)
		}
		if !knowledge.SameContent(&got, &want) || got.Uses != want.Uses {
			t.Fatalf("row %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
}

// csvNormalised is what CSV keeps of r: encoding/csv reads \r\n inside a
// quoted field as \n.
func csvNormalised(r knowledge.Record) knowledge.Record {
	r.Title = strings.ReplaceAll(r.Title, "\r\n", "\n")
	r.Body = strings.ReplaceAll(r.Body, "\r\n", "\n")
	return r
}
