package analytics

import (
	"context"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// readDecisions adds the routing decisions past the mark to b: a new message
// counts once in its hour, with its terms in its day; a correction moves the
// message from its former department and class to the new ones. It returns
// the rows taken and the latest day a message was written on.
func (w *Worker) readDecisions(ctx context.Context, b *store.RollupBatch) (int, time.Time, error) {
	mark, err := w.Store.RollupMark(ctx, markDecisions)
	if err != nil {
		return 0, time.Time{}, err
	}
	rows, err := w.Store.RollupDecisionsAfter(ctx, mark, w.batch())
	if err != nil {
		return 0, time.Time{}, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	rows = rows[:w.settled(markDecisions, mark, ids)]
	var latest time.Time
	for _, r := range rows {
		addDecision(b, r)
		if r.Kind == "auto" && r.CreatedAt.After(latest) {
			latest = r.CreatedAt
		}
	}
	if len(rows) > 0 {
		b.Marks[markDecisions], b.Was[markDecisions] = rows[len(rows)-1].ID, mark
	}
	return len(rows), latest, nil
}

func addDecision(b *store.RollupBatch, r store.RollupDecision) {
	key := store.VolumeKey{Bucket: r.CreatedAt.UTC().Truncate(time.Hour), CommunityID: r.CommunityID,
		Channel: r.Channel, Class: r.Class, Department: r.Department, Lang: r.Lang}
	one := sentimentDelta(r.Sentiment, r.SentimentScore)
	b.Volume[key] = b.Volume[key].Add(one)
	if r.Kind != "auto" {
		from := key
		from.Class, from.Department = r.FromClass, r.FromDepartment
		b.Volume[from] = b.Volume[from].Add(one.Neg())
		return
	}
	day := r.CreatedAt.UTC().Truncate(24 * time.Hour)
	for _, t := range Terms(r.Text) {
		b.Terms[store.TermKey{CommunityID: r.CommunityID, Day: day, Term: t}]++
	}
}

func sentimentDelta(sentiment string, score float64) store.VolumeDelta {
	d := store.VolumeDelta{Messages: 1, SentimentSum: score}
	switch sentiment {
	case "negative":
		d.Negative = 1
	case "positive":
		d.Positive = 1
	default:
		d.Neutral = 1
	}
	return d
}

// closeDays prunes the term counts of the days that are over: those two days
// or more before the latest day a message was written on, so late messages
// of the day before still count. A message dated in the future (a network's
// clock, a wrong created_at) counts as written now: it closes no day still
// going on.
func (w *Worker) closeDays(ctx context.Context, latest time.Time) error {
	if latest.IsZero() {
		return nil
	}
	if now := time.Now(); latest.After(now) {
		latest = now
	}
	before := latest.UTC().Truncate(24*time.Hour).AddDate(0, 0, -1)
	pruned, err := w.Store.RollupMark(ctx, markPruned)
	if err != nil || micro(before) <= pruned {
		return err
	}
	return w.Store.PruneTermsBefore(ctx, time.UnixMicro(pruned).UTC(), before, TermsKept, TermsMin, markPruned)
}

func micro(t time.Time) int64 { return t.UnixMicro() }
