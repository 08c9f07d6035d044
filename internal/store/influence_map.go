package store

import (
	"context"
	"fmt"
)

// Tie is how often one person turned to another in a community (replies,
// mentions, reposts and quotes together), people keyed by their lead identity.
type Tie struct {
	From, To int64
	Count    int
}

// Ties returns the interactions of a community ("" for all) between people,
// summed per direction.
func (s *Store) Ties(ctx context.Context, community string) ([]Tie, error) {
	cid, err := s.communityIDOf(ctx, community)
	if err != nil {
		return nil, err
	}
	lead := func(a string) string {
		return `COALESCE((SELECT MIN(b.id) FROM authors b WHERE b.person_id = ` + a + `.person_id), ` + a + `.id)`
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT f, t, COUNT(*) FROM (
		  SELECT `+lead("sa")+` AS f, `+lead("ta")+` AS t FROM interactions i
		  JOIN authors sa ON sa.id = i.source_author_id JOIN authors ta ON ta.id = i.target_author_id
		  WHERE ? = 0 OR i.community_id = ?) x
		WHERE f <> t GROUP BY f, t ORDER BY f, t`), cid, cid)
	if err != nil {
		return nil, fmt.Errorf("ties: %w", err)
	}
	defer rows.Close()
	var out []Tie
	for rows.Next() {
		var t Tie
		if err := rows.Scan(&t.From, &t.To, &t.Count); err != nil {
			return nil, fmt.Errorf("ties: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
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
