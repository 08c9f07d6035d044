package bluesky

import (
	"hash/fnv"
	"time"
)

const tidAlphabet = "234567abcdefghijklmnopqrstuvwxyz"

// tidEpoch places reply record keys: a TID's timestamp is this instant plus
// the reply's id in microseconds.
var tidEpoch = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro()

// tidFor gives the record key of a reply: a valid TID (13 characters of
// base32-sortable) that is the same at every attempt.
func tidFor(replyID int64, did string) string {
	h := fnv.New32a()
	h.Write([]byte(did))
	return tid(tidEpoch+replyID, uint64(h.Sum32()&1023))
}

func tid(us int64, clock uint64) string {
	v := (uint64(us)&(1<<53-1))<<10 | clock&1023
	var out [13]byte
	for i := 12; i >= 0; i-- {
		out[i] = tidAlphabet[v&31]
		v >>= 5
	}
	return string(out[:])
}
