// Package analytics keeps the pre-aggregated rollups behind the dashboards
// and answers every dashboard figure from them.
//
// The Worker follows two logs past high-water marks kept in the database:
// routing decisions (a new message counts in its hour, a re-route moves it
// between departments and classes) and the audit log (a reply sent is a first
// response, a status set to resolved is a resolution, both timed on the
// department's business-hours SLA clock). Each batch of rollup changes is
// written in one transaction with the marks it reached, so nothing is counted
// twice or missed across a restart. The Service reads the figures: volume,
// sentiment, SLA, backlog, rising terms and share of voice.
package analytics
