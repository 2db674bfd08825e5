package ratelimit

import (
	"sync"
	"time"
)

// Lockout counts failures (wrong operator tokens, forged or ended
// sessions) per client and locks a client out for a while once it has
// failed too often: while locked, every attempt is refused before it is
// checked, the right token included, so guessing costs time whatever the
// way in. Memory is bounded as the Limiter's is.
type Lockout struct {
	mu      sync.Mutex
	max     int
	window  time.Duration
	lock    time.Duration
	clients map[string]*failures
}

type failures struct {
	n      int
	first  time.Time // of the current window
	locked time.Time // locked until then
}

// NewLockout locks a client out for lock after max failures within window.
func NewLockout(max int, window, lock time.Duration) *Lockout {
	return &Lockout{max: max, window: window, lock: lock, clients: map[string]*failures{}}
}

// Wait is how long key stays locked out at now; 0 when it may try.
func (l *Lockout) Wait(key string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if f := l.clients[key]; f != nil && now.Before(f.locked) {
		return f.locked.Sub(now)
	}
	return 0
}

// Fail counts one failure of key at now; it returns true when this failure
// starts a lockout.
func (l *Lockout) Fail(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.clients) >= maxBuckets {
		l.sweep(now)
	}
	f := l.clients[key]
	if f == nil || now.Sub(f.first) >= l.window {
		f = &failures{first: now, locked: timeOr(f)}
		l.clients[key] = f
	}
	f.n++
	if f.n < l.max {
		return false
	}
	f.n, f.first, f.locked = 0, now, now.Add(l.lock)
	return true
}

func timeOr(f *failures) time.Time {
	if f == nil {
		return time.Time{}
	}
	return f.locked
}

// sweep forgets the clients neither locked nor inside their window; if
// that is not enough (very many clients failing at once), the unlocked
// ones are all forgotten, and never a locked one.
func (l *Lockout) sweep(now time.Time) {
	for k, f := range l.clients {
		if !now.Before(f.locked) && now.Sub(f.first) >= l.window {
			delete(l.clients, k)
		}
	}
	if len(l.clients) < maxBuckets {
		return
	}
	for k, f := range l.clients {
		if !now.Before(f.locked) {
			delete(l.clients, k)
		}
	}
}
