// Package influence keeps the interaction graph of each community (who
// replies to, mentions, reposts and quotes whom) and scores every person's
// influence in it from their reach, the engagement they receive and their
// weighted PageRank on that graph, decayed over time.
//
// The graph is held in compressed sparse rows (CSR) of float32 weights, so
// a million people and ten million edges fit in about 100 MB and one
// PageRank iteration runs in parallel over the cores. Scores are recomputed
// on a schedule and, between two full runs, warm-started from the previous
// ranks after new interactions arrive, which saves most iterations.
package influence
