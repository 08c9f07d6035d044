package webhook

import "github.com/prometheus/client_golang/prometheus"

// Metrics count the webhook calls for /metrics.
type Metrics struct {
	Attempts *prometheus.CounterVec // by outcome: delivered, retry, failed
	Duration prometheus.Histogram   // seconds per call
}

// NewMetrics registers the webhook metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Attempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "switchboard_webhook_attempts_total", Help: "Outbound webhook calls, by outcome (delivered, retry, failed).",
		}, []string{"outcome"}),
		Duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "switchboard_webhook_call_seconds", Help: "Duration of outbound webhook calls.",
			Buckets: prometheus.ExponentialBuckets(0.01, 2, 11),
		}),
	}
	reg.MustRegister(m.Attempts, m.Duration)
	return m
}

// observe counts one call and its outcome; a nil Metrics counts nothing.
func (m *Metrics) observe(outcome string, seconds float64) {
	if m == nil {
		return
	}
	m.Attempts.WithLabelValues(outcome).Inc()
	m.Duration.Observe(seconds)
}
