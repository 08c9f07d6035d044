package store

import (
	"context"
	"fmt"
	"strings"
)

// QueueCounts gives, per department, how many messages are not resolved, for
// the departments given (nil: all).
func (s *Store) QueueCounts(ctx context.Context, departments []string) (map[string]int, error) {
	where, args := []string{"m.status <> 'resolved'", "m.department <> ''"}, []any{}
	if departments != nil {
		where, args = s.inDepartments(where, args, departments)
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT m.department, COUNT(*) FROM messages m WHERE `+
		strings.Join(where, " AND ")+` GROUP BY m.department`), args...)
	if err != nil {
		return nil, fmt.Errorf("queue counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var dep string
		var n int
		if err := rows.Scan(&dep, &n); err != nil {
			return nil, fmt.Errorf("queue counts: %w", err)
		}
		out[dep] = n
	}
	return out, rows.Err()
}

// AssignedCount gives how many unresolved messages a user holds.
func (s *Store) AssignedCount(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM messages WHERE assignee_id = ? AND status <> 'resolved'`), userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("messages of user %d: %w", userID, err)
	}
	return n, nil
}
