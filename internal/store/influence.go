package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// InfluenceAuthor is an author as the influence computation sees them: the
// person they belong to (0: none yet) and their reach.
type InfluenceAuthor struct {
	ID        int64
	PersonID  int64
	Followers int64
}

// Posting says that an author wrote in a community (0: none).
type Posting struct {
	CommunityID int64
	AuthorID    int64
}

// InfluenceScore is the influence of one person (keyed by their lead
// identity, the smallest author id of the person) in one community; community
// 0 is all communities together.
type InfluenceScore struct {
	CommunityID int64   `json:"-"`
	AuthorID    int64   `json:"author_id"`
	Score       float64 `json:"score"`      // 0 to 100
	PageRank    float64 `json:"pagerank"`   // the person's share of the community's graph
	Reach       float64 `json:"reach"`      // followers, log-scaled to 0..1
	Engagement  float64 `json:"engagement"` // decayed weight of replies, mentions and reposts received
}

// InfluenceAuthorsAfter returns the authors created after author id after,
// with their person and followers, in id order.
func (s *Store) InfluenceAuthorsAfter(ctx context.Context, after int64) ([]InfluenceAuthor, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, COALESCE(person_id, 0), followers FROM authors WHERE id > ? ORDER BY id`), after)
	if err != nil {
		return nil, fmt.Errorf("influence authors: %w", err)
	}
	defer rows.Close()
	var out []InfluenceAuthor
	for rows.Next() {
		var a InfluenceAuthor
		if err := rows.Scan(&a.ID, &a.PersonID, &a.Followers); err != nil {
			return nil, fmt.Errorf("influence authors: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// PostingsAfter returns who wrote in which community in the messages
// stored after message id after, once per pair, and the last message id
// read; the anonymous author of erased messages is no one.
func (s *Store) PostingsAfter(ctx context.Context, after int64) ([]Posting, int64, error) {
	last := after
	if err := s.read.QueryRowContext(ctx, s.q(`SELECT COALESCE(MAX(id), ?) FROM messages`), after).Scan(&last); err != nil {
		return nil, after, fmt.Errorf("postings: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT DISTINCT COALESCE(m.community_id, 0), m.author_id FROM messages m
		JOIN authors a ON a.id = m.author_id WHERE m.id > ? AND m.id <= ? AND a.channel <> '`+erasedHandle+`'`), after, last)
	if err != nil {
		return nil, after, fmt.Errorf("postings: %w", err)
	}
	defer rows.Close()
	var out []Posting
	for rows.Next() {
		var p Posting
		if err := rows.Scan(&p.CommunityID, &p.AuthorID); err != nil {
			return nil, after, fmt.Errorf("postings: %w", err)
		}
		out = append(out, p)
	}
	return out, last, rows.Err()
}

// SaveInfluence replaces the scores of the communities present in scores
// (community 0 included) in one transaction. Every serve process recomputes,
// so on PostgreSQL the saves take turns (a lock readers do not wait for):
// two at once would each miss the rows the other inserted and fail on them.
func (s *Store) SaveInfluence(ctx context.Context, scores []InfluenceScore, at time.Time) error {
	communities := map[int64]bool{}
	for _, sc := range scores {
		communities[sc.CommunityID] = true
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if s.dialect == Postgres {
			if _, err := tx.ExecContext(ctx, `LOCK TABLE influence_scores IN SHARE ROW EXCLUSIVE MODE`); err != nil {
				return fmt.Errorf("lock influence scores: %w", err)
			}
		}
		for c := range communities {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM influence_scores WHERE community_id = ?`), c); err != nil {
				return fmt.Errorf("clear influence of community %d: %w", c, err)
			}
		}
		st, err := tx.PrepareContext(ctx, s.q(`INSERT INTO influence_scores
			(community_id, author_id, score, pagerank, reach, engagement, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`))
		if err != nil {
			return fmt.Errorf("prepare influence: %w", err)
		}
		defer st.Close()
		for _, sc := range scores {
			if _, err := st.ExecContext(ctx, sc.CommunityID, sc.AuthorID, sc.Score, sc.PageRank, sc.Reach, sc.Engagement, micro(at)); err != nil {
				return fmt.Errorf("save influence of author %d: %w", sc.AuthorID, err)
			}
		}
		return nil
	})
}

// UpdateInfluence writes the given scores over the stored ones (inserting
// those not stored yet), leaving the others as they are, in one transaction:
// a warm update writes only the scores that moved.
func (s *Store) UpdateInfluence(ctx context.Context, scores []InfluenceScore, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, s.q(`INSERT INTO influence_scores
			(community_id, author_id, score, pagerank, reach, engagement, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (community_id, author_id) DO UPDATE SET score = excluded.score, pagerank = excluded.pagerank,
			  reach = excluded.reach, engagement = excluded.engagement, computed_at = excluded.computed_at`))
		if err != nil {
			return fmt.Errorf("prepare influence: %w", err)
		}
		defer st.Close()
		for _, sc := range scores {
			if _, err := st.ExecContext(ctx, sc.CommunityID, sc.AuthorID, sc.Score, sc.PageRank, sc.Reach, sc.Engagement, micro(at)); err != nil {
				return fmt.Errorf("update influence of author %d: %w", sc.AuthorID, err)
			}
		}
		return nil
	})
}

// CountAuthors returns how many authors there are.
func (s *Store) CountAuthors(ctx context.Context) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM authors`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count authors: %w", err)
	}
	return n, nil
}

// communityIDOf returns the id of the community slug; "" is 0, all communities.
func (s *Store) communityIDOf(ctx context.Context, slug string) (int64, error) {
	if slug == "" {
		return 0, nil
	}
	var id int64
	err := s.read.QueryRowContext(ctx, s.q(`SELECT id FROM communities WHERE slug = ?`), slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("community %q: %w", slug, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("community %q: %w", slug, err)
	}
	return id, nil
}

// InfluenceOf returns the influence score (0 to 100) of the author of this
// channel and handle in a community ("": all communities); 0 when the author
// or their score is not known yet.
func (s *Store) InfluenceOf(ctx context.Context, channel, handle, community string) (float64, error) {
	cid, err := s.communityIDOf(ctx, community)
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var score float64
	err = s.read.QueryRowContext(ctx, s.q(`SELECT i.score FROM authors a
		JOIN influence_scores i ON i.community_id = ? AND i.author_id =
		  COALESCE((SELECT MIN(b.id) FROM authors b WHERE b.person_id = a.person_id), a.id)
		WHERE a.channel = ? AND a.handle = ?`), cid, channel, handle).Scan(&score)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("influence of %s %s: %w", channel, handle, err)
	}
	return score, nil
}

// FollowersOf returns the current followers of the given authors.
func (s *Store) FollowersOf(ctx context.Context, ids []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		ids = ids[n:]
		marks := strings.TrimSuffix(strings.Repeat("?,", n), ",")
		rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, followers FROM authors WHERE id IN (`+marks+`)`), args...)
		if err != nil {
			return nil, fmt.Errorf("followers: %w", err)
		}
		for rows.Next() {
			var id, f int64
			if err := rows.Scan(&id, &f); err != nil {
				rows.Close()
				return nil, fmt.Errorf("followers: %w", err)
			}
			out[id] = f
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("followers: %w", err)
		}
	}
	return out, nil
}
