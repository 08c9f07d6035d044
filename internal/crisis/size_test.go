package crisis

import (
	"testing"
	"unsafe"
)

// TestSeriesStateIsSmall guards the fixed per-series memory: a series
// fed by events must stay well under 2 KiB so that 100,000 fit in 200 MB.
func TestSeriesStateIsSmall(t *testing.T) {
	size := unsafe.Sizeof(tracked{})
	t.Logf("per-series state: %d bytes", size)
	if size > 2048 {
		t.Errorf("per-series state is %d bytes", size)
	}
}
