// Package crisis detects the start of crises in the routed message stream.
//
// The core is a streaming burst detector over time buckets (Series): per
// series it keeps a fixed-size seasonal baseline in log space (a level that
// follows slow trends, an hour-of-day profile and a day-of-week profile, and
// a robust scale of the residuals), and scores each closed bucket by how
// improbable its count is under that baseline. A score ≥ 0.5 is an alert.
// An alert also needs volume: MinExcess messages above the expected count,
// in the bucket or over the last ExcessSpan, so that a burst building at a
// few messages a bucket on a quiet stream alerts as soon as it has brought
// that many, and quiet streams do not page for a handful.
// After an alert the series is held off: for HoldOff it alerts again only if
// the burst grows well beyond the level that raised the alert, so one burst
// pages once; the hold-off is prolonged only by buckets that alone bring
// MinExcess messages above their expected count.
//
// The Detector feeds many such series from message events: per community,
// all messages, negative messages, each class and each term or hashtag. It
// also raises virality alerts (one post whose replies and reposts
// accelerate) and opinion-leader alerts (an author with many followers
// posting negatively). Every piece of state is bounded; idle series are
// evicted.
package crisis
