package message

import (
	"strings"
	"testing"
)

const good = `{"channel":"mastodon","external_id":"109","text":"Mon colis ?","created_at":"2026-11-23T09:30:00+01:00","author":{"handle":"@ana@piaille.fr","name":"Ana","followers":12},"lang":"fr","url":"https://piaille.fr/@ana/109","in_reply_to":"100","community":"france"}`

func TestParseInbound(t *testing.T) {
	m, err := ParseInbound([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if m.Key() != "mastodon:109" || m.CreatedAt.Hour() != 8 || m.Author.Followers != 12 || m.Community != "france" {
		t.Fatalf("parsed %+v", m)
	}
	bad := map[string]string{
		`{"channel":`: "malformed JSON",
		`[]`:          "malformed JSON",
		`{"channel":"x","external_id":"1","text":"t","created_at":"2026-11-23T09:30:00Z","author":{"handle":"h"}} {}`: "more than one value",
		strings.Replace(good, `"channel":"mastodon",`, ``, 1):                                                         "missing field: channel",
		strings.Replace(good, `"text":"Mon colis ?",`, ``, 1):                                                         "missing field: text",
		strings.Replace(good, `"Mon colis ?"`, `"   "`, 1):                                                            "text is empty",
		strings.Replace(good, `"2026-11-23T09:30:00+01:00"`, `"23/11/2026"`, 1):                                       "created_at",
		strings.Replace(good, `"handle":"@ana@piaille.fr",`, ``, 1):                                                   "author.handle",
		strings.Replace(good, `"followers":12`, `"followers":-1`, 1):                                                  "negative",
		strings.Replace(good, `"followers":12`, `"followers":"many"`, 1):                                              "field author.followers",
		strings.Replace(good, `"lang":"fr"`, `"lang":"French"`, 1):                                                    "lang",
		strings.Replace(good, `"https://piaille.fr/@ana/109"`, `"javascript:alert(1)"`, 1):                            "url",
		strings.Replace(good, `"community":"france"`, `"colour":"red"`, 1):                                            "unknown field",
		strings.Replace(good, `"Mon colis ?"`, `"a\u0000b"`, 1):                                                       "NUL",
		"{\"channel\":\"\xff\"}": "invalid UTF-8",
		"":                       "empty",
		strings.Repeat(" ", MaxLineBytes+1) + "{}": "bytes",
	}
	for in, want := range bad {
		_, err := ParseInbound([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%.60q: error %v, want it to mention %q", in, err, want)
		}
	}
}

func FuzzParseInbound(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte(`{"channel":"x","external_id":"1","text":"t","created_at":"2026-11-23T09:30:00Z","author":{"handle":"h"}}`))
	f.Add([]byte(`{"text":null}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		m, err := ParseInbound(line)
		if err != nil {
			return
		}
		if m.Channel == "" || m.ExternalID == "" || m.Text == "" || m.Author.Handle == "" || m.CreatedAt.IsZero() {
			t.Fatalf("accepted an incomplete message: %+v", m)
		}
	})
}
