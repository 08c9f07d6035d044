package incident

import (
	"sort"
	"time"
)

// enrich adds to an alert's terms those that come with them in at least half
// of the community's recent messages since from: a burst on one word
// ("matin") names its incident by all the words its messages share
// ("panne", "reseau"), so that alerts on those words join it.
func (r *recent) enrich(community string, from time.Time, terms []string) []string {
	if len(terms) == 0 {
		return terms
	}
	counts, n := map[string]int{}, 0
	for _, s := range r.byID[community] {
		if s.row.PostedAt.Before(from) || !overlap(terms, s.row.Terms) {
			continue
		}
		n++
		for _, t := range s.row.Terms {
			counts[t]++
		}
	}
	bg := r.background(community, from)
	var with []string
	for t, c := range counts {
		if 2*c >= n && !contains(terms, t) && !bg[t] {
			with = append(with, t)
		}
	}
	sort.Slice(with, func(i, j int) bool {
		if counts[with[i]] != counts[with[j]] {
			return counts[with[i]] > counts[with[j]]
		}
		return with[i] < with[j]
	})
	out := append([]string(nil), terms...)
	for _, t := range with {
		if len(out) == maxIncidentTerms {
			break
		}
		out = append(out, t)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Background terms are those in at least one in twenty of the community's recent
// messages before from (the brand's own name, say): they say nothing of an
// incident, and as keywords of its rule they would send it everything.
const (
	backgroundShare = 0.05
	backgroundMin   = 20 // messages before from needed to judge
)

func (r *recent) background(community string, from time.Time) map[string]bool {
	counts, n := map[string]int{}, 0
	for _, s := range r.byID[community] {
		if !s.row.PostedAt.Before(from) {
			continue
		}
		n++
		for _, t := range s.row.Terms {
			counts[t]++
		}
	}
	bg := map[string]bool{}
	if n < backgroundMin {
		return bg
	}
	for t, c := range counts {
		if float64(c) >= backgroundShare*float64(n) {
			bg[t] = true
		}
	}
	return bg
}

// withoutBackground drops background terms from an alert's terms; when all
// are, the incident has none and its rule takes its community's negative
// messages.
func (r *recent) withoutBackground(community string, from time.Time, terms []string) []string {
	bg := r.background(community, from)
	var out []string
	for _, t := range terms {
		if !bg[t] {
			out = append(out, t)
		}
	}
	return out
}
