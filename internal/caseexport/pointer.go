package caseexport

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// checkPointer checks a JSON pointer (RFC 6901); "" means not used.
func checkPointer(p string) error {
	if p != "" && !strings.HasPrefix(p, "/") {
		return fmt.Errorf("JSON pointer %q: must start with / (e.g. /id or /data/0/id)", p)
	}
	return nil
}

// lookup reads the value at pointer p of a JSON document as text: a string
// as is, a number or boolean as written. Missing gives ok false.
// (RFC 6901 is a dozen lines: no dependency for it.)
func lookup(doc []byte, p string) (string, bool) {
	var v any
	dec := json.NewDecoder(strings.NewReader(string(doc)))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return "", false
	}
	for _, tok := range strings.Split(p, "/")[1:] {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch node := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = node[tok]; !ok {
				return "", false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(node) {
				return "", false
			}
			v = node[i]
		default:
			return "", false
		}
	}
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}
