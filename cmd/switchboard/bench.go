package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/peterbourgon/ff/v3/ffcli"

	"github.com/switchboard-crm/switchboard/internal/analyze/rules"
	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/loadgen"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func init() {
	register("bench", func() *ffcli.Command {
		return &ffcli.Command{
			Name:        "bench",
			ShortUsage:  "switchboard bench <what> [flags]",
			ShortHelp:   "measure Switchboard's speed on this machine",
			FlagSet:     flag.NewFlagSet("bench", flag.ContinueOnError),
			Subcommands: []*ffcli.Command{benchPipelineCmd()},
			Exec:        func(context.Context, []string) error { return flag.ErrHelp },
		}
	})
}

type pipelineBench struct {
	Messages      int     `json:"messages"`
	TargetRate    float64 `json:"target_rate"`
	Seconds       float64 `json:"seconds"`
	PerSecond     float64 `json:"messages_per_second"`
	P50ms         float64 `json:"p50_ms"`
	P99ms         float64 `json:"p99_ms"`
	Maxms         float64 `json:"max_ms"`
	PeakRSSMiB    float64 `json:"peak_rss_mib"`
	GoHeapMiB     float64 `json:"go_heap_mib"` // in use at the end of the run, before shutdown
	RawPerSecond  float64 `json:"raw_insert_per_second,omitempty"`
	RatioOfRawPct float64 `json:"percent_of_raw,omitempty"`
}

func benchPipelineCmd() *ffcli.Command {
	fs := flag.NewFlagSet("bench pipeline", flag.ContinueOnError)
	n := fs.Int("messages", 100_000, "messages to push through")
	rate := fs.Float64("rate", 0, "messages per second offered (0: as fast as the pipeline takes them)")
	batch := fs.Int("batch", 1000, "messages per ingest call, as an HTTP batch would carry")
	raw := fs.Bool("raw", true, "also measure batched inserts of the same rows with no pipeline")
	dir := fs.String("dir", "", "scratch directory (default: a new temporary one, removed afterwards)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the pipeline run to this file")
	memProfile := fs.String("memprofile", "", "write a heap profile at the end of the pipeline run to this file")
	return &ffcli.Command{
		Name: "pipeline", ShortUsage: "switchboard bench pipeline [--messages N] [--rate R] [--json]",
		ShortHelp: "ingest → analyze → route → store on the embedded defaults, beside raw SQLite inserts",
		LongHelp: `Pushes synthetic messages through the whole pipeline on the embedded defaults
(SQLite in WAL, in-process JetStream) and reports sustained messages per
second, ingest-to-stored latency (p50, p99), peak RSS; then inserts the same
rows into the same schema with no pipeline (the machine's raw limit).`,
		FlagSet: fs,
		Exec: func(ctx context.Context, _ []string) error {
			scratch, cleanup, err := scratchDir(*dir)
			if err != nil {
				return err
			}
			defer cleanup()
			stopProfile, err := startProfile(*profile)
			if err != nil {
				return err
			}
			res, err := runPipelineBench(ctx, scratch+"/pipeline", *n, *rate, *batch, *memProfile)
			stopProfile()
			if err != nil {
				return err
			}
			if *raw {
				if res.RawPerSecond, err = runRawInsert(ctx, scratch+"/raw", *n); err != nil {
					return err
				}
				res.RatioOfRawPct = 100 * res.PerSecond / res.RawPerSecond
			}
			return printBench(res, *asJSON)
		},
	}
}

func scratchDir(dir string) (string, func(), error) {
	if dir != "" {
		return dir, func() {}, os.MkdirAll(dir, 0o750)
	}
	d, err := os.MkdirTemp("", "switchboard-bench-")
	return d, func() { os.RemoveAll(d) }, err
}

// latencies collects the processor's observations.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) { l.mu.Lock(); l.d = append(l.d, d); l.mu.Unlock() }

func (l *latencies) quantile(q float64) float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.d) == 0 {
		return 0
	}
	sort.Slice(l.d, func(i, j int) bool { return l.d[i] < l.d[j] })
	i := min(int(q*float64(len(l.d))), len(l.d)-1)
	return float64(l.d[i].Microseconds()) / 1000
}

func runPipelineBench(ctx context.Context, dir string, n int, rate float64, batch int, memProfile string) (pipelineBench, error) {
	lat := &latencies{d: make([]time.Duration, 0, n)}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Open(ctx, app.Options{DataDir: dir, Log: quiet, Processor: pipeline.ProcessorConfig{Observe: lat.add}})
	if err != nil {
		return pipelineBench{}, err
	}
	defer a.Close()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Run(runCtx) }()
	defer func() { stop(); <-done }()
	start := time.Now()
	if err := offer(ctx, a, n, batch, rate, start); err != nil {
		return pipelineBench{}, err
	}
	if err := waitStored(ctx, a.Store, int64(n)); err != nil {
		return pipelineBench{}, err
	}
	took := time.Since(start)
	writeHeapProfile(memProfile)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return pipelineBench{
		GoHeapMiB: float64(ms.HeapInuse) / (1 << 20),
		Messages:  n, TargetRate: rate, Seconds: took.Seconds(), PerSecond: float64(n) / took.Seconds(),
		P50ms: lat.quantile(0.50), P99ms: lat.quantile(0.99), Maxms: lat.quantile(1), PeakRSSMiB: peakRSSMiB(),
	}, nil
}

