// Package training holds Switchboard's own labelled examples (README.md in
// this folder), embedded in the binary so a running server can retrain its
// routing model from them plus its agents' corrections.
package training

import "embed"

// Routing holds routing/en.jsonl and routing/fr.jsonl: one {"text", "label",
// "lang"} object a line, written for the project (CC0).
//
//go:embed routing/en.jsonl routing/fr.jsonl
var Routing embed.FS

// RoutingFiles names the files in Routing.
var RoutingFiles = []string{"routing/en.jsonl", "routing/fr.jsonl"}
