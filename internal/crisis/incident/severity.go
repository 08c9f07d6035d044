package incident

import (
	"fmt"

	"github.com/switchboard-crm/switchboard/internal/crisis"
)

// Severity grades an incident; it only rises while the incident is open.
type Severity string

// Severity levels, lowest first.
const (
	Low      Severity = "low"      // an opinion leader or a viral post alone
	Medium   Severity = "medium"   // a burst
	High     Severity = "high"     // a negative burst well above its baseline, several series, or 50 messages
	Critical Severity = "critical" // 300 messages, or a high incident that reached a million followers
)

var severityRank = map[Severity]int{Low: 0, Medium: 1, High: 2, Critical: 3}

// Rank orders severities; -1 for an unknown one.
func (s Severity) Rank() int {
	if r, ok := severityRank[s]; ok {
		return r
	}
	return -1
}

// ParseSeverity checks a severity name.
func ParseSeverity(s string) (Severity, error) {
	if Severity(s).Rank() < 0 {
		return "", fmt.Errorf("unknown severity %q (want low, medium, high or critical)", s)
	}
	return Severity(s), nil
}

func higher(a, b Severity) Severity {
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}

// severityOf grades an incident from its alerts, volume and reach.
func severityOf(o *open) Severity {
	s := Low
	series := map[string]bool{}
	strongNegative := false
	for _, a := range o.alerts {
		if a.Kind != crisis.KindBurst {
			continue
		}
		s = Medium
		series[a.Series] = true
		if a.Series == crisis.SeriesNegative && a.Observed >= 4*max1(a.Expected) {
			strongNegative = true
		}
	}
	if s == Medium && (strongNegative || len(series) >= 3 || o.messages >= 50) {
		s = High
	}
	if o.messages >= 300 || s == High && o.reach >= 1_000_000 {
		s = Critical
	}
	return s
}

func max1(x float64) float64 {
	if x < 1 {
		return 1
	}
	return x
}
