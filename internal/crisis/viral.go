package crisis

import "time"

// virality follows the replies and reposts of each post in tumbling
// windows and alerts when a window holds at least MinCount of them and at
// least Growth times the window before: the post is accelerating. A post
// alerts at most once per window, and again only in a later window that
// holds Growth times the count of its last alert.
type virality struct {
	c     ViralConfig
	posts map[postKey]*post
}

type postKey struct{ community, id string }

type post struct {
	window    int64 // index of the current window
	cur, prev int   // replies and reposts in the current and previous windows
	alertedAt int   // count that raised the last alert (0: none)
	alertedIn int64 // window of the last alert
}

func newVirality(c ViralConfig) *virality {
	return &virality{c: c, posts: make(map[postKey]*post)}
}

// observe counts a reply or repost and reports an accelerating post.
func (v *virality) observe(ev Event) (Alert, bool) {
	if ev.ParentID == "" || v.c.Window <= 0 {
		return Alert{}, false
	}
	k := postKey{ev.Community, ev.ParentID}
	p := v.post(k)
	p.roll(v.windowOf(ev.Time))
	p.cur++
	if p.cur < v.c.MinCount || float64(p.cur) < v.c.Growth*float64(p.prev) {
		return Alert{}, false
	}
	if p.alertedAt > 0 && (p.alertedIn == p.window || float64(p.cur) < v.c.Growth*float64(p.alertedAt)) {
		return Alert{}, false
	}
	p.alertedAt, p.alertedIn = p.cur, p.window
	return Alert{
		Kind: KindViral, Community: ev.Community, Time: ev.Time, PostID: ev.ParentID,
		Score:    float64(p.cur) / float64(p.cur+v.c.MinCount),
		Observed: float64(p.cur), Expected: float64(p.prev),
	}, true
}

// post returns the state of a post, making room if needed.
func (v *virality) post(k postKey) *post {
	if p, ok := v.posts[k]; ok {
		return p
	}
	if len(v.posts) >= v.c.MaxPosts {
		v.evictQuietest()
	}
	p := &post{}
	v.posts[k] = p
	return p
}

// roll moves a post to window w.
func (p *post) roll(w int64) {
	switch {
	case w <= p.window:
		return
	case w == p.window+1:
		p.prev = p.cur
	default:
		p.prev = 0
	}
	p.window, p.cur = w, 0
}

func (v *virality) windowOf(t time.Time) int64 {
	return floorDiv(t.UnixNano(), int64(v.c.Window))
}

// evictQuietest drops the oldest of a few posts (approximate LRU).
func (v *virality) evictQuietest() {
	var victim postKey
	var oldest *post
	seen := 0
	for k, p := range v.posts {
		if oldest == nil || p.window < oldest.window {
			victim, oldest = k, p
		}
		if seen++; seen >= evictSample {
			break
		}
	}
	delete(v.posts, victim)
}

// expire forgets posts with no reply or repost in the last two windows.
func (v *virality) expire(now time.Time) {
	w := v.windowOf(now)
	for k, p := range v.posts {
		if p.window < w-1 {
			delete(v.posts, k)
		}
	}
}

// ViralConfig tunes the virality detector: a post alerts when the replies
// and reposts it received in the last Window number at least MinCount and at
// least Growth times as many as in the Window before.
type ViralConfig struct {
	Window   time.Duration
	MinCount int
	Growth   float64
	MaxPosts int // posts followed at once; the quietest are forgotten first
}

// DefaultViralConfig returns the production virality settings.
func DefaultViralConfig() ViralConfig {
	return ViralConfig{Window: 10 * time.Minute, MinCount: 20, Growth: 2, MaxPosts: 20_000}
}
