package analytics

import (
	"strings"
	"testing"
)

func TestCSVQuotesFormulas(t *testing.T) {
	tab := Table{Header: []string{"term", "count"}, Rows: [][]string{
		{"=HYPERLINK(\"http://evil\")", "1"}, {"+cmd", "2"}, {"@sum", "3"}, {"-0.25", "-4"}, {"-x", "5"}, {"plain, with comma", "6"},
	}}
	var b strings.Builder
	if err := tab.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "term,count\n\"'=HYPERLINK(\"\"http://evil\"\")\",1\n'+cmd,2\n'@sum,3\n-0.25,-4\n'-x,5\n\"plain, with comma\",6\n"
	if b.String() != want {
		t.Errorf("csv:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestFilterChecks(t *testing.T) {
	for q, ok := range map[string]bool{
		"from=2015-02-22&to=2015-02-23":                     true,
		"from=2015-02-22T10:00:00Z&to=2015-02-22T12:00:00Z": true,
		"from=2015-02-23&to=2015-02-22":                     false,
		"from=2015-02-22&to=2015-02-21T23:00:00Z":           false,
		"from=22/02/2015":                                   false,
		"from=2015-01-01&to=2015-03-01&interval=hour":       false,
		"from=2015-01-01&to=2015-01-31&interval=hour":       true,
		"from=2015-01-01&to=2015-01-02&interval=minute":     false,
		"from=2000-01-01&to=2015-01-02":                     false,
		"to=2015-01-02":                                     true,
	} {
		_, err := FilterFromQuery(mustQuery(q), fixedNow)
		if (err == nil) != ok {
			t.Errorf("%s: err %v, want ok %v", q, err, ok)
		}
	}
}

var fixedNow = mustTime("2015-02-24T10:30:00Z")
