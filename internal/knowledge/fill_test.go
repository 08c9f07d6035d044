package knowledge

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func TestFill(t *testing.T) {
	vars := Vars{"author.name": "Léa", "community": "gamers"}
	cases := []struct {
		body, want string
		unknown    []string
	}{
		{"Hi {{author.name}}, welcome to {{ community }}!", "Hi Léa, welcome to gamers!", nil},
		{"Dear {{author.title}} {{author.name}}", "Dear {{author.title}} Léa", []string{"author.title"}},
		{"{{x}} and {{x}} and {{y}}", "{{x}} and {{x}} and {{y}}", []string{"x", "y"}},
		{"not a {{variable with spaces}} nor {{}} nor {{ unclosed", "not a {{variable with spaces}} nor {{}} nor {{ unclosed", nil},
		{"{{{{author.name}}}}", "{{Léa}}", nil},
		{"", "", nil},
		{"{{" + strings.Repeat(" ", 200) + "community}}", "{{" + strings.Repeat(" ", 200) + "community}}", nil},
	}
	for _, c := range cases {
		got, unknown := Fill(c.body, vars)
		if got != c.want || !slices.Equal(unknown, c.unknown) {
			t.Errorf("Fill(%q) = %q, %q; want %q, %q", c.body, got, unknown, c.want, c.unknown)
		}
	}
}

func TestFillTreatsValuesAsText(t *testing.T) {
	vars := Vars{
		"author.name": "{{community}} <script>alert(1)</script>\u202eevil\x07",
		"community":   "SECRET",
	}
	got, unknown := Fill("Hi {{author.name}}", vars)
	want := "Hi {{community}} <script>alert(1)</script>evil"
	if got != want || unknown != nil {
		t.Errorf("got %q %q, want %q: values are not expanded again, controls dropped", got, unknown, want)
	}
}

func TestVarsFor(t *testing.T) {
	m := &message.Message{Channel: "mastodon", Community: "gamers", Author: message.Author{Handle: "@lea@example.social"}}
	v := VarsFor(m)
	if v["author.name"] != "@lea@example.social" || v["community"] != "gamers" || v["author.handle"] != m.Author.Handle {
		t.Errorf("VarsFor = %v", v)
	}
	m.Author.Name = "Léa"
	if VarsFor(m)["author.name"] != "Léa" {
		t.Error("author.name is not the display name")
	}
}

func TestFillIsLinear(t *testing.T) {
	body := strings.Repeat("{{", 1<<20)
	start := time.Now()
	got, _ := Fill(body, nil)
	if got != body {
		t.Fatal("text without variables changed")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("filling 2 MB of braces took %v", d)
	}
}

// refVar is the syntax of a variable, as a regular expression: Fill must
// do what replacing its leftmost matches does.
var refVar = regexp.MustCompile(`\{\{[ \t]{0,32}([A-Za-z0-9_.-]{1,64})[ \t]{0,32}\}\}`)

// refFill is a reference Fill built on refVar.
func refFill(body string, vars Vars) (string, []string) {
	var unknown []string
	out := refVar.ReplaceAllStringFunc(body, func(m string) string {
		name := refVar.FindStringSubmatch(m)[1]
		if v, ok := vars[name]; ok {
			return cleanValue(v)
		}
		unknown = appendOnce(unknown, name)
		return m
	})
	return out, unknown
}

func FuzzFill(f *testing.F) {
	for _, s := range []string{
		"Hi {{author.name}}, see {{community}}", "{{{{a}}}}", "{{", "}}{{", "{{ x }}{{y}}",
		"{{author.name", "{{\u202e}}", "\xff{{a}}\xfe", strings.Repeat("{{a}}", 50),
		"{{a}{{ a}}}", "{{" + strings.Repeat(" ", 40) + "a}}", "{{\ta\t}}",
	} {
		f.Add(s, "Léa {{community}}")
	}
	f.Fuzz(func(t *testing.T, body, value string) {
		vars := Vars{"a": value, "author.name": value, "community": "c"}
		got, unknown := Fill(body, vars)
		want, wantUnknown := refFill(body, vars)
		if got != want || !slices.Equal(unknown, wantUnknown) {
			t.Fatalf("Fill(%q) = %q %q, reference %q %q", body, got, unknown, want, wantUnknown)
		}
		if utf8.ValidString(body) && !utf8.ValidString(got) {
			t.Fatalf("valid body %q gave invalid output %q", body, got)
		}
		for _, n := range unknown {
			if _, known := vars[n]; known || !strings.Contains(got, n) {
				t.Fatalf("unknown %q is known or not left visible in %q", n, got)
			}
		}
		if !strings.Contains(body, "{{") {
			if same, _ := Fill(body, vars); same != body {
				t.Fatalf("text without variables changed: %q → %q", body, same)
			}
		}
	})
}
