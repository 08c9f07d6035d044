package pipeline

import "github.com/prometheus/client_golang/prometheus"

// Metrics are the pipeline's Prometheus series.
type Metrics struct {
	Processed *prometheus.CounterVec // by outcome: stored, duplicate, dead_letter, retry
	Routed    *prometheus.CounterVec // by department
	Latency   prometheus.Histogram   // seconds from ingest to routed and stored
	Batch     prometheus.Histogram   // messages per processed batch
}

// NewMetrics makes the series and registers them with reg (nil: not registered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Processed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "switchboard_pipeline_messages_total", Help: "Messages taken from the ingest stream, by outcome.",
		}, []string{"outcome"}),
		Routed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "switchboard_routed_messages_total", Help: "Messages routed and stored, by department (empty: noise).",
		}, []string{"department"}),
		Latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "switchboard_ingest_to_routed_seconds", Help: "Time from ingest to routed and stored.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}),
		Batch: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "switchboard_pipeline_batch_size", Help: "Messages per processed batch.",
			Buckets: prometheus.ExponentialBuckets(1, 2, 11),
		}),
	}
	if reg != nil {
		reg.MustRegister(m.Processed, m.Routed, m.Latency, m.Batch)
	}
	return m
}
