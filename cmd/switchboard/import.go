package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/peterbourgon/ff/v3/ffcli"

	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

func init() {
	register("import", func() *ffcli.Command {
		fs := flag.NewFlagSet("import", flag.ContinueOnError)
		var sf storeFlags
		sf.register(fs, true)
		server := fs.String("server", "", "import through a running server at this URL (e.g. http://localhost:8080) instead of the data directory")
		token := fs.String("token", "", "API token for --server (role admin)")
		chunk := fs.Int("batch", 1000, "lines per batch")
		replay := registerReplay(fs)
		return &ffcli.Command{
			Name:       "import",
			ShortUsage: "switchboard import [flags] FILE.jsonl",
			ShortHelp:  "import messages from a JSON Lines file (docs/message-schema.md)",
			LongHelp: `Reads one message per line, analyses, routes and stores them, and prints a
summary: accepted, duplicates (already stored or repeated in the file) and the
rejected lines with their reason. Lines already imported are duplicates, so an
interrupted import can simply be run again. Exits with status 1 when lines were
rejected. With --server the file goes through a running server's API;
otherwise Switchboard runs in this process on the data directory.`,
			FlagSet: fs,
			Options: envOptions,
			Exec: func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return errors.New("give one file to import (or - for standard input)")
				}
				pace, err := replay.pacer()
				if err != nil {
					return err
				}
				in, size, err := openInput(args[0])
				if err != nil {
					return err
				}
				defer in.Close()
				imp := &importer{chunk: max(*chunk, 1), bar: newByteBar(size, "importing"), pace: pace}
				if *server != "" {
					imp.send = remoteSender(*server, *token)
					return imp.run(ctx, in, args[0])
				}
				return imp.local(ctx, sf.options(), in, args[0])
			},
		}
	})
}

func openInput(path string) (io.ReadCloser, int64, error) {
	if path == "-" {
		return io.NopCloser(os.Stdin), -1, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, info.Size(), nil
}

// importer reads a file in batches and hands each to send.
type importer struct {
	chunk int
	bar   *bar
	send  func(ctx context.Context, lines []message.Line) (pipeline.IntakeResult, error)
	wait  func(ctx context.Context) error // until everything handed over is stored
	pace  *pacer                          // --replay: lines sent on their own timestamps
}

func (imp *importer) local(ctx context.Context, o app.Options, in io.Reader, name string) error {
	o.NoCrisisDetector = o.NATSURL != "" // on a shared NATS, the servers detect
	a, err := app.Open(ctx, o)
	if err != nil {
		return err
	}
	defer a.Close()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Run(runCtx) }()
	defer func() { stop(); <-done }()
	imp.send = func(ctx context.Context, lines []message.Line) (pipeline.IntakeResult, error) {
		return a.Bus.Intake(ctx, a.Store, lines), nil
	}
	if o.NATSURL == "" { // this process stores them: wait for it
		imp.wait = func(ctx context.Context) error { return waitDrained(ctx, a.Bus) }
	}
	return imp.run(ctx, in, name)
}

func (imp *importer) run(ctx context.Context, in io.Reader, name string) error {
	start := time.Now()
	counted := io.TeeReader(in, imp.bar)
	total, err := imp.feed(ctx, message.NewLineReader(counted))
	if err == nil && imp.wait != nil {
		err = imp.wait(ctx)
	}
	imp.bar.finish()
	summarize(name, total, time.Since(start))
	if err != nil {
		return err
	}
	if len(total.Rejected) > 0 {
		return fmt.Errorf("rejected lines: %d", len(total.Rejected))
	}
	return nil
}

// feed sends the file batch by batch; lines refused because the pipeline is
// full are sent again after a pause, never dropped.
func (imp *importer) feed(ctx context.Context, lr *message.LineReader) (pipeline.IntakeResult, error) {
	var total pipeline.IntakeResult
	for {
		lines, readErr := imp.read(ctx, lr)
		for len(lines) > 0 {
			res, err := imp.send(ctx, lines)
			if err != nil {
				return total, err
			}
			retry := res.Retry
			res.Retry = nil
			total.Add(res)
			lines = keepLines(lines, retry)
			if len(lines) > 0 {
				if err := sleep(ctx, time.Second); err != nil {
					return total, err
				}
			}
		}
		if errors.Is(readErr, io.EOF) {
			return total, nil
		}
		if readErr != nil {
			return total, fmt.Errorf("read: %w", readErr)
		}
	}
}

func readChunk(lr *message.LineReader, n int) ([]message.Line, error) {
	lines := make([]message.Line, 0, n)
	for len(lines) < n {
		l, err := lr.Next()
		if err != nil {
			return lines, err
		}
		lines = append(lines, l)
	}
	return lines, nil
}

func keepLines(lines []message.Line, nums []int) []message.Line {
	want := make(map[int]bool, len(nums))
	for _, n := range nums {
		want[n] = true
	}
	out := lines[:0]
	for _, l := range lines {
		if want[l.N] {
			out = append(out, l)
		}
	}
	return out
}

func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// waitDrained waits until the ingest stream is empty: every message
// processed and acknowledged.
func waitDrained(ctx context.Context, bus *pipeline.Bus) error {
	for {
		n, err := bus.Backlog(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		if err := sleep(ctx, 50*time.Millisecond); err != nil {
			return fmt.Errorf("interrupted with %d messages in flight; they are kept and will be processed at the next start: %w", n, err)
		}
	}
}

func summarize(name string, r pipeline.IntakeResult, took time.Duration) {
	rate := float64(r.Accepted) / took.Seconds()
	fmt.Printf("%s: %d accepted, %d duplicates, %d rejected in %s (%.0f messages/s)\n",
		name, r.Accepted, r.Duplicates, len(r.Rejected), took.Round(time.Millisecond), rate)
	sort.Slice(r.Rejected, func(i, j int) bool { return r.Rejected[i].Line < r.Rejected[j].Line })
	for i, rej := range r.Rejected {
		if i == 20 {
			fmt.Printf("… and %d more rejected lines\n", len(r.Rejected)-20)
			break
		}
		fmt.Printf("line %d: %s\n", rej.Line, rej.Error)
	}
}
