package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrInvalidValue is returned for input that cannot be stored (a bad slug,
// kind, field type or value, filter…); nothing was changed.
var ErrInvalidValue = errors.New("invalid value")

// CommunityKinds lists what a community may be.
var CommunityKinds = []string{"market", "brand", "country", "language"}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// Community is a workspace: a market, brand, country or language, with its
// accounts, routing rules, key messages and members.
type Community struct {
	ID        int64     `json:"id"`
	Slug      string    `json:"slug"`
	Name      string    `json:"name"`
	Kind      string    `json:"kind"`
	Members   []int64   `json:"members"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// checkCommunity refuses a slug, name or kind that cannot be.
func checkCommunity(c Community) error {
	switch {
	case !slugPattern.MatchString(c.Slug):
		return fmt.Errorf("%w: slug %q: lower-case letters, digits and -, at most 63", ErrInvalidValue, c.Slug)
	case strings.TrimSpace(c.Name) == "" || utf8.RuneCountInString(c.Name) > 200:
		return fmt.Errorf("%w: name: 1 to 200 characters", ErrInvalidValue)
	case !containsString(CommunityKinds, c.Kind):
		return fmt.Errorf("%w: kind %q: want market, brand, country or language", ErrInvalidValue, c.Kind)
	}
	return nil
}

// CreateCommunity adds a community; a slug already taken is ErrConflict.
func (s *Store) CreateCommunity(ctx context.Context, a Actor, c Community) (Community, error) {
	if err := checkCommunity(c); err != nil {
		return Community{}, err
	}
	now := time.Now().UnixMicro()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM communities WHERE slug = ?`), c.Slug).Scan(&n); err != nil {
			return fmt.Errorf("create community %s: %w", c.Slug, err)
		}
		if n > 0 {
			return fmt.Errorf("community %q: %w", c.Slug, ErrConflict)
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO communities (slug, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`),
			c.Slug, strings.TrimSpace(c.Name), c.Kind, now, now)
		if err != nil {
			return fmt.Errorf("create community %s: %w", c.Slug, err)
		}
		return s.audit(ctx, tx, a, "community.create", c.Slug, map[string]string{"name": c.Name, "kind": c.Kind})
	})
	if err != nil {
		return Community{}, err
	}
	return s.Community(ctx, c.Slug)
}

// UpdateCommunity renames a community or changes its kind (the slug stays).
func (s *Store) UpdateCommunity(ctx context.Context, a Actor, c Community) (Community, error) {
	if err := checkCommunity(c); err != nil {
		return Community{}, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE communities SET name = ?, kind = ?, updated_at = ? WHERE slug = ?`),
			strings.TrimSpace(c.Name), c.Kind, time.Now().UnixMicro(), c.Slug)
		if err != nil {
			return fmt.Errorf("update community %s: %w", c.Slug, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("community %q: %w", c.Slug, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "community.update", c.Slug, map[string]string{"name": c.Name, "kind": c.Kind})
	})
	if err != nil {
		return Community{}, err
	}
	return s.Community(ctx, c.Slug)
}

// ErrCommunityInUse is returned when deleting a community that messages or
// accounts still belong to.
var ErrCommunityInUse = fmt.Errorf("community still has messages or accounts: %w", ErrConflict)

// DeleteCommunity deletes a community with no message and no account; its
// members, assignment rules and retention go with it.
func (s *Store) DeleteCommunity(ctx context.Context, a Actor, slug string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.existingCommunity(ctx, tx, slug)
		if err != nil {
			return err
		}
		var n int
		err = tx.QueryRowContext(ctx, s.q(`SELECT (SELECT COUNT(*) FROM messages WHERE community_id = ?) + (SELECT COUNT(*) FROM accounts WHERE community_id = ?)`), id, id).Scan(&n)
		if err != nil {
			return fmt.Errorf("delete community %s: %w", slug, err)
		}
		if n > 0 {
			return fmt.Errorf("delete community %s: %w", slug, ErrCommunityInUse)
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM communities WHERE id = ?`), id); err != nil {
			return fmt.Errorf("delete community %s: %w", slug, err)
		}
		return s.audit(ctx, tx, a, "community.delete", slug, map[string]int64{"id": id})
	})
	if err == nil {
		s.forgetCommunities()
		s.communityRules.invalidate()
	}
	return err
}

const communityColumns = `id, slug, name, kind, created_at, updated_at`

// Community returns a community and its members' user ids.
func (s *Store) Community(ctx context.Context, slug string) (Community, error) {
	row := s.read.QueryRowContext(ctx, s.q(`SELECT `+communityColumns+` FROM communities WHERE slug = ?`), slug)
	c, err := scanCommunity(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Community{}, fmt.Errorf("community %q: %w", slug, ErrNotFound)
	}
	if err != nil {
		return Community{}, fmt.Errorf("community %q: %w", slug, err)
	}
	c.Members, err = s.communityMembers(ctx, c.ID)
	return c, err
}

// Communities lists every community by slug, with their members.
func (s *Store) Communities(ctx context.Context) ([]Community, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+communityColumns+` FROM communities ORDER BY slug`)
	if err != nil {
		return nil, fmt.Errorf("communities: %w", err)
	}
	out := []Community{}
	for rows.Next() {
		c, err := scanCommunity(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("communities: %w", err)
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("communities: %w", err)
	}
	for i := range out {
		if out[i].Members, err = s.communityMembers(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanCommunity(row interface{ Scan(...any) error }) (Community, error) {
	var c Community
	var created, updated int64
	if err := row.Scan(&c.ID, &c.Slug, &c.Name, &c.Kind, &created, &updated); err != nil {
		return c, err
	}
	c.CreatedAt, c.UpdatedAt = fromMicro(created), fromMicro(updated)
	return c, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
