package caseexport

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// ErrInvalid is wrapped by the errors of a refused target or request.
var ErrInvalid = errors.New("invalid case target")

// Timeouts of a call to the external system.
const (
	DefaultTimeoutMS = 10000
	MaxTimeoutMS     = 60000
)

// Spec is a target as an admin writes it. SecretHeaders (e.g.
// Authorization) are sealed with SWITCHBOARD_SECRET_KEY and never shown
// again; nil keeps those already stored, an empty map removes them.
type Spec struct {
	Name          string            `json:"name"`
	URL           string            `json:"url"`
	Method        string            `json:"method"`
	Headers       map[string]string `json:"headers"`
	SecretHeaders map[string]string `json:"secret_headers"`
	BodyTemplate  string            `json:"body_template"`
	IDPointer     string            `json:"id_pointer"`
	URLPointer    string            `json:"url_pointer"`
	URLTemplate   string            `json:"url_template"`
	TimeoutMS     int               `json:"timeout_ms"`
}

var (
	namePattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)
	headerPattern = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$")
	methods       = map[string]bool{http.MethodPost: true, http.MethodPut: true, http.MethodPatch: true}
	reserved      = map[string]bool{"Host": true, "Content-Length": true, "Transfer-Encoding": true, "Connection": true}
)

// sealedFor is what a target's secret headers are bound to.
func sealedFor(name string) string { return "case-target:" + name }

// Check reports the first problem of a spec, after filling its defaults.
func (s *Spec) Check() error {
	if s.Method == "" {
		s.Method = http.MethodPost
	}
	if s.TimeoutMS == 0 {
		s.TimeoutMS = DefaultTimeoutMS
	}
	for _, check := range []func() error{s.checkName, s.checkURL, s.checkHeaders, s.checkTemplates} {
		if err := check(); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalid, err)
		}
	}
	return nil
}

func (s *Spec) checkName() error {
	if !namePattern.MatchString(s.Name) {
		return fmt.Errorf("name %q: want 1 to 63 lower-case letters, digits, - or _", s.Name)
	}
	if !methods[s.Method] {
		return fmt.Errorf("method %q: want POST, PUT or PATCH", s.Method)
	}
	if s.TimeoutMS < 1 || s.TimeoutMS > MaxTimeoutMS {
		return fmt.Errorf("timeout_ms %d: want 1 to %d", s.TimeoutMS, MaxTimeoutMS)
	}
	return nil
}

func (s *Spec) checkURL() error {
	u, err := url.Parse(s.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("url %q: want an absolute http or https URL", s.URL)
	}
	return nil
}

func (s *Spec) checkHeaders() error {
	for _, h := range []map[string]string{s.Headers, s.SecretHeaders} {
		for k, v := range h {
			if !headerPattern.MatchString(k) || reserved[http.CanonicalHeaderKey(k)] {
				return fmt.Errorf("header %q: not a header name that can be set", k)
			}
			if strings.ContainsAny(v, "\r\n\x00") || len(v) > 8192 {
				return fmt.Errorf("header %q: the value must be one line of at most 8192 bytes", k)
			}
		}
	}
	for k := range s.SecretHeaders {
		if _, ok := s.Headers[k]; ok {
			return fmt.Errorf("header %q is given both in headers and secret_headers", k)
		}
	}
	return nil
}

// checkTemplates parses the templates and renders the body for a
// conversation whose every text is hostile: a JSON body must stay valid.
func (s *Spec) checkTemplates() error {
	if strings.TrimSpace(s.BodyTemplate) == "" {
		return errors.New("body_template is empty")
	}
	if _, err := RenderBody(s.BodyTemplate, sample(), isJSON(s.Headers)); err != nil {
		return fmt.Errorf("%w (checked with message text full of quotes, braces and markup)", err)
	}
	for _, p := range []string{s.IDPointer, s.URLPointer} {
		if err := checkPointer(p); err != nil {
			return err
		}
	}
	if s.URLTemplate != "" {
		if _, err := caseURL(s.URLTemplate, "123"); err != nil {
			return err
		}
	}
	return nil
}

// isJSON reports whether the body is JSON: the default Content-Type, or
// one that says json.
func isJSON(headers map[string]string) bool {
	for k, v := range headers {
		if http.CanonicalHeaderKey(k) == "Content-Type" {
			return strings.Contains(strings.ToLower(v), "json")
		}
	}
	return true
}

// caseURL renders the URL template of a case from its external id.
func caseURL(src, id string) (string, error) {
	t, err := template.New("url").Funcs(template.FuncMap{"urlquery": template.URLQueryEscaper}).Parse(src)
	if err != nil {
		return "", fmt.Errorf("url_template: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, struct{ ID string }{url.PathEscape(id)}); err != nil {
		return "", fmt.Errorf("url_template: %w", err)
	}
	return b.String(), nil
}

// Record turns a checked spec into what the store keeps, sealing its secret
// headers (keeping the stored ones when SecretHeaders is nil).
func (s Spec) Record(keys *channel.Keyring, old store.CaseTarget) (store.CaseTarget, error) {
	t := store.CaseTarget{Name: s.Name, URL: s.URL, Method: s.Method, Headers: s.Headers, BodyTemplate: s.BodyTemplate,
		IDPointer: s.IDPointer, URLPointer: s.URLPointer, URLTemplate: s.URLTemplate, TimeoutMS: s.TimeoutMS,
		SecretHeaders: old.SecretHeaders}
	if t.Headers == nil {
		t.Headers = map[string]string{}
	}
	if s.SecretHeaders != nil {
		sealed, err := keys.Seal(s.SecretHeaders, sealedFor(s.Name))
		if err != nil {
			return t, fmt.Errorf("secret headers of %q: %w", s.Name, err)
		}
		t.SecretHeaders = sealed
	}
	return t, nil
}

// SecretHeaderNames lists the names of a target's secret headers, sorted.
func SecretHeaderNames(keys *channel.Keyring, t store.CaseTarget) ([]string, error) {
	secrets, err := keys.Open(t.SecretHeaders, sealedFor(t.Name))
	if err != nil {
		return nil, fmt.Errorf("secret headers of %q: %w", t.Name, err)
	}
	names := make([]string, 0, len(secrets))
	for k := range secrets {
		names = append(names, k)
	}
	sort.Strings(names)
	return names, nil
}
