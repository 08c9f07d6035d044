package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PruneWebhookDeliveries removes the deliveries finished (delivered or
// failed) before before, with their attempts; pending ones stay. It returns
// how many deliveries it removed.
func (s *Store) PruneWebhookDeliveries(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		done := `SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND done_at < ?`
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM webhook_attempts WHERE delivery_id IN (`+done+`)`), micro(before)); err != nil {
			return fmt.Errorf("prune webhook attempts: %w", err)
		}
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM webhook_deliveries WHERE status <> 'pending' AND done_at < ?`), micro(before))
		if err != nil {
			return fmt.Errorf("prune webhook deliveries: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, err
}
