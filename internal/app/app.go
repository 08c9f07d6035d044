// Package app assembles Switchboard from its parts — store, routing, bus,
// analyzer and processor — the same way for the server, the importer and the
// benchmarks.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/analyze"
	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/webhook"
)

// Options say where Switchboard keeps its data and how it runs.
type Options struct {
	DataDir      string // SQLite file and embedded JetStream; default ./switchboard-data
	DatabaseURL  string // postgres://… to use PostgreSQL
	NATSURL      string // nats://… to use an external NATS JetStream
	RoutingFile  string // YAML routing configuration applied at start
	ChannelsFile string // YAML channel accounts applied at start (channel.File)
	MaxBacklog   int64
	DedupeWindow time.Duration
	Namespace    string // prefix of stream and subject names on a shared NATS
	// NoCrisisDetector leaves crisis detection to another process (an import
	// into a shared NATS); SWITCHBOARD_CRISIS_DETECTOR=off does the same.
	NoCrisisDetector bool
	Processor        pipeline.ProcessorConfig
	Log              *slog.Logger
}

// App is a running Switchboard: open with Open, run with Run, end with Close.
type App struct {
	Store     *store.Store
	Bus       *pipeline.Bus
	Router    *route.Router
	Processor *pipeline.Processor
	Engine    *analyze.Engine // language, sentiment and class; models swap while it runs
	// Knowledge ranks the approved answers; the API updates it on every change.
	Knowledge *knowledge.Index
	// Senders post replies per channel; connectors register theirs. Channels
	// without one post to the log.
	Senders  *pipeline.Senders
	Outbound *pipeline.Outbound
	// Channels configures connector accounts; Supervisor runs them;
	// MetaWebhook receives Meta's webhook calls.
	Channels    *channel.Accounts
	Supervisor  *channel.Supervisor
	MetaWebhook http.Handler
	// Crisis turns the detector's alerts into incidents (internal/crisis/incident).
	Crisis       *incident.Manager
	CrisisPolicy incident.Policy // escalation (SWITCHBOARD_CRISIS_POLICY)
	crisisFeed   jetstream.Consumer
	// crisisInfluence gives the detector the authors' influence scores (cached).
	crisisInfluence func(*message.Message) float64
	// Webhooks sends the stored deliveries of outbound webhooks (internal/webhook).
	Webhooks    *webhook.Deliverer
	webhookFeed jetstream.Consumer
	crisisOff   bool
	Registry    *prometheus.Registry
	Log         *slog.Logger
	unlock      func()
}

// Open connects everything: it migrates the database, applies the routing
// configuration and starts (or connects to) JetStream.
func Open(ctx context.Context, o Options) (*App, error) {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	o.DataDir = dataDir(o)
	a := &App{Log: o.Log, Registry: prometheus.NewRegistry(), unlock: func() {}}
	a.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	st, err := OpenStore(ctx, o)
	if err != nil {
		return nil, err
	}
	a.Store = st
	if a.Knowledge, err = st.AnswerIndex(ctx, knowledge.DefaultParams()); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.openRest(ctx, o); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) openRest(ctx context.Context, o Options) error {
	cfg, err := routingConfig(ctx, a.Store, o.RoutingFile)
	if err != nil {
		return err
	}
	if a.Router, err = route.NewRouter(cfg); err != nil {
		return fmt.Errorf("routing configuration in the database: %w", err)
	}
	if o.NATSURL == "" {
		if a.unlock, err = lockDir(o.DataDir); err != nil {
			return err
		}
	}
	a.Bus, err = pipeline.OpenBus(ctx, pipeline.BusConfig{URL: o.NATSURL, DataDir: o.DataDir, MaxBacklog: o.MaxBacklog, DedupeWindow: o.DedupeWindow, Namespace: o.Namespace})
	if err != nil {
		return err
	}
	if err := a.openEngine(ctx); err != nil {
		return err
	}
	metrics := pipeline.NewMetrics(a.Registry)
	a.Router.SetInfluence(a.influenceLookup())
	a.Processor = pipeline.NewProcessor(a.Bus, a.Store, a.Engine, a.Router, metrics, o.Processor, a.Log)
	a.Senders = pipeline.NewSenders(pipeline.LogSender{Log: a.Log})
	a.Outbound = pipeline.NewOutbound(a.Bus, a.Store, a.Senders, a.Log)
	if err := a.openCrisis(ctx, o); err != nil {
		return err
	}
	if err := a.openWebhooks(ctx); err != nil {
		return err
	}
	return a.openChannels(ctx, o)
}

