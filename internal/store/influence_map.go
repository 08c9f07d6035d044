package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Tie is how often one person turned to another in a community (replies,
// mentions, reposts and quotes together), people keyed by their lead identity.
type Tie struct {
	From, To int64
	Count    int
}

// Ties returns the interactions of a community ("" for all) among the
// given people (leaders, keyed by their lead identity), summed per direction.
// It reads only the edges between those people's identities.
func (s *Store) Ties(ctx context.Context, community string, people []Leader) ([]Tie, error) {
	cid, err := s.communityIDOf(ctx, community)
	if err != nil || len(people) == 0 {
		return nil, err
	}
	lead, err := s.identitiesOf(ctx, people)
	if err != nil {
		return nil, err
	}
	ids := make([]any, 0, len(lead))
	for id := range lead {
		ids = append(ids, id)
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := append(append([]any{cid, cid}, ids...), ids...)
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT source_author_id, target_author_id, COUNT(*) FROM interactions
		WHERE (? = 0 OR community_id = ?) AND source_author_id IN (`+marks+`) AND target_author_id IN (`+marks+`)
		GROUP BY source_author_id, target_author_id`), args...)
	if err != nil {
		return nil, fmt.Errorf("ties: %w", err)
	}
	defer rows.Close()
	sum := map[[2]int64]int{}
	for rows.Next() {
		var from, to int64
		var n int
		if err := rows.Scan(&from, &to, &n); err != nil {
			return nil, fmt.Errorf("ties: %w", err)
		}
		if f, t := lead[from], lead[to]; f != t {
			sum[[2]int64{f, t}] += n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ties: %w", err)
	}
	out := make([]Tie, 0, len(sum))
	for k, n := range sum {
		out = append(out, Tie{From: k[0], To: k[1], Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].From < out[j].From || out[i].From == out[j].From && out[i].To < out[j].To
	})
	return out, nil
}

// identitiesOf maps every identity of the given people to their lead identity.
func (s *Store) identitiesOf(ctx context.Context, people []Leader) (map[int64]int64, error) {
	lead := map[int64]int64{}
	for _, p := range people {
		lead[p.AuthorID] = p.AuthorID
		if p.PersonID == 0 {
			continue
		}
		rows, err := s.read.QueryContext(ctx, s.q(`SELECT id FROM authors WHERE person_id = ?`), p.PersonID)
		if err != nil {
			return nil, fmt.Errorf("identities of person %d: %w", p.PersonID, err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("identities of person %d: %w", p.PersonID, err)
			}
			lead[id] = p.AuthorID
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("identities of person %d: %w", p.PersonID, err)
		}
	}
	return lead, nil
}

// InfluenceCommunities lists the slugs of the communities that have scores.
func (s *Store) InfluenceCommunities(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT c.slug FROM communities c
		WHERE EXISTS (SELECT 1 FROM influence_scores i WHERE i.community_id = c.id) ORDER BY c.slug`)
	if err != nil {
		return nil, fmt.Errorf("influence communities: %w", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var slug string
		if err := rows.Scan(&slug); err != nil {
			return nil, fmt.Errorf("influence communities: %w", err)
		}
		out = append(out, slug)
	}
	return out, rows.Err()
}
