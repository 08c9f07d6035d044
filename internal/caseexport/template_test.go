package caseexport

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// A template that writes text raw into JSON is refused when saved; the
// same with json is accepted.
func TestCheckRefusesTemplatesTextCanBreak(t *testing.T) {
	for _, tc := range []struct {
		body string
		ok   bool
	}{
		{`{"title": "{{.Subject}}"}`, false},
		{`{"title": {{.Subject}}}`, false},
		{`{"title": {{json .Subject}}, "n": {{len .Messages}}}`, true},
		{`{"title": {{json .Subject}}`, false},
		{`{"a": {{json .Nope}}}`, false},
		{`{{range .Messages}}{{json .Text}}{{end}}`, false},
		{`[{{range $i, $m := .Messages}}{{if $i}},{{end}}{{json $m.Text}}{{end}}]`, true},
	} {
		s := Spec{Name: "crm", URL: "https://crm.example/api", BodyTemplate: tc.body}
		err := s.Check()
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrInvalid)) {
			t.Errorf("%s: %v, want ok=%v", tc.body, err, tc.ok)
		}
	}
	form := Spec{Name: "form", URL: "https://crm.example/api", BodyTemplate: `subject={{urlquery .Subject}}`,
		Headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}
	if err := form.Check(); err != nil {
		t.Errorf("a form body need not be JSON: %v", err)
	}
}

func TestCheckRefusesBadTargets(t *testing.T) {
	good := Spec{Name: "crm", URL: "https://crm.example/api", BodyTemplate: `{}`}
	for name, change := range map[string]func(*Spec){
		"name":         func(s *Spec) { s.Name = "Bad Name" },
		"url":          func(s *Spec) { s.URL = "ftp://crm.example" },
		"method":       func(s *Spec) { s.Method = "GET" },
		"timeout":      func(s *Spec) { s.TimeoutMS = 120000 },
		"header name":  func(s *Spec) { s.Headers = map[string]string{"Bad Header": "x"} },
		"header value": func(s *Spec) { s.Headers = map[string]string{"X-A": "a\r\nX-B: b"} },
		"host":         func(s *Spec) { s.Headers = map[string]string{"host": "evil"} },
		"both": func(s *Spec) {
			s.Headers, s.SecretHeaders = map[string]string{"X-A": "a"}, map[string]string{"X-A": "b"}
		},
		"pointer":      func(s *Spec) { s.IDPointer = "id" },
		"empty body":   func(s *Spec) { s.BodyTemplate = " " },
		"url template": func(s *Spec) { s.URLTemplate = "https://crm/{{.Nope" },
	} {
		s := good
		change(&s)
		if err := s.Check(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	if err := good.Check(); err != nil || good.Method != "POST" || good.TimeoutMS != DefaultTimeoutMS {
		t.Errorf("good spec: %v %+v", err, good)
	}
}

func TestLookup(t *testing.T) {
	doc := []byte(`{"id": 12, "a/b": {"~k": ["x", true]}, "s": "v"}`)
	for p, want := range map[string]string{"/id": "12", "/a~1b/~0k/0": "x", "/a~1b/~0k/1": "true", "/s": "v"} {
		if got, ok := lookup(doc, p); !ok || got != want {
			t.Errorf("%s: %q %v, want %q", p, got, ok, want)
		}
	}
	for _, p := range []string{"/nope", "/a~1b/~0k/2", "/a~1b", "/id/x"} {
		if got, ok := lookup(doc, p); ok {
			t.Errorf("%s: %q, want missing", p, got)
		}
	}
}

// FuzzRenderStaysJSON: whatever the message text and author, the rendered
// body of a checked template is valid JSON and carries the text unchanged.
func FuzzRenderStaysJSON(f *testing.F) {
	for _, s := range []string{"", "\"}", "</script>", "\x00\x1f\u2028", "{{.Text}}", "\\", "é\xff\xfe", strings.Repeat("\"", 100)} {
		f.Add(s, s)
	}
	src := `{"title": {{json .Subject}}, "text": {{json .Text}}, "who": {{json .Author.Handle}}, "thread": {{json (thread .)}},
		"short": {{json (truncate 10 .Text)}}}`
	if err := (&Spec{Name: "f", URL: "https://x.example", BodyTemplate: src}).Check(); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, handle string) {
		c := Conversation{Text: text, Subject: text, Author: Author{Handle: handle},
			Messages: []Message{{Text: text, Author: Author{Handle: handle}, CreatedAt: time.Unix(0, 0)}}}
		body, err := RenderBody(src, c, true)
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		var got map[string]string
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, body)
		}
		want := validUTF8(text)
		if got["text"] != want || got["who"] != validUTF8(handle) || len(got) != 5 {
			t.Fatalf("fields changed: %q, want %q", got, want)
		}
	})
}

// validUTF8 replaces each invalid byte with U+FFFD, as encoding/json does.
func validUTF8(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		b.WriteRune(r)
		s = s[n:]
	}
	return b.String()
}

// An answer that is not UTF-8 (a Latin-1 error page) keeps its excerpt,
// with the bytes that are not text replaced, not cut at its first such byte.
func TestExcerptOfAnAnswerThatIsNotUTF8(t *testing.T) {
	raw := append([]byte("erreur: caf\xe9 "), []byte(strings.Repeat("x", 3000))...)
	got := excerpt(raw)
	if !strings.HasPrefix(got, "erreur: caf\uFFFD xxx") || len(got) < bodyExcerpt-3 || len(got) > bodyExcerpt+3 {
		t.Fatalf("excerpt of %d bytes: %q…", len(got), got[:min(len(got), 40)])
	}
	cut := append([]byte(strings.Repeat("a", bodyExcerpt-1)), "é"...) // é cut in two at the limit
	if got := excerpt(cut); got != strings.Repeat("a", bodyExcerpt-1) {
		t.Fatalf("a rune cut at the limit: %d bytes, ends %q", len(got), got[len(got)-3:])
	}
}
