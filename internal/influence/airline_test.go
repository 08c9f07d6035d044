package influence_test

import (
	"bufio"
	"context"
	"os"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/influence"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// TestAirlineWarmUpdates replays the airline set (converted by
// bench/replay/to_messages.py; the file named by SWITCHBOARD_AIRLINE_JSONL,
// skipped without it): the first 90 % stored and ranked cold, then the rest
// in batches of 200 messages, each followed by a warm update, next to a cold
// run over the same data; it logs the PageRank iterations and times of
// both, and checks that warm updates iterate less in total.
//
//	SWITCHBOARD_AIRLINE_JSONL=/tmp/airline.jsonl go test ./internal/influence -run Airline -v
func TestAirlineWarmUpdates(t *testing.T) {
	path := os.Getenv("SWITCHBOARD_AIRLINE_JSONL")
	if path == "" {
		t.Skip("set SWITCHBOARD_AIRLINE_JSONL to the converted airline set")
	}
	msgs := readMessages(t, path)
	s := storetest.SQLite(t)
	ctx := context.Background()
	head := len(msgs) * 9 / 10
	storeAndSync(t, s, msgs[:head])
	warmEng := &influence.Engine{Store: s}
	if _, err := warmEng.Recompute(ctx, false); err != nil {
		t.Fatal(err)
	}
	var warmIters, coldIters, warmComms, coldComms, batches int
	var warmTook, coldTook time.Duration
	for lo := head; lo < len(msgs); lo += 200 {
		storeAndSync(t, s, msgs[lo:min(lo+200, len(msgs))])
		w, err := warmEng.Recompute(ctx, true)
		if err != nil || !w.Warm {
			t.Fatalf("warm update: %+v, %v", w, err)
		}
		c, err := (&influence.Engine{Store: s}).Recompute(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		warmIters, coldIters = warmIters+w.Iterations, coldIters+c.Iterations
		warmComms, coldComms = warmComms+w.Communities, coldComms+c.Communities
		warmTook, coldTook = warmTook+w.Took, coldTook+c.Took
		batches++
	}
	t.Logf("%d messages, then %d batches of 200: warm updates ranked %d communities in %d PageRank iterations, %s; cold runs %d communities in %d iterations, %s",
		head, batches, warmComms, warmIters, warmTook.Round(time.Millisecond), coldComms, coldIters, coldTook.Round(time.Millisecond))
	if warmIters >= coldIters {
		t.Errorf("warm updates iterated %d times, cold runs %d", warmIters, coldIters)
	}
}

func readMessages(t *testing.T, path string) []*message.Message {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []*message.Message
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), message.MaxLineBytes)
	for sc.Scan() {
		m, err := message.ParseInbound(sc.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		m.ReceivedAt, m.RoutedAt = m.CreatedAt, m.CreatedAt
		m.Analysis = message.Analysis{Sentiment: message.Neutral, Class: message.ClassNoise}
		m.Decision = message.Decision{Priority: message.PriorityNormal, Status: message.StatusNew}
		out = append(out, m)
	}
	return out
}

func storeAndSync(t *testing.T, s *store.Store, msgs []*message.Message) {
	t.Helper()
	if _, err := s.SaveMessages(context.Background(), msgs); err != nil {
		t.Fatal(err)
	}
	if _, err := influence.Sync(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}
