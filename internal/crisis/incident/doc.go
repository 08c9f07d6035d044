// Package incident turns the crisis detector's alerts into incidents for
// general management: a durable consumer of routed messages feeds the
// detector; an alert opens an incident or joins the open one it belongs to
// (same community, overlapping terms); the incident gathers its messages and
// installs a routing rule that sends matching messages to direction-generale
// with replies needing approval, removed when it is closed. An escalation
// policy per severity notifies general management in the app, by email and by
// a signed webhook, and again, higher up, when nobody acknowledges in time.
// One process of an installation detects: it holds a Lease in a NATS
// key-value bucket, and another takes over when it stops or dies.
package incident
