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
	resolve := resolver(ctx, st)
	total := 0
	for {
		srcs, err := st.InteractionSources(ctx, cursor, syncBatch)
		if err != nil {
			return total, err
		}
		var edges []store.Interaction
		var retry []store.InteractionSource
		for _, src := range srcs {
			e, unresolved, err := Extract(src, resolve)
			if err != nil {
				return total, fmt.Errorf("interactions of message %d: %w", src.MessageID, err)
			}
			edges = append(edges, e...)
			if unresolved {
				retry = append(retry, src)
			}
			cursor = max(cursor, src.MessageID)
		}
		if len(srcs) > 0 {
			n, err := st.AddInteractions(ctx, edges, retry, cursor)
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

// RetryWindow is how long a message naming unknown handles is read again:
// as long as the interaction weighs more than half.
const RetryWindow = DefaultHalfLife

func resolver(ctx context.Context, st *store.Store) Resolver {
	return func(channel string, handles []string) (map[string]int64, error) {
		return st.ResolveHandles(ctx, channel, handles)
	}
}

// Retry reads again the messages that named handles no author had, written
// within RetryWindow of the newest message, adding the edges to the handles
// that have written since; it returns how many edges it added. A full
// recomputation runs it, so the graph does not depend on the order in which
// messages arrived.
func Retry(ctx context.Context, st *store.Store) (int, error) {
	newest, err := st.NewestMessageAt(ctx)
	if err != nil {
		return 0, err
	}
	srcs, err := st.RetrySources(ctx, newest.Add(-RetryWindow))
	if err != nil {
		return 0, err
	}
	resolve := resolver(ctx, st)
	var edges []store.Interaction
	var done []int64
	for _, src := range srcs {
		e, unresolved, err := Extract(src, resolve)
		if err != nil {
			return 0, fmt.Errorf("interactions of message %d: %w", src.MessageID, err)
		}
		edges = append(edges, e...)
		if !unresolved {
			done = append(done, src.MessageID)
		}
	}
	n, err := st.AddInteractions(ctx, edges, nil, -1)
	if err != nil {
		return n, err
	}
	return n, st.RetriesDone(ctx, done)
}
