package ui

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// signinLimits slows password guessing: a token bucket per client address
// and one per account, so neither one address nor many can try an account
// quickly.
type signinLimits struct {
	mu        sync.Mutex
	ips       map[string]*entry
	accounts  map[string]*entry
	lastSweep time.Time
}

type entry struct {
	lim  *rate.Limiter
	seen time.Time
}

// Per address: 10 tries at once, then one every 6 s; per account: 5, then one every 20 s.
var (
	ipRate, ipBurst           = rate.Every(6 * time.Second), 10
	accountRate, accountBurst = rate.Every(20 * time.Second), 5
)

func newSigninLimits() *signinLimits {
	return &signinLimits{ips: map[string]*entry{}, accounts: map[string]*entry{}, lastSweep: time.Now()}
}

// allow takes one try from the address's and the account's buckets.
func (l *signinLimits) allow(ip, account string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	l.sweep(now)
	a := l.get(l.ips, ip, ipRate, ipBurst, now)
	b := l.get(l.accounts, strings.ToLower(account), accountRate, accountBurst, now)
	okA, okB := a.lim.AllowN(now, 1), b.lim.AllowN(now, 1)
	return okA && okB
}

func (l *signinLimits) get(m map[string]*entry, key string, r rate.Limit, burst int, now time.Time) *entry {
	e, ok := m[key]
	if !ok {
		e = &entry{lim: rate.NewLimiter(r, burst)}
		m[key] = e
	}
	e.seen = now
	return e
}

// sweep forgets buckets unused for an hour (they are full again by then).
func (l *signinLimits) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < time.Minute {
		return
	}
	l.lastSweep = now
	for _, m := range []map[string]*entry{l.ips, l.accounts} {
		for k, e := range m {
			if now.Sub(e.seen) > time.Hour {
				delete(m, k)
			}
		}
	}
}

// clientIP is the address the request came from (the connection's; a proxy
// in front should be trusted explicitly, not by default).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
