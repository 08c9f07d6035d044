package pipeline

import (
	"context"
	"errors"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Rejection is one input line that was not accepted, and why.
type Rejection struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
}

// IntakeResult is the outcome of handing a batch of lines to the pipeline.
type IntakeResult struct {
	Accepted   int         `json:"accepted"`
	Duplicates int         `json:"duplicates"`
	Rejected   []Rejection `json:"rejected"`
	// Retry lists the lines refused because the backlog is full: nothing is
	// wrong with them, they can be sent again later.
	Retry []int `json:"-"`
}

// Add folds another result into r.
func (r *IntakeResult) Add(o IntakeResult) {
	r.Accepted += o.Accepted
	r.Duplicates += o.Duplicates
	r.Rejected = append(r.Rejected, o.Rejected...)
	r.Retry = append(r.Retry, o.Retry...)
}

// Intake validates lines of JSON messages and publishes the valid ones.
// A message already seen — stored earlier, earlier in the same batch, or
// still in flight — counts as a duplicate and is not published again.
func (b *Bus) Intake(ctx context.Context, st *store.Store, lines []message.Line) IntakeResult {
	res := IntakeResult{Rejected: []Rejection{}}
	msgs, nums := b.parse(lines, &res)
	msgs, nums, err := dropKnown(ctx, st, msgs, nums, &res)
	if err != nil {
		for _, n := range nums {
			res.Rejected = append(res.Rejected, Rejection{n, "not accepted: " + err.Error()})
		}
		return res
	}
	for i, p := range b.Publish(ctx, msgs) {
		switch {
		case errors.Is(p.Err, ErrBusy):
			res.Retry = append(res.Retry, nums[i])
		case p.Err != nil:
			res.Rejected = append(res.Rejected, Rejection{nums[i], "not accepted: " + p.Err.Error()})
		case p.Duplicate:
			res.Duplicates++
		default:
			res.Accepted++
		}
	}
	return res
}

func (b *Bus) parse(lines []message.Line, res *IntakeResult) ([]*message.Message, []int) {
	seen := make(map[string]bool, len(lines))
	var msgs []*message.Message
	var nums []int
	for _, l := range lines {
		if l.Err != nil {
			res.Rejected = append(res.Rejected, Rejection{l.N, l.Err.Error()})
			continue
		}
		m, err := message.ParseInbound(l.Data)
		if err != nil {
			res.Rejected = append(res.Rejected, Rejection{l.N, err.Error()})
			continue
		}
		if seen[m.Key()] {
			res.Duplicates++
			continue
		}
		seen[m.Key()] = true
		msgs, nums = append(msgs, m), append(nums, l.N)
	}
	return msgs, nums
}

// dropKnown removes the messages the store already holds.
func dropKnown(ctx context.Context, st *store.Store, msgs []*message.Message, nums []int, res *IntakeResult) ([]*message.Message, []int, error) {
	byChannel := map[string][]string{}
	for _, m := range msgs {
		byChannel[m.Channel] = append(byChannel[m.Channel], m.ExternalID)
	}
	known := map[string]bool{}
	for ch, ids := range byChannel {
		k, err := st.KnownKeys(ctx, ch, ids)
		if err != nil {
			return msgs, nums, err
		}
		for id := range k {
			known[ch+":"+id] = true
		}
	}
	if len(known) == 0 {
		return msgs, nums, nil
	}
	keptM, keptN := msgs[:0], nums[:0]
	for i, m := range msgs {
		if known[m.Key()] {
			res.Duplicates++
			continue
		}
		keptM, keptN = append(keptM, m), append(keptN, nums[i])
	}
	return keptM, keptN, nil
}
