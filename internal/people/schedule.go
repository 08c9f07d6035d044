package people

import (
	"context"
	"time"
)

// runEvery calls fn at once, then every every (DefaultPurgeEvery when zero),
// until ctx ends.
func runEvery(ctx context.Context, every time.Duration, fn func(context.Context)) {
	if every <= 0 {
		every = DefaultPurgeEvery
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		fn(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
