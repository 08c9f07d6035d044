package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"strings"

	"github.com/peterbourgon/ff/v3"

	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// envOptions make every flag readable from SWITCHBOARD_<FLAG> (dashes become underscores).
var envOptions = []ff.Option{ff.WithEnvVarPrefix("SWITCHBOARD")}

// storeFlags are the flags that say where the data is.
type storeFlags struct {
	dataDir, databaseURL, natsURL, namespace, config, logLevel string
}

func (f *storeFlags) register(fs *flag.FlagSet, withBus bool) {
	fs.StringVar(&f.dataDir, "data-dir", "switchboard-data", "directory for the SQLite database and the embedded JetStream")
	fs.StringVar(&f.databaseURL, "database-url", "", "postgres://… to use PostgreSQL instead of SQLite")
	fs.StringVar(&f.logLevel, "log-level", "info", "debug, info, warn or error")
	if withBus {
		fs.StringVar(&f.natsURL, "nats-url", "", "nats://… to use an external NATS JetStream instead of the embedded one")
		fs.StringVar(&f.namespace, "nats-namespace", "", "prefix of stream and subject names, to share a NATS cluster between installations")
		fs.StringVar(&f.config, "config", "", "routing configuration (YAML) applied at start; the shipped default is applied to an empty database")
	}
}

func (f *storeFlags) options() app.Options {
	return app.Options{DataDir: f.dataDir, DatabaseURL: f.databaseURL, NATSURL: f.natsURL, Namespace: f.namespace, RoutingFile: f.config, Log: f.logger()}
}

// withStore opens and migrates the database alone, runs fn on it and closes it,
// for commands that need nothing else (users, tokens).
func (f *storeFlags) withStore(ctx context.Context, fn func(*store.Store) error) error {
	st, err := app.OpenStore(ctx, f.options())
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

func (f *storeFlags) logger() *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(strings.ToUpper(f.logLevel))); err != nil {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
}
