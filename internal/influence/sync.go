package influence

import (
	"context"
	"fmt"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// syncBatch is how many messages one step of Sync reads.
const syncBatch = 1000

// Sync reads the messages stored since the last call into the interaction
// graph and returns how many edges it added. It is idempotent: an edge is
// stored once however often its message is read.
func Sync(ctx context.Context, st *store.Store) (int, error) {
	cursor, err := st.InteractionCursor(ctx)
	if err != nil {
		return 0, err
	}
	resolve := func(channel string, handles []string) (map[string]int64, error) {
		return st.ResolveHandles(ctx, channel, handles)
	}
	total := 0
	for {
		srcs, err := st.InteractionSources(ctx, cursor, syncBatch)
		if err != nil {
			return total, err
		}
		var edges []store.Interaction
		for _, src := range srcs {
			e, err := Extract(src, resolve)
			if err != nil {
				return total, fmt.Errorf("interactions of message %d: %w", src.MessageID, err)
			}
			edges = append(edges, e...)
			cursor = max(cursor, src.MessageID)
		}
		if len(srcs) > 0 {
			n, err := st.AddInteractions(ctx, edges, cursor)
			total += n
			if err != nil {
				return total, err
			}
		}
		if len(srcs) < syncBatch {
			return total, nil
		}
	}
}
