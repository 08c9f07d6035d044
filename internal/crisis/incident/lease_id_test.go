package incident_test

import (
	"testing"
	"time"
)

// TestLeaseSameNameTwoProcesses: two processes that happen to have the same
// name (the same host name and process id, as replicas of one container
// image with a fixed host name) still never lead at the same time.
func TestLeaseSameNameTwoProcesses(t *testing.T) {
	bus := openLeaseBus(t)
	l := &leader{leading: map[string]int{}}
	stopA := runNamedLease(t, bus, "switchboard-1", "a", l)
	defer stopA()
	l.waitFor(t, "a", 2*time.Second)
	stopB := runNamedLease(t, bus, "switchboard-1", "b", l)
	defer stopB()
	for t0 := time.Now(); time.Since(t0) < 2*testTTL; time.Sleep(5 * time.Millisecond) {
		if got := l.now(); len(got) > 1 {
			t.Fatalf("leaders %v at once", got)
		}
	}
	if got := l.now(); len(got) != 1 || got[0] != "a" {
		t.Errorf("leaders %v, want a alone (it renews)", got)
	}
}
