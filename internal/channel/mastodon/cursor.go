package mastodon

import (
	"encoding/json"
	"maps"
)

// cursor is the newest id seen on each timeline (home, notifications,
// tag:NAME, list:ID, public, public:local), persisted as JSON.
type cursor map[string]string

func loadCursor(s string) cursor {
	c := cursor{}
	if s != "" {
		json.Unmarshal([]byte(s), &c) // an unreadable cursor starts afresh
	}
	return c
}

func (c cursor) String() string {
	b, _ := json.Marshal(map[string]string(c))
	return string(b)
}

// advance moves a timeline's cursor to id when id is newer.
func (c cursor) advance(timeline, id string) bool {
	if newer(id, c[timeline]) {
		c[timeline] = id
		return true
	}
	return false
}

func (c cursor) clone() cursor { return maps.Clone(c) }

// newer compares Mastodon ids: decimal snowflakes, longer is newer.
func newer(a, b string) bool {
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a > b
}
