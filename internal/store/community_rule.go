package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// CommunityRule gives a message that has no community from its account one:
// the first rule (by position, then id) whose every condition holds wins.
// Langs match the detected language; Keywords and Places match whole words
// of the text, without case (messages carry no geolocation: a place is a
// name, a city or a country, written in the message).
type CommunityRule struct {
	ID        int64    `json:"id"`
	Community string   `json:"community"`
	Position  int      `json:"position"`
	Langs     []string `json:"langs"`
	Keywords  []string `json:"keywords"`
	Places    []string `json:"places"`
}

var langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})?$`)

// Limits on assignment rules.
const (
	maxRuleTerms     = 100
	maxRuleTermBytes = 100
	maxRules         = 200
)

func checkRule(r CommunityRule) error {
	if len(r.Langs)+len(r.Keywords)+len(r.Places) == 0 {
		return fmt.Errorf("%w: a rule needs at least one language, keyword or place", ErrInvalidValue)
	}
	for _, l := range r.Langs {
		if !langPattern.MatchString(l) {
			return fmt.Errorf("%w: language %q: want a code like fr or en", ErrInvalidValue, l)
		}
	}
	for _, list := range [][]string{r.Keywords, r.Places} {
		if len(list) > maxRuleTerms {
			return fmt.Errorf("%w: at most %d keywords or places per rule", ErrInvalidValue, maxRuleTerms)
		}
		for _, w := range list {
			if normalizeWords(w) == "" || len(w) > maxRuleTermBytes {
				return fmt.Errorf("%w: keyword or place %q: 1 to %d bytes with a letter or digit", ErrInvalidValue, w, maxRuleTermBytes)
			}
		}
	}
	return nil
}

// SetCommunityRules replaces the assignment rules of a community.
func (s *Store) SetCommunityRules(ctx context.Context, a Actor, slug string, rules []CommunityRule) ([]CommunityRule, error) {
	if len(rules) > maxRules {
		return nil, fmt.Errorf("%w: at most %d rules per community", ErrInvalidValue, maxRules)
	}
	for _, r := range rules {
		if err := checkRule(r); err != nil {
			return nil, err
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.existingCommunity(ctx, tx, slug)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM community_rules WHERE community_id = ?`), id); err != nil {
			return fmt.Errorf("rules of %s: %w", slug, err)
		}
		now := time.Now().UnixMicro()
		for _, r := range rules {
			_, err := tx.ExecContext(ctx, s.q(`INSERT INTO community_rules (community_id, position, langs, keywords, places, created_at)
				VALUES (?, ?, ?, ?, ?, ?)`), id, r.Position, jsonList(r.Langs), jsonList(r.Keywords), jsonList(r.Places), now)
			if err != nil {
				return fmt.Errorf("rules of %s: %w", slug, err)
			}
		}
		return s.audit(ctx, tx, a, "community.rules", slug, map[string]int{"rules": len(rules)})
	})
	if err != nil {
		return nil, err
	}
	s.communityRules.invalidate()
	return s.CommunityRules(ctx, slug)
}

// CommunityRules lists the assignment rules of one community, or of every
// community when slug is empty, in the order they are tried.
func (s *Store) CommunityRules(ctx context.Context, slug string) ([]CommunityRule, error) {
	query := `SELECT r.id, c.slug, r.position, r.langs, r.keywords, r.places FROM community_rules r
		JOIN communities c ON c.id = r.community_id`
	var args []any
	if slug != "" {
		query += ` WHERE c.slug = ?`
		args = append(args, slug)
	}
	rows, err := s.read.QueryContext(ctx, s.q(query+` ORDER BY r.position, r.id`), args...)
	if err != nil {
		return nil, fmt.Errorf("community rules: %w", err)
	}
	defer rows.Close()
	out := []CommunityRule{}
	for rows.Next() {
		var r CommunityRule
		var langs, kws, places string
		if err := rows.Scan(&r.ID, &r.Community, &r.Position, &langs, &kws, &places); err != nil {
			return nil, fmt.Errorf("community rules: %w", err)
		}
		r.Langs, r.Keywords, r.Places = parseList(langs), parseList(kws), parseList(places)
		out = append(out, r)
	}
	return out, rows.Err()
}