// OpenStore opens and migrates the database alone, for commands that need
// nothing else (users, tokens, migrations).
func OpenStore(ctx context.Context, o Options) (*store.Store, error) {
	st, err := store.Open(ctx, o.DatabaseURL, dataDir(o))
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	st.CountTermsWith(analytics.Terms)
	return st, nil
}

func dataDir(o Options) string {
	if o.DataDir == "" {
		return "switchboard-data"
	}
	return o.DataDir
}

// routingConfig applies the YAML file when one is given, or the shipped
// default on a database without departments, and returns what the database holds.
func routingConfig(ctx context.Context, st *store.Store, file string) (route.Config, error) {
	system := store.Actor{Name: "system"}
	if file != "" {
		cfg, err := route.Load(file)
		if err != nil {
			return route.Config{}, err
		}
		if err := st.ApplyConfig(ctx, system, cfg); err != nil {
			return route.Config{}, err
		}
	} else if has, err := st.HasDepartments(ctx); err != nil {
		return route.Config{}, err
	} else if !has {
		if err := st.ApplyConfig(ctx, system, route.Default()); err != nil {
			return route.Config{}, err
		}
	}
	return st.RoutingConfig(ctx)
}

// Run processes messages and follows routing changes made by other
// processes until ctx ends.
func (a *App) Run(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	sub, err := a.Bus.Conn().Subscribe(a.Bus.ConfigSubject, func(*nats.Msg) { a.reloadRouting(ctx) })
	if err != nil {
		return fmt.Errorf("follow routing changes: %w", err)
	}
	defer sub.Unsubscribe()
	msub, err := a.followModels(ctx)
	if err != nil {
		return fmt.Errorf("follow model changes: %w", err)
	}
	defer msub.Unsubscribe()
	if err := a.Bus.Conn().Flush(); err != nil { // both subscriptions in place before work starts
		return fmt.Errorf("follow changes: %w", err)
	}
	outDone := make(chan error, 1)
	go func() { outDone <- a.Outbound.Run(ctx) }()
	chCtx, chStop := context.WithCancel(ctx) // connectors end with Run, whatever ends it
	chDone := make(chan error, 1)
	go func() { chDone <- a.Supervisor.Run(chCtx) }()
	defer func() { chStop(); <-chDone }()
	crDone := make(chan struct{})
	go func() { a.runCrisis(ctx); close(crDone) }()
	defer func() { <-crDone }()
	whDone := make(chan struct{})
	go func() { a.runWebhooks(ctx); close(whDone) }()
	defer func() { <-whDone }()
	rtDone := make(chan struct{})
	go func() { a.runRetention(ctx); close(rtDone) }()
	defer func() { <-rtDone }()
	defer a.startReports(ctx)() // weekly reports per community (internal/report)
	inDone := make(chan struct{})
	go func() { a.runInfluence(ctx); close(inDone) }()
	defer func() { <-inDone }()
	anDone := make(chan struct{})
	go func() {
		(&analytics.Worker{Store: a.Store, Log: a.Log.With("component", "analytics")}).Run(ctx)
		close(anDone)
	}()
	defer func() { <-anDone }()
	err = a.Processor.Run(ctx)
	cancel() // the other stages end with the processor, whatever ended it
	if oerr := <-outDone; err == nil {
		err = oerr
	}
	return err
}

func (a *App) reloadRouting(ctx context.Context) {
	cfg, err := a.Store.RoutingConfig(ctx)
	if err == nil {
		err = a.Router.Set(cfg)
	}
	if err != nil {
		a.Log.Error("reload routing configuration", "err", err)
	}
}

// Close stops the bus and closes the database.
func (a *App) Close() error {
	var err error
	if a.Bus != nil {
		a.Bus.Close()
	}
	if a.Store != nil {
		err = a.Store.Close()
	}
	a.unlock()
	return err
}

// ErrDataDirInUse is returned when another process runs on the same data directory.
var ErrDataDirInUse = errors.New("the data directory is in use by another Switchboard process")
