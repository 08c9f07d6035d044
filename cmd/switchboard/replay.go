package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// replayFlags are import's --replay and --speed.
type replayFlags struct {
	on    *bool
	speed *float64
}

func registerReplay(fs *flag.FlagSet) replayFlags {
	return replayFlags{
		on:    fs.Bool("replay", false, "replay the file on its own created_at timestamps (lines in time order; one earlier than the first goes at once), compressed by --speed"),
		speed: fs.Float64("speed", 1, "with --replay: how many times faster than real time (e.g. 3600: an hour a second)"),
	}
}

// pacer returns nil without --replay, or a pacer; a speed that is not
// positive is an error.
func (f replayFlags) pacer() (*pacer, error) {
	if !*f.on {
		if *f.speed != 1 {
			return nil, fmt.Errorf("--speed %g without --replay: add --replay, or drop --speed", *f.speed)
		}
		return nil, nil
	}
	if !(*f.speed > 0) || *f.speed > 1e9 {
		return nil, fmt.Errorf("--speed %g: want a number above 0 (and at most 1e9)", *f.speed)
	}
	return &pacer{speed: *f.speed, now: time.Now}, nil
}

// pacer hands out lines when they are due: a line created d after the
// file's first is due d/speed after the replay started.
type pacer struct {
	speed        float64
	now          func() time.Time
	start, first time.Time
	pending      *message.Line
}

// chunk reads at most n lines that are due, waiting for the first one;
// it stops early at a line not yet due, which the next call returns.
func (p *pacer) chunk(ctx context.Context, lr *message.LineReader, n int) ([]message.Line, error) {
	var out []message.Line
	for len(out) < n {
		l, err := p.next(lr)
		if err != nil {
			return out, err
		}
		if wait := p.due(l).Sub(p.now()); wait > 0 {
			if len(out) > 0 {
				p.pending = &l
				return out, nil
			}
			if err := sleep(ctx, wait); err != nil {
				return out, err
			}
		}
		out = append(out, l)
	}
	return out, nil
}

func (p *pacer) next(lr *message.LineReader) (message.Line, error) {
	if p.pending != nil {
		l := *p.pending
		p.pending = nil
		return l, nil
	}
	return lr.Next()
}

// due is when a line is sent; a line without a readable created_at is due
// at once (the intake then rejects it with the reason).
func (p *pacer) due(l message.Line) time.Time {
	now := p.now()
	var v struct {
		CreatedAt string `json:"created_at"`
	}
	if l.Err != nil || json.Unmarshal(l.Data, &v) != nil {
		return now
	}
	at, err := time.Parse(time.RFC3339Nano, v.CreatedAt)
	if err != nil {
		return now
	}
	if p.start.IsZero() {
		p.start, p.first = now, at
	}
	return p.start.Add(time.Duration(float64(at.Sub(p.first)) / p.speed))
}

// read returns the next batch: as the file comes, or when due with --replay.
func (imp *importer) read(ctx context.Context, lr *message.LineReader) ([]message.Line, error) {
	if imp.pace == nil {
		return readChunk(lr, imp.chunk)
	}
	return imp.pace.chunk(ctx, lr, imp.chunk)
}
