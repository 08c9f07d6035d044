package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// VolumeKey names one cell of the volume rollups.
type VolumeKey struct {
	Bucket      time.Time // start of the UTC hour
	CommunityID int64
	Channel     string
	Class       string
	Department  string
	Lang        string
}

// VolumeDelta is a signed change to one cell: +1 message when it arrives, -1
// and +1 on two cells when a re-route moves it.
type VolumeDelta struct {
	Messages, Negative, Neutral, Positive int64
	SentimentSum                          float64
}

// TermKey names one term count: a term or #hashtag of a community on a UTC day.
type TermKey struct {
	CommunityID int64
	Day         time.Time
	Term        string
}

// SLAEvent is one first response or resolution to count, once per message and kind.
type SLAEvent struct {
	MessageID   int64
	Kind        string // "first_response" or "resolution"
	Day         time.Time
	CommunityID int64
	Department  string
	AgentID     int64
	Seconds     float64 // working seconds from receipt
	HasTarget   bool
	OnTime      bool
}

// RollupBatch is what the rollup worker adds in one transaction, with the
// high-water marks it reached, so a batch is counted exactly once.
type RollupBatch struct {
	Volume map[VolumeKey]VolumeDelta
	Terms  map[TermKey]int64
	SLA    []SLAEvent
	Marks  map[string]int64
	// Was holds the marks as the batch was read from: when another worker
	// moved one meanwhile, ApplyRollup changes nothing and returns ErrConflict.
	Was map[string]int64
}

// ApplyRollup adds a batch to the rollups and moves the marks, atomically.
func (s *Store) ApplyRollup(ctx context.Context, b RollupBatch) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.moveMarks(ctx, tx, b.Was, b.Marks); err != nil {
			return err
		}
		if err := s.applyVolume(ctx, tx, b.Volume); err != nil {
			return err
		}
		if err := s.applyTerms(ctx, tx, b.Terms); err != nil {
			return err
		}
		return s.applySLA(ctx, tx, b.SLA)
	})
}

const (
	cubeUpsert = `INSERT INTO rollup_hourly (bucket, community_id, channel, class, department, lang, messages, negative, neutral, positive, sentiment_sum)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (bucket, community_id, channel, class, department, lang) DO UPDATE SET
	  messages = rollup_hourly.messages + excluded.messages, negative = rollup_hourly.negative + excluded.negative,
	  neutral = rollup_hourly.neutral + excluded.neutral, positive = rollup_hourly.positive + excluded.positive,
	  sentiment_sum = rollup_hourly.sentiment_sum + excluded.sentiment_sum`
	marginUpsert = `INSERT INTO rollup_volume (grain, dim, bucket, community_id, dim_value, messages, negative, neutral, positive, sentiment_sum)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (grain, dim, bucket, community_id, dim_value) DO UPDATE SET
	  messages = rollup_volume.messages + excluded.messages, negative = rollup_volume.negative + excluded.negative,
	  neutral = rollup_volume.neutral + excluded.neutral, positive = rollup_volume.positive + excluded.positive,
	  sentiment_sum = rollup_volume.sentiment_sum + excluded.sentiment_sum`
)

// marginKey names one cell of rollup_volume.
type marginKey struct {
	grain, dim  string
	bucket      int64
	communityID int64
	value       string
}

// margins sums cube cells over every dimension but one, by hour and by UTC day.
func margins(v map[VolumeKey]VolumeDelta) map[marginKey]VolumeDelta {
	out := map[marginKey]VolumeDelta{}
	for k, d := range v {
		hour := micro(k.Bucket.UTC().Truncate(time.Hour))
		day := micro(k.Bucket.UTC().Truncate(24 * time.Hour))
		for _, dv := range [][2]string{{"all", ""}, {"channel", k.Channel}, {"class", k.Class}, {"department", k.Department}, {"lang", k.Lang}} {
			for _, g := range []struct {
				grain  string
				bucket int64
			}{{"h", hour}, {"d", day}} {
				mk := marginKey{g.grain, dv[0], g.bucket, k.CommunityID, dv[1]}
				out[mk] = out[mk].Add(d)
			}
		}
	}
	return out
}

func (s *Store) applyVolume(ctx context.Context, tx *sql.Tx, v map[VolumeKey]VolumeDelta) error {
	if len(v) == 0 {
		return nil
	}
	cube, err := tx.PrepareContext(ctx, s.q(cubeUpsert))
	if err != nil {
		return fmt.Errorf("rollup volume: %w", err)
	}
	defer cube.Close()
	for k, d := range v {
		if d == (VolumeDelta{}) {
			continue
		}
		if _, err := cube.ExecContext(ctx, micro(k.Bucket), k.CommunityID, k.Channel, k.Class, k.Department, k.Lang,
			d.Messages, d.Negative, d.Neutral, d.Positive, d.SentimentSum); err != nil {
			return fmt.Errorf("rollup volume: %w", err)
		}
	}
	margin, err := tx.PrepareContext(ctx, s.q(marginUpsert))
	if err != nil {
		return fmt.Errorf("rollup volume: %w", err)
	}
	defer margin.Close()
	for k, d := range margins(v) {
		if d == (VolumeDelta{}) {
			continue // a re-route within a cell of this dimension
		}
		if _, err := margin.ExecContext(ctx, k.grain, k.dim, k.bucket, k.communityID, k.value,
			d.Messages, d.Negative, d.Neutral, d.Positive, d.SentimentSum); err != nil {
			return fmt.Errorf("rollup volume: %w", err)
		}
	}
	return nil
}

