package channel

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Supervisor runs every enabled account's connector, restarts those whose
// configuration changed and stops those disabled or deleted.
type Supervisor struct {
	Backoff Backoff
	Poll    time.Duration // how often the accounts are read again; default 30s

	store   *store.Store
	bus     *pipeline.Bus
	kinds   *Registry
	keys    *Keyring
	senders *pipeline.Senders
	log     *slog.Logger
	reload  chan struct{}

	mu         sync.Mutex
	running    map[int64]*runner
	dispatched map[string]bool
}

type runner struct {
	stored store.Account
	acc    Account
	conn   Connector // nil when the account could not start
	sink   *sink
	cancel context.CancelFunc
	done   chan struct{}
}

// NewSupervisor wires a supervisor; senders (may be nil) receives a sender
// for each channel that has an account able to reply.
func NewSupervisor(st *store.Store, bus *pipeline.Bus, kinds *Registry, keys *Keyring, senders *pipeline.Senders, log *slog.Logger) *Supervisor {
	return &Supervisor{
		Backoff: DefaultBackoff, Poll: 30 * time.Second,
		store: st, bus: bus, kinds: kinds, keys: keys, senders: senders, log: log,
		reload: make(chan struct{}, 1), running: map[int64]*runner{}, dispatched: map[string]bool{},
	}
}

// Reload asks the supervisor to read the accounts again now.
func (s *Supervisor) Reload() {
	select {
	case s.reload <- struct{}{}:
	default:
	}
}

// Run supervises until ctx ends, then stops every connector.
func (s *Supervisor) Run(ctx context.Context) error {
	defer s.stopAll()
	tick := time.NewTicker(s.Poll)
	defer tick.Stop()
	for {
		if err := s.reconcile(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("channel accounts", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		case <-s.reload:
		}
	}
}

func (s *Supervisor) reconcile(ctx context.Context) error {
	accs, err := s.store.Accounts(ctx)
	if err != nil {
		return err
	}
	want := map[int64]store.Account{}
	for _, a := range accs {
		if a.Enabled {
			want[a.ID] = a
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, r := range s.running {
		if a, ok := want[id]; !ok || !a.UpdatedAt.Equal(r.stored.UpdatedAt) {
			s.stop(r)
			delete(s.running, id)
			if !ok {
				s.saveStopped(ctx, id)
			}
		}
	}
	for id, a := range want {
		if _, ok := s.running[id]; !ok {
			s.running[id] = s.start(ctx, a)
		}
	}
	return nil
}

// start builds an account's connector and runs it in a goroutine. An
// account that cannot be built is recorded as failed until it changes.
func (s *Supervisor) start(ctx context.Context, a store.Account) *runner {
	st, err := s.store.AccountStateOf(ctx, a.ID)
	if err != nil {
		s.log.Error("read account state", "account", a.ID, "err", err)
	}
	r := &runner{stored: a, done: make(chan struct{})}
	r.acc, r.conn, err = s.build(a)
	r.sink = newSink(s, r.acc, st)
	if err != nil {
		close(r.done)
		r.sink.setStatus("failed", err.Error())
		return r
	}
	s.dispatch(a.Kind)
	runCtx, cancel := context.WithCancel(ctx)
	r.cancel = cancel
	go s.loop(runCtx, r)
	return r
}

func (s *Supervisor) build(a store.Account) (Account, Connector, error) {
	acc := Account{ID: a.ID, Kind: a.Kind, Handle: a.Handle, Community: a.Community, Config: a.Config}
	kind, ok := s.kinds.Kind(a.Kind)
	if !ok {
		return acc, nil, errors.New("unknown kind " + a.Kind)
	}
	secrets, err := s.keys.Open(a.Secrets, sealTag(a))
	if err != nil {
		return acc, nil, err
	}
	acc.Secrets = secrets
	conn, err := kind.New(acc)
	return acc, conn, err
}

// loop runs a connector again and again, with backoff between failures.
func (s *Supervisor) loop(ctx context.Context, r *runner) {
	defer close(r.done)
	for attempt := 0; ; attempt++ {
		r.sink.setStatus("connecting", "")
		err := r.conn.Run(ctx, r.sink)
		if ctx.Err() != nil {
			r.sink.setStatus("stopped", "")
			return
		}
		if err == nil {
			err = errors.New("connection ended")
		}
		if r.sink.upFor() >= s.Backoff.Stable {
			attempt = 0
		}
		wait := s.Backoff.waitAfter(err, attempt)
		status := "backoff"
		if errors.Is(err, ErrCredentials) {
			status = "failed"
		}
		r.sink.setStatus(status, err.Error())
		s.log.Warn("channel disconnected", "kind", r.acc.Kind, "account", r.acc.ID, "retry_in", wait, "err", err)
		select {
		case <-ctx.Done():
			r.sink.setStatus("stopped", "")
			return
		case <-time.After(wait):
		}
	}
}

func (s *Supervisor) stop(r *runner) {
	if r.cancel != nil {
		r.cancel()
	}
	<-r.done
}

func (s *Supervisor) stopAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, r := range s.running {
		s.stop(r)
		delete(s.running, id)
	}
}

func (s *Supervisor) saveStopped(ctx context.Context, id int64) {
	st, err := s.store.AccountStateOf(ctx, id)
	if err == nil {
		st.Status = "stopped"
		err = s.store.SaveAccountState(ctx, st)
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.log.Debug("account state", "account", id, "err", err)
	}
}

// Running is an account being run, for connectors fed from outside (webhooks).
type Running struct {
	Account   Account
	Connector Connector
	Sink      Sink
}

// Running lists the running accounts of a kind.
func (s *Supervisor) Running(kind string) []Running {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Running
	for _, r := range s.running {
		if r.acc.Kind == kind && r.conn != nil {
			out = append(out, Running{Account: r.acc, Connector: r.conn, Sink: r.sink})
		}
	}
	return out
}
