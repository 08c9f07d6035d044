// Package pipeline wires the flow of a message on NATS JetStream: ingest →
// analyze → route → persist → notify. By default it runs an in-process
// JetStream server with no listening port in the data directory; with a
// nats:// URL it uses an external cluster, and any number of processes share
// the work through one durable consumer.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Names are the streams and subjects of one Switchboard installation.
type Names struct {
	IngestStream, IngestSubject     string
	EventsStream, EventsSubjects    string
	RoutedSubject, ConfigSubject    string
	OutboundStream, OutboundSubject string
	ModelSubject                    string
}

// namesFor gives the names of a namespace: "" gives SB_INGEST, sb.ingest…;
// "acme" gives SB_ACME_INGEST, sb.acme.ingest…, so several installations
// (or test runs) can share one NATS cluster.
func namesFor(ns string) Names {
	stream, subject := "SB_", "sb."
	if ns != "" {
		stream, subject = "SB_"+strings.ToUpper(ns)+"_", "sb."+ns+"."
	}
	return Names{
		IngestStream: stream + "INGEST", IngestSubject: subject + "ingest",
		EventsStream: stream + "EVENTS", EventsSubjects: subject + "events.>",
		RoutedSubject: subject + "events.routed", ConfigSubject: subject + "config.changed",
		OutboundStream: stream + "OUTBOUND", OutboundSubject: subject + "outbound",
		ModelSubject: subject + "model.changed",
	}
}

var namespacePattern = regexp.MustCompile(`^[a-z0-9_]{0,32}$`)

// BusConfig says where JetStream runs and how much it may hold.
type BusConfig struct {
	URL     string // nats://… for an external server; empty for the embedded one
	DataDir string // where the embedded server keeps its streams
	// MaxBacklog bounds the messages waiting to be processed; when it is
	// reached, ingestion is refused with ErrBusy (backpressure) rather than
	// buffered without bound. 0 means 1,000,000.
	MaxBacklog int64
	// DedupeWindow is how long JetStream remembers message ids to drop
	// duplicates in flight; 0 means DefaultDedupeWindow. Older duplicates are
	// caught by the store's unique key.
	DedupeWindow time.Duration
	// Namespace prefixes stream and subject names (lower-case letters,
	// digits, _), to share a NATS cluster; empty for the default names.
	Namespace string
}

// DefaultDedupeWindow bounds the memory JetStream spends on message ids
// (about 100 bytes each: 30 MB at 5,000 messages/s).
const DefaultDedupeWindow = time.Minute

// Bus is a connection to JetStream with Switchboard's streams in place.
type Bus struct {
	Names
	nc     *nats.Conn
	js     jetstream.JetStream
	server *server.Server
}

// OpenBus starts the embedded server (or connects to cfg.URL) and makes sure
// the streams exist.
func OpenBus(ctx context.Context, cfg BusConfig) (*Bus, error) {
	if !namespacePattern.MatchString(cfg.Namespace) {
		return nil, fmt.Errorf("namespace %q: lower-case letters, digits and _", cfg.Namespace)
	}
	b := &Bus{Names: namesFor(cfg.Namespace)}
	var err error
	if cfg.URL == "" {
		b.server, err = startEmbedded(cfg.DataDir)
		if err != nil {
			return nil, err
		}
		b.nc, err = nats.Connect("", nats.InProcessServer(b.server), nats.Name("switchboard"))
	} else {
		b.nc, err = nats.Connect(cfg.URL, nats.Name("switchboard"), nats.MaxReconnects(-1))
	}
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("connect to NATS: %w", err)
	}
	if b.js, err = jetstream.New(b.nc, jetstream.WithPublishAsyncMaxPending(4096)); err != nil {
		b.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	if err := b.ensureStreams(ctx, cfg); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

func startEmbedded(dataDir string) (*server.Server, error) {
	if dataDir == "" {
		return nil, errors.New("embedded NATS needs a data directory")
	}
	ns, err := server.NewServer(&server.Options{
		ServerName: "switchboard-embedded",
		DontListen: true,
		JetStream:  true,
		StoreDir:   filepath.Join(dataDir, "jetstream"),
		NoSigs:     true,
		NoLog:      true,
		// The streams live on disk; memory storage is not used.
		JetStreamMaxMemory: 32 << 20,
	})
	if err != nil {
		return nil, fmt.Errorf("embedded NATS: %w", err)
	}
	ns.Start()
	if !ns.ReadyForConnections(15 * time.Second) {
		ns.Shutdown()
		return nil, errors.New("embedded NATS did not start within 15s (is the data directory used by another process?)")
	}
	return ns, nil
}

func (b *Bus) ensureStreams(ctx context.Context, cfg BusConfig) error {
	backlog, window := cfg.MaxBacklog, cfg.DedupeWindow
	if backlog <= 0 {
		backlog = 1_000_000
	}
	if window <= 0 {
		window = DefaultDedupeWindow
	}
	_, err := b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: b.IngestStream, Subjects: []string{b.IngestSubject},
		Description: "messages waiting to be analysed, routed and stored",
		Storage:     jetstream.FileStorage, Retention: jetstream.WorkQueuePolicy,
		Discard: jetstream.DiscardNew, MaxMsgs: backlog, MaxBytes: 4 << 30, Duplicates: window,
	})
	if err != nil {
		return fmt.Errorf("create stream %s: %w", b.IngestStream, err)
	}
	_, err = b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: b.EventsStream, Subjects: []string{b.EventsSubjects},
		Description: "what happened to messages, for live views, webhooks and detectors",
		Storage:     jetstream.FileStorage, Retention: jetstream.LimitsPolicy,
		Discard: jetstream.DiscardOld, MaxAge: 7 * 24 * time.Hour, MaxBytes: 1 << 30, Duplicates: window,
	})
	if err != nil {
		return fmt.Errorf("create stream %s: %w", b.EventsStream, err)
	}
	_, err = b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: b.OutboundStream, Subjects: []string{b.OutboundSubject},
		Description: "replies waiting to be posted on their network",
		Storage:     jetstream.FileStorage, Retention: jetstream.WorkQueuePolicy,
		Discard: jetstream.DiscardNew, MaxMsgs: 1_000_000, Duplicates: 24 * time.Hour,
	})
	if err != nil {
		return fmt.Errorf("create stream %s: %w", b.OutboundStream, err)
	}
	return nil
}

// JetStream gives the JetStream context, for consumers of the events stream.
func (b *Bus) JetStream() jetstream.JetStream { return b.js }

// Conn gives the NATS connection.
func (b *Bus) Conn() *nats.Conn { return b.nc }

// Backlog reports how many messages wait in the ingest stream, processed or
// not yet acknowledged.
func (b *Bus) Backlog(ctx context.Context) (uint64, error) {
	s, err := b.js.Stream(ctx, b.IngestStream)
	if err != nil {
		return 0, fmt.Errorf("ingest stream: %w", err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("ingest stream: %w", err)
	}
	return info.State.Msgs, nil
}

// Close drains the connection and stops the embedded server.
func (b *Bus) Close() {
	if b.nc != nil {
		b.nc.Drain()
		for i := 0; i < 100 && !b.nc.IsClosed(); i++ {
			time.Sleep(10 * time.Millisecond)
		}
		b.nc.Close()
	}
	if b.server != nil {
		b.server.Shutdown()
		b.server.WaitForShutdown()
	}
}
