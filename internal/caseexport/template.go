package caseexport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/template"
	"time"
)

// MaxBodyBytes bounds a rendered request body.
const MaxBodyBytes = 1 << 20

// funcs are the functions a body template may call besides text/template's.
var funcs = template.FuncMap{
	"json":     jsonValue,
	"truncate": func(n int, s string) string { return truncate(s, n) },
	"thread":   threadText,
	"iso":      func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
}

// jsonValue writes v as a JSON value: a string is quoted and escaped (", \,
// control characters, and <, >, & as \u003c…), so text can never end it.
func jsonValue(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("json: %w", err)
	}
	return string(b), nil
}

// threadText is the conversation as plain text, one paragraph per message.
func threadText(c Conversation) string {
	var b strings.Builder
	for i, m := range c.Messages {
		if i > 0 {
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "%s (%s): %s", m.Author.Handle, m.CreatedAt.UTC().Format("2006-01-02 15:04 MST"), m.Text)
	}
	return b.String()
}

// parseBody parses a body template.
func parseBody(src string) (*template.Template, error) {
	t, err := template.New("body").Funcs(funcs).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, fmt.Errorf("body template: %w", err)
	}
	return t, nil
}

// render runs t on c; when jsonBody, the result must be valid JSON.
func render(t *template.Template, c Conversation, jsonBody bool) ([]byte, error) {
	var b bytes.Buffer
	if err := t.Execute(&limitedWriter{w: &b, n: MaxBodyBytes}, c); err != nil {
		return nil, fmt.Errorf("body template: %w", err)
	}
	if jsonBody && !json.Valid(b.Bytes()) {
		return nil, errors.New("body template: the rendered body is not valid JSON (write text fields as {{json .Text}}, never \"{{.Text}}\")")
	}
	return b.Bytes(), nil
}

// RenderBody renders a body template for a conversation; a JSON body must
// come out valid.
func RenderBody(src string, c Conversation, jsonBody bool) ([]byte, error) {
	t, err := parseBody(src)
	if err != nil {
		return nil, err
	}
	return render(t, c, jsonBody)
}

// hostile is put in every text field of the sample conversation a template
// is checked with: whatever can end a JSON string or inject markup.
const hostile = "\"}],\n\t{\\\"x\\\": </script><b>&amp;'\u2028\x00\x1f"

// sample is a conversation of two messages whose every text is hostile.
func sample() Conversation {
	at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	a := Author{Handle: "@x" + hostile, Name: hostile, Followers: 42}
	c := Conversation{
		ID: 1, MessageID: 2, Link: "https://switchboard.example/m/2?" + hostile, Subject: hostile, Channel: hostile,
		Community: hostile, Lang: hostile, Class: hostile, Department: hostile, Sentiment: hostile, SentimentScore: -0.5,
		Priority: hostile, Status: hostile, Author: a, Text: hostile, URL: hostile, CreatedAt: at,
	}
	c.Messages = []Message{
		{ID: 1, Author: a, Text: hostile, URL: hostile, Sentiment: hostile, Class: hostile, CreatedAt: at},
		{ID: 2, Author: a, Text: hostile + hostile, URL: hostile, Sentiment: hostile, Class: hostile, CreatedAt: at},
	}
	return c
}

// limitedWriter fails once more than n bytes are written.
type limitedWriter struct {
	w *bytes.Buffer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.w.Len()+len(p) > l.n {
		return 0, fmt.Errorf("rendered body larger than %d bytes", l.n)
	}
	return l.w.Write(p)
}
