//go:build !unix

package app

// lockDir does not lock where flock is missing; one process per data directory is the rule.
func lockDir(string) (func(), error) { return func() {}, nil }
