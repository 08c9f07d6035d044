package main

import (
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// bar is a progress bar on standard error, shown only when it is a
// terminal; elsewhere its methods do nothing.
type bar struct{ pb *progressbar.ProgressBar }

// newBar counts total steps of what.
func newBar(total int64, what string) *bar {
	return newProgress(total, what, progressbar.OptionShowCount())
}

// newByteBar counts total bytes of what; write the bytes to it as they are read.
func newByteBar(total int64, what string) *bar {
	return newProgress(total, what, progressbar.OptionShowBytes(true), progressbar.OptionShowCount())
}

func newProgress(total int64, what string, opts ...progressbar.Option) *bar {
	if !term.IsTerminal(int(os.Stderr.Fd())) {
		return &bar{}
	}
	opts = append(opts, progressbar.OptionSetDescription(what), progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	return &bar{pb: progressbar.NewOptions64(total, opts...)}
}

// add counts one step.
func (b *bar) add() {
	if b.pb != nil {
		b.pb.Add(1)
	}
}

// set shows done steps out of total.
func (b *bar) set(done, total int) {
	if b.pb != nil {
		b.pb.ChangeMax(total)
		b.pb.Set(done)
	}
}

// Write counts len(p) bytes, for io.TeeReader.
func (b *bar) Write(p []byte) (int, error) {
	if b.pb != nil {
		b.pb.Add(len(p))
	}
	return len(p), nil
}

// finish clears the bar.
func (b *bar) finish() {
	if b.pb != nil {
		b.pb.Finish()
	}
}
