package store

import "time"

// Times are stored as microseconds since the Unix epoch, the same in both
// dialects, sortable and exact.
func micro(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromMicro(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

func fromNullMicro(us *int64) time.Time {
	if us == nil {
		return time.Time{}
	}
	return fromMicro(*us)
}
