package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/peterbourgon/ff/v3/ffcli"

	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/dispatch"
	"github.com/switchboard-crm/switchboard/internal/web"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

func init() {
	register("serve", func() *ffcli.Command {
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		var sf storeFlags
		sf.register(fs, true)
		addr := fs.String("addr", ":8080", "address to serve HTTP on")
		backlog := fs.Int64("max-backlog", 1_000_000, "messages waiting to be processed before ingestion answers 503")
		channels := fs.String("channels", "", "YAML file of channel accounts applied at start (see docs/channels/)")
		return &ffcli.Command{
			Name:       "serve",
			ShortUsage: "switchboard serve [flags]",
			ShortHelp:  "run the server: REST API, pipeline and web pages",
			LongHelp: `Runs Switchboard. With no flags: SQLite and an in-process NATS JetStream in
./switchboard-data, HTTP on :8080, the shipped departments and rules.`,
			FlagSet: fs,
			Options: envOptions,
			Exec: func(ctx context.Context, _ []string) error {
				o := sf.options()
				o.MaxBacklog = *backlog
				o.ChannelsFile = *channels
				return serve(ctx, o, *addr)
			},
		}
	})
}

func serve(ctx context.Context, o app.Options, addr string) error {
	a, err := app.Open(ctx, o)
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	srv := &api.Server{Store: a.Store, Bus: a.Bus, Router: a.Router, Knowledge: a.Knowledge, Log: a.Log, Gatherer: a.Registry, Models: a, Version: version,
		Channels: a.Channels, MetaWebhook: a.MetaWebhook}
	hs := &http.Server{
		Handler: web.Handler(srv, a.Log), ReadHeaderTimeout: 10 * time.Second,
		// Live streams end with the server.
		BaseContext: func(net.Listener) context.Context { return runCtx },
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := a.Run(runCtx); err != nil {
			a.Log.Error("pipeline stopped", "err", err)
			stop()
		}
	}()
	wg.Add(1)
	go func() { // auto-assignment and the SLA watch; safe to run in every process
		defer wg.Done()
		(&dispatch.Dispatcher{Store: a.Store, Router: a.Router, Log: a.Log}).Run(runCtx)
	}()
	a.Log.Info("switchboard is running", "url", "http://"+displayAddr(ln.Addr()), "data_dir", o.DataDir,
		"database", string(a.Store.Dialect()), "nats", natsMode(o.NATSURL))
	go func() { <-runCtx.Done(); shutdown(hs) }()
	err = hs.Serve(ln)
	stop()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		a.Log.Info("switchboard stopped")
		return nil
	}
	return err
}

func shutdown(hs *http.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	hs.Shutdown(ctx)
}

func displayAddr(a net.Addr) string {
	host, port, _ := net.SplitHostPort(a.String())
	if host == "::" || host == "0.0.0.0" || host == "" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func natsMode(url string) string {
	if url == "" {
		return "embedded"
	}
	return url
}
