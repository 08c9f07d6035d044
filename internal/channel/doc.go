// Package channel runs Switchboard's network connectors. Each network has a
// package of its own below this one (mastodon, bluesky, meta, feed, …) that
// registers a Kind; an operator configures accounts of those kinds (REST API
// or a YAML file) and the Supervisor runs every enabled account, reconnecting
// with exponential backoff and jitter, honouring Retry-After, persisting each
// account's cursor and status, and sending malformed events to dead letters.
//
// Account credentials are sealed with AES-256-GCM under the key in
// SWITCHBOARD_SECRET_KEY before they reach the database; without a key,
// accounts that carry secrets are refused.
package channel