// Neg is the opposite change.
func (d VolumeDelta) Neg() VolumeDelta {
	return VolumeDelta{-d.Messages, -d.Negative, -d.Neutral, -d.Positive, -d.SentimentSum}
}

// Add sums two changes.
func (d VolumeDelta) Add(o VolumeDelta) VolumeDelta {
	return VolumeDelta{d.Messages + o.Messages, d.Negative + o.Negative, d.Neutral + o.Neutral,
		d.Positive + o.Positive, d.SentimentSum + o.SentimentSum}
}

func (s *Store) applyTerms(ctx context.Context, tx *sql.Tx, terms map[TermKey]int64) error {
	if len(terms) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, s.q(`INSERT INTO rollup_terms (community_id, day, term, n) VALUES (?, ?, ?, ?)
		ON CONFLICT (community_id, day, term) DO UPDATE SET n = rollup_terms.n + excluded.n`))
	if err != nil {
		return fmt.Errorf("rollup terms: %w", err)
	}
	defer st.Close()
	for k, n := range terms {
		if _, err := st.ExecContext(ctx, k.CommunityID, micro(k.Day), k.Term, n); err != nil {
			return fmt.Errorf("rollup terms: %w", err)
		}
	}
	return nil
}

func (s *Store) applySLA(ctx context.Context, tx *sql.Tx, events []SLAEvent) error {
	for _, e := range events {
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO rollup_sla_done (message_id, kind) VALUES (?, ?) ON CONFLICT DO NOTHING`),
			e.MessageID, e.Kind)
		if err != nil {
			return fmt.Errorf("rollup SLA: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // counted already: only the first response or resolution counts
		}
		day := e.Day.UTC().Truncate(24 * time.Hour)
		for grain, at := range map[string]time.Time{"d": day, "m": MonthOf(day)} {
			_, err = tx.ExecContext(ctx, s.q(`INSERT INTO rollup_sla (grain, day, community_id, department, agent_id, kind, n, with_target, on_time, seconds)
				VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
				ON CONFLICT (grain, day, community_id, department, agent_id, kind) DO UPDATE SET n = rollup_sla.n + 1,
				  with_target = rollup_sla.with_target + excluded.with_target, on_time = rollup_sla.on_time + excluded.on_time,
				  seconds = rollup_sla.seconds + excluded.seconds`),
				grain, micro(at), e.CommunityID, e.Department, e.AgentID, e.Kind, b2i(e.HasTarget), b2i(e.OnTime), e.Seconds)
			if err != nil {
				return fmt.Errorf("rollup SLA: %w", err)
			}
		}
	}
	return nil
}

// MonthOf is the first instant of t's UTC month.
func MonthOf(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// moveMarks moves each mark from its value in was to its value in to, first
// of all in the transaction: on PostgreSQL a second worker waits here for the
// first to commit, then finds the mark moved.
func (s *Store) moveMarks(ctx context.Context, tx *sql.Tx, was, to map[string]int64) error {
	for name, v := range to {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO rollup_state (name, value) VALUES (?, 0) ON CONFLICT (name) DO NOTHING`), name); err != nil {
			return fmt.Errorf("rollup mark %s: %w", name, err)
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE rollup_state SET value = ? WHERE name = ? AND value = ?`), v, name, was[name])
		if err != nil {
			return fmt.Errorf("rollup mark %s: %w", name, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("rollup mark %s moved by another worker: %w", name, ErrConflict)
		}
	}
	return nil
}

func (s *Store) setMarks(ctx context.Context, tx *sql.Tx, marks map[string]int64) error {
	for name, v := range marks {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO rollup_state (name, value) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET value = excluded.value`), name, v)
		if err != nil {
			return fmt.Errorf("rollup mark %s: %w", name, err)
		}
	}
	return nil
}

// PruneTermsBefore keeps, for every community and UTC day in [after,
// before), only the keep most frequent terms, and only those seen at least
// min times, and sets the mark named to before, in one transaction.
func (s *Store) PruneTermsBefore(ctx context.Context, after, before time.Time, keep int, min int64, mark string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, b := micro(after), micro(before)
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM rollup_terms WHERE day >= ? AND day < ? AND n < ?`), a, b, min); err != nil {
			return fmt.Errorf("prune terms: %w", err)
		}
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM rollup_terms WHERE day >= ? AND day < ? AND (community_id, day, term) IN (
			SELECT community_id, day, term FROM (SELECT community_id, day, term,
			  ROW_NUMBER() OVER (PARTITION BY community_id, day ORDER BY n DESC, term) AS pos
			  FROM rollup_terms WHERE day >= ? AND day < ?) ranked WHERE pos > ?)`), a, b, a, b, keep)
		if err != nil {
			return fmt.Errorf("prune terms: %w", err)
		}
		return s.setMarks(ctx, tx, map[string]int64{mark: b})
	})
}

// SnapshotBacklog counts the open messages per community and department and
// records them in the hourly bucket of at (replacing an earlier sample of the
// same hour), noting at as the time of the latest sample.
func (s *Store) SnapshotBacklog(ctx context.Context, at time.Time) error {
	b := micro(at.UTC().Truncate(time.Hour))
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.setMarks(ctx, tx, map[string]int64{backlogMark: micro(at)}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM rollup_backlog WHERE bucket = ?`), b); err != nil {
			return fmt.Errorf("backlog sample: %w", err)
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO rollup_backlog (bucket, community_id, department, open)
			SELECT ?, COALESCE(community_id, 0), department, COUNT(*) FROM messages
			WHERE status <> 'resolved' GROUP BY COALESCE(community_id, 0), department`), b)
		if err != nil {
			return fmt.Errorf("backlog sample: %w", err)
		}
		return nil
	})
}
