package incident

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// LeaseTTL is how long the detector's lease outlives its holder's last
// renewal: when the detecting process dies, another takes over within it.
const LeaseTTL = 15 * time.Second

// leaseKey is the key of the lease in its bucket.
const leaseKey = "detector"

// Lease elects the one process of an installation that runs the crisis
// detector. Its holder writes its id under one key of a NATS key-value
// bucket whose entries expire after the TTL, and renews it every third of
// the TTL with a compare-and-set on the revision; the others try to create
// the key at the same pace, which succeeds only once it has expired or been
// released. A holder that fails to renew stops leading at once, before the
// key can expire, so two processes never detect at the same time for
// longer than a renewal call.
type Lease struct {
	kv jetstream.KeyValue
	id string // the process's name, for the logs
	// token is what this process writes under the key: its name and a
	// random suffix, so that two processes of the same name (replicas with
	// one fixed host name) never take each other's lease for their own.
	token string
	ttl   time.Duration
	log   *slog.Logger
}

// NewLease opens (or creates) the lease bucket of the installation on the
// bus; id names this process in the lease and the logs.
func NewLease(ctx context.Context, bus *pipeline.Bus, id string, ttl time.Duration, log *slog.Logger) (*Lease, error) {
	if ttl < 300*time.Millisecond {
		return nil, fmt.Errorf("crisis lease: TTL %s is too short", ttl)
	}
	kv, err := bus.JetStream().CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: bus.EventsStream + "_CRISIS_LEADER", TTL: ttl, History: 1,
		Description: "the process that runs the crisis detector",
	})
	if err != nil {
		return nil, fmt.Errorf("crisis lease: %w", err)
	}
	var nonce [8]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return nil, fmt.Errorf("crisis lease: %w", err)
	}
	return &Lease{kv: kv, id: id, token: id + "/" + hex.EncodeToString(nonce[:]), ttl: ttl, log: log}, nil
}

// ProcessID returns an id for this process: host name and process id.
func ProcessID() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	return host + "-" + strconv.Itoa(os.Getpid())
}

// Run campaigns for the lease until ctx ends, and runs lead for as long as
// this process holds it: lead's context is cancelled when the lease is
// lost or ctx ends, and Run waits for lead to return before campaigning
// again or returning. On return the lease is released, so that another
// process takes over at once.
func (l *Lease) Run(ctx context.Context, lead func(context.Context)) {
	every := l.ttl / 3
	for ctx.Err() == nil {
		if rev, ok := l.acquire(ctx); ok {
			l.log.Info("crisis detector elected", "process", l.id)
			l.hold(ctx, rev, lead)
		}
		select {
		case <-ctx.Done():
		case <-time.After(every):
		}
	}
}

// acquire creates the lease key, or takes it back if it still names this
// process (after a renewal that failed for a moment).
func (l *Lease) acquire(ctx context.Context) (uint64, bool) {
	rev, err := l.kv.Create(ctx, leaseKey, []byte(l.token))
	if err == nil {
		return rev, true
	}
	if !errors.Is(err, jetstream.ErrKeyExists) {
		if ctx.Err() == nil {
			l.log.Warn("crisis lease: campaign", "err", err)
		}
		return 0, false
	}
	e, err := l.kv.Get(ctx, leaseKey)
	if err != nil || string(e.Value()) != l.token {
		return 0, false
	}
	rev, err = l.kv.Update(ctx, leaseKey, []byte(l.token), e.Revision())
	return rev, err == nil
}

// hold runs lead while renewing the lease; it returns once lead has
// returned, the lease released if it is still held.
func (l *Lease) hold(ctx context.Context, rev uint64, lead func(context.Context)) {
	leadCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() { lead(leadCtx); close(done) }()
	tick := time.NewTicker(l.ttl / 3)
	defer tick.Stop()
	for {
		select {
		case <-done:
			l.release(rev)
			return
		case <-ctx.Done():
			cancel()
			<-done
			l.release(rev)
			return
		case <-tick.C:
			next, err := l.kv.Update(ctx, leaseKey, []byte(l.token), rev)
			switch {
			case err == nil:
				rev = next
			case ctx.Err() == nil:
				l.log.Warn("crisis detector lease lost, detection stops here", "process", l.id, "err", err)
				cancel()
				<-done
				return
			}
		}
	}
}

// release deletes the lease if this process still holds it.
func (l *Lease) release(rev uint64) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := l.kv.Delete(ctx, leaseKey, jetstream.LastRevision(rev)); err != nil {
		l.log.Debug("crisis lease: release", "err", err)
	}
}