// AssignCommunity gives m a community by the assignment rules when its
// account gave it none. The rules are kept in memory and read again after a
// change made here, or after a minute (a change made by another process).
// The text is split into words once; its runs of words are looked up in one
// map of every rule's keywords and places, then the rules are tried in order.
func (s *Store) AssignCommunity(ctx context.Context, m *message.Message) error {
	if m.Community != "" {
		return nil
	}
	set, err := s.communityRules.get(ctx, s)
	if err != nil {
		return err
	}
	if len(set.rules) == 0 {
		return nil
	}
	found := set.found(strings.Fields(normalizeWords(m.Text)))
	for _, r := range set.rules {
		if r.matches(m.Analysis.Lang, found) {
			m.Community = r.community
			return nil
		}
	}
	return nil
}

// ruleSet is every rule compiled: each keyword or place (normalized) has a
// number, and each rule lists the numbers it wants.
type ruleSet struct {
	rules    []compiledRule
	terms    map[string]int
	maxWords int // the longest term, in words
}

// compiledRule is a rule ready to match.
type compiledRule struct {
	community       string
	langs           []string
	keywords, place []int
}

func (r compiledRule) matches(lang string, found map[int]bool) bool {
	if len(r.langs) > 0 && !containsString(r.langs, lang) {
		return false
	}
	return anyFound(r.keywords, found) && anyFound(r.place, found)
}

// anyFound reports whether one of the terms is in the text; none asks nothing.
func anyFound(terms []int, found map[int]bool) bool {
	if len(terms) == 0 {
		return true
	}
	for _, t := range terms {
		if found[t] {
			return true
		}
	}
	return false
}

// found gives the numbers of the terms among the runs of words of a text.
func (rs *ruleSet) found(words []string) map[int]bool {
	out := map[int]bool{}
	var b strings.Builder
	for i := range words {
		b.Reset()
		for n := 0; n < rs.maxWords && i+n < len(words); n++ {
			if n > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[i+n])
			if id, ok := rs.terms[b.String()]; ok {
				out[id] = true
			}
		}
	}
	return out
}

func (rs *ruleSet) add(r CommunityRule) {
	c := compiledRule{community: r.Community, langs: r.Langs}
	c.keywords, c.place = rs.number(r.Keywords), rs.number(r.Places)
	rs.rules = append(rs.rules, c)
}

func (rs *ruleSet) number(words []string) []int {
	var out []int
	for _, w := range words {
		w = normalizeWords(w)
		id, ok := rs.terms[w]
		if !ok {
			id = len(rs.terms)
			rs.terms[w] = id
			rs.maxWords = max(rs.maxWords, strings.Count(w, " ")+1)
		}
		out = append(out, id)
	}
	return out
}

// normalizeWords lower-cases s and keeps its words separated by one space.
func normalizeWords(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(f, " ")
}

// ruleCache holds the compiled assignment rules.
type ruleCache struct {
	mu     sync.Mutex
	set    *ruleSet
	loaded time.Time
}

const ruleCacheTTL = time.Minute

func (c *ruleCache) invalidate() {
	c.mu.Lock()
	c.loaded = time.Time{}
	c.mu.Unlock()
}

func (c *ruleCache) get(ctx context.Context, s *Store) (*ruleSet, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.set != nil && !c.loaded.IsZero() && time.Since(c.loaded) < ruleCacheTTL {
		return c.set, nil
	}
	rules, err := s.CommunityRules(ctx, "")
	if err != nil {
		if c.set == nil {
			return &ruleSet{}, err
		}
		return c.set, err
	}
	set := &ruleSet{terms: map[string]int{}}
	for _, r := range rules {
		set.add(r)
	}
	c.set, c.loaded = set, time.Now()
	return set, nil
}

func parseList(raw string) []string {
	out := []string{}
	json.Unmarshal([]byte(raw), &out)
	return out
}
