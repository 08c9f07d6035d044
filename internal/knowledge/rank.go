package knowledge

import (
	"math"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// queryTerm is one distinct term of a query, its frequency and first word.
type queryTerm struct {
	term string
	qtf  float64
	word string
}

// scratch holds the per-query accumulators, reused across queries.
type scratch struct {
	doc  []float64 // score by answer slot
	docs []int32   // slots scored, in the order first touched
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Suggest ranks the answers that fit q, best first, with their scores and
// the words they matched. Answers that match no word are not suggested.
func (ix *Index) Suggest(q Query) []Suggestion {
	qts := ix.queryTerms(q)
	if len(qts) == 0 {
		return nil
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s.reset(len(ix.docs))
	ix.scoreFields(qts, s)
	return ix.top(q, qts, s)
}

// queryTerms analyses the query text into distinct terms.
func (ix *Index) queryTerms(q Query) []queryTerm {
	var out []queryTerm
	at := map[string]int{}
	for _, t := range ix.an.Analyze(truncate(q.Text, MaxQueryBytes), q.Language) {
		if i, ok := at[t.Term]; ok {
			out[i].qtf++
			continue
		}
		at[t.Term] = len(out)
		out = append(out, queryTerm{term: t.Term, qtf: 1, word: t.Word})
	}
	return out
}

// truncate cuts s to at most n bytes, at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func (s *scratch) reset(docs int) {
	s.doc = grow(s.doc, docs)
	s.docs = s.docs[:0]
}

// grow returns a zeroed slice of n floats, reusing b's memory.
func grow(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// idf is the BM25 inverse document frequency of a term in df of n documents.
func idf(df, n int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// queryWeight is how much a query term counts: its frequency in the plain
// baseline; otherwise once (a word repeated in a rant is not more relevant),
// and MentionWeight for an @mention, the account the message addresses.
func (ix *Index) queryWeight(qt queryTerm) float64 {
	if ix.p.Plain {
		return qt.qtf
	}
	if strings.HasPrefix(qt.term, "@") {
		return ix.p.MentionWeight
	}
	return 1
}

// scoreFields adds each answer's BM25F score to s.doc.
func (ix *Index) scoreFields(qts []queryTerm, s *scratch) {
	inv := ix.invNorms()
	k1 := ix.p.K1
	for _, qt := range qts {
		list := ix.post[qt.term]
		if len(list) == 0 {
			continue
		}
		w := idf(len(list), ix.live) * ix.queryWeight(qt)
		if w <= 0 {
			continue
		}
		for _, p := range list {
			n := &inv[p.doc]
			tf := float64(p.tf[0])*n[0] + float64(p.tf[1])*n[1] + float64(p.tf[2])*n[2]
			if tf <= 0 {
				continue // only in fields weighted 0
			}
			if s.doc[p.doc] == 0 { // first positive score: touched now
				s.docs = append(s.docs, p.doc)
			}
			s.doc[p.doc] += w * tf / (k1 + tf)
		}
	}
}

// top returns the best-scored answers that fit q.
func (ix *Index) top(q Query, qts []queryTerm, s *scratch) []Suggestion {
	now := q.Now
	if now.IsZero() {
		now = ix.now()
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	var hits []hit
	for _, d := range s.docs {
		score := s.doc[d] + ix.prior[d]
		if len(hits) == limit && score < hits[limit-1].score {
			continue
		}
		e := ix.docs[d]
		if fits(&e.a, &q, now) {
			hits = pushTop(hits, hit{doc: d, score: score, id: e.a.ID}, limit)
		}
	}
	out := make([]Suggestion, len(hits))
	for i, h := range hits {
		e := ix.docs[h.doc]
		out[i] = Suggestion{Answer: e.a.Clone(), Score: h.score, Matched: matched(e, qts)}
	}
	return out
}

// hit is one scored answer.
type hit struct {
	doc   int32
	score float64
	id    string
}

// before orders hits by score, then id for a stable order.
func (h hit) before(o hit) bool {
	if h.score != o.score {
		return h.score > o.score
	}
	return h.id < o.id
}

// pushTop inserts h into hits, kept sorted and at most limit long.
func pushTop(hits []hit, h hit, limit int) []hit {
	if len(hits) == limit && !h.before(hits[limit-1]) {
		return hits
	}
	i := sort.Search(len(hits), func(i int) bool { return h.before(hits[i]) })
	if len(hits) < limit {
		hits = append(hits, hit{})
	}
	copy(hits[i+1:], hits[i:])
	hits[i] = h
	return hits
}

// matched returns the query words whose terms the answer holds.
func matched(e *entry, qts []queryTerm) []string {
	var out []string
	for _, qt := range qts {
		if _, ok := e.terms[qt.term]; ok {
			out = appendOnce(out, qt.word)
		}
	}
	return out
}