// inboundChunk renders the next messages as the JSON lines a client sends;
// they are made as they are offered, so the input does not weigh on memory.
func inboundChunk(gen *loadgen.Generator, from, size int) []message.Line {
	chunk := make([]message.Line, 0, size)
	for j := from; j < from+size; j++ {
		chunk = append(chunk, message.Line{N: j + 1, Data: inboundJSON(gen.Next())})
	}
	return chunk
}

func inboundJSON(m *message.Message) []byte {
	text := m.Text
	b, _ := json.Marshal(message.Inbound{
		Channel: m.Channel, ExternalID: m.ExternalID, Text: &text, CreatedAt: m.CreatedAt.Format(time.RFC3339),
		Author:    &message.InboundAuthor{Handle: m.Author.Handle, Name: m.Author.Name, Followers: m.Author.Followers},
		InReplyTo: m.InReplyTo, Community: m.Community,
	})
	return b
}

// offer hands n messages to the pipeline in batches, paced to rate when it is set.
func offer(ctx context.Context, a *app.App, n, batch int, rate float64, start time.Time) error {
	gen := loadgen.New(1)
	sent := 0
	for i := 0; i < n; i += batch {
		chunk := inboundChunk(gen, i, min(batch, n-i))
		if rate > 0 {
			due := start.Add(time.Duration(float64(sent) / rate * float64(time.Second)))
			time.Sleep(time.Until(due))
		}
		for len(chunk) > 0 {
			res := a.Bus.Intake(ctx, a.Store, chunk)
			if len(res.Rejected) > 0 {
				return fmt.Errorf("line %d rejected: %s", res.Rejected[0].Line, res.Rejected[0].Error)
			}
			sent += res.Accepted + res.Duplicates
			chunk = keepLines(chunk, res.Retry)
			if len(chunk) > 0 {
				time.Sleep(20 * time.Millisecond)
			}
		}
	}
	return nil
}

func waitStored(ctx context.Context, st *store.Store, n int64) error {
	for {
		got, err := st.CountMessages(ctx)
		if err != nil {
			return err
		}
		if got >= n {
			return nil
		}
		if err := sleep(ctx, 10*time.Millisecond); err != nil {
			return err
		}
	}
}

// runRawInsert stores the same messages, analysed and routed beforehand, in
// batches straight into a fresh database of the same schema.
func runRawInsert(ctx context.Context, dir string, n int) (float64, error) {
	st, err := app.OpenStore(ctx, app.Options{DataDir: dir})
	if err != nil {
		return 0, err
	}
	defer st.Close()
	rt, _ := route.NewRouter(route.Default())
	gen := loadgen.New(1)
	msgs := make([]*message.Message, n)
	for i := range msgs {
		m := gen.Next()
		m.ReceivedAt, m.RoutedAt = time.Now(), time.Now()
		m.Analysis = rules.Analyzer{}.Analyze(m)
		m.Decision = rt.Route(m)
		msgs[i] = m
	}
	start := time.Now()
	for i := 0; i < n; i += 500 {
		if _, err := st.SaveMessages(ctx, msgs[i:min(i+500, n)]); err != nil {
			return 0, err
		}
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// peakRSSMiB reads the process's peak resident memory (Linux).
func peakRSSMiB() float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}

func printBench(r pipelineBench, asJSON bool) error {
	if asJSON {
		return json.NewEncoder(os.Stdout).Encode(r)
	}
	offered := "as fast as taken"
	if r.TargetRate > 0 {
		offered = fmt.Sprintf("%.0f/s", r.TargetRate)
	}
	fmt.Printf("pipeline: %d messages offered %s in %.2fs: %.0f messages/s; ingest→stored p50 %.1f ms, p99 %.1f ms, max %.1f ms; peak RSS %.0f MiB (Go heap at the end %.0f MiB)\n",
		r.Messages, offered, r.Seconds, r.PerSecond, r.P50ms, r.P99ms, r.Maxms, r.PeakRSSMiB, r.GoHeapMiB)
	if r.RawPerSecond > 0 {
		fmt.Printf("raw batched inserts, same rows and schema: %.0f rows/s; the pipeline reaches %.0f%% of it\n", r.RawPerSecond, r.RatioOfRawPct)
	}
	return nil
}

func startProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func writeHeapProfile(path string) {
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "heap profile:", err)
		return
	}
	defer f.Close()
	runtime.GC()
	pprof.WriteHeapProfile(f)
}
