package crisis

import "time"

// Event is one routed message as the detector sees it.
type Event struct {
	Community string    // the community the message belongs to
	Time      time.Time // when it was posted
	Negative  bool      // negative sentiment
	Class     string    // routing class, if any
	Terms     []string  // normalised terms and hashtags of its text
	Author    string    // author handle, for the opinion-leader signal
	Followers int64     // the author's followers
	Influence float64   // the author's influence in the community, 0–100 (internal/influence); 0 if unknown
	PostID    string    // the message's own id on its network
	ParentID  string    // the post it replies to or reposts, if any
}

// Kind is what raised an alert.
type Kind string

// The kinds of alert.
const (
	KindBurst  Kind = "burst"  // a series' count is improbable under its baseline
	KindViral  Kind = "viral"  // one post's replies and reposts accelerate
	KindLeader Kind = "leader" // an author with many followers posts negatively
)

// Alert is one signal for the incident layer.
type Alert struct {
	Kind      Kind      `json:"kind"`
	Community string    `json:"community"`
	Series    string    `json:"series,omitempty"` // "all", "negative", "class:…", "term:…"
	Time      time.Time `json:"time"`             // bucket start, or the event's time
	Score     float64   `json:"score"`            // in [0.5, 1]
	Observed  float64   `json:"observed"`         // count in the bucket (or window)
	Expected  float64   `json:"expected"`         // what the baseline expected
	Terms     []string  `json:"terms,omitempty"`  // the community's fastest-rising terms then
	PostID    string    `json:"post_id,omitempty"`
	Author    string    `json:"author,omitempty"`
	Followers int64     `json:"followers,omitempty"`
}

// Series names of a community.
const (
	SeriesAll      = "all"
	SeriesNegative = "negative"
	classPrefix    = "class:"
	termPrefix     = "term:"
)

// seriesNames returns the series an event counts in.
func seriesNames(ev Event) []string {
	names := make([]string, 0, 3+len(ev.Terms))
	names = append(names, SeriesAll)
	if ev.Negative {
		names = append(names, SeriesNegative)
	}
	if ev.Class != "" {
		names = append(names, classPrefix+ev.Class)
	}
	for i, t := range ev.Terms {
		if t != "" && !seen(ev.Terms[:i], t) {
			names = append(names, termPrefix+t)
		}
	}
	return names
}

func seen(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
