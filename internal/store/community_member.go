package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// AddCommunityMember lets a user work in a community (a user may work in
// several). Adding a member twice changes nothing.
func (s *Store) AddCommunityMember(ctx context.Context, a Actor, slug string, userID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.existingCommunity(ctx, tx, slug)
		if err != nil {
			return err
		}
		if err := s.existingUser(ctx, tx, userID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO community_members (community_id, user_id, created_at) VALUES (?, ?, ?)
			ON CONFLICT (community_id, user_id) DO NOTHING`), id, userID, time.Now().UnixMicro())
		if err != nil {
			return fmt.Errorf("add member %d to %s: %w", userID, slug, err)
		}
		return s.audit(ctx, tx, a, "community.member.add", slug, map[string]int64{"user_id": userID})
	})
}

// RemoveCommunityMember takes a user out of a community.
func (s *Store) RemoveCommunityMember(ctx context.Context, a Actor, slug string, userID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.existingCommunity(ctx, tx, slug)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM community_members WHERE community_id = ? AND user_id = ?`), id, userID)
		if err != nil {
			return fmt.Errorf("remove member %d from %s: %w", userID, slug, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("user %d in community %s: %w", userID, slug, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "community.member.remove", slug, map[string]int64{"user_id": userID})
	})
}

func (s *Store) existingUser(ctx context.Context, tx *sql.Tx, id int64) error {
	var n int64
	err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM users WHERE id = ?`), id).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("user %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("user %d: %w", id, err)
	}
	return nil
}

func (s *Store) communityMembers(ctx context.Context, communityID int64) ([]int64, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT user_id FROM community_members WHERE community_id = ? ORDER BY user_id`), communityID)
	if err != nil {
		return nil, fmt.Errorf("members of community %d: %w", communityID, err)
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("members of community %d: %w", communityID, err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// UserCommunities gives the slugs of the communities a user works in, sorted.
func (s *Store) UserCommunities(ctx context.Context, userID int64) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT c.slug FROM community_members cm JOIN communities c ON c.id = cm.community_id
		WHERE cm.user_id = ? ORDER BY c.slug`), userID)
	if err != nil {
		return nil, fmt.Errorf("communities of user %d: %w", userID, err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var slug string
		if err := rows.Scan(&slug); err != nil {
			return nil, fmt.Errorf("communities of user %d: %w", userID, err)
		}
		out = append(out, slug)
	}
	return out, rows.Err()
}
