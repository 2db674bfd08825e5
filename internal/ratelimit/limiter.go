// Package ratelimit bounds how often one client may call the server: a token
// bucket per client, in memory.
package ratelimit

import (
	"math"
	"strconv"
	"sync"
	"time"
)

// Limiter is a token bucket per client, in memory only: a client may
// make burst requests at once, then one every 1/rate seconds. Clients are
// told apart by IP address (an IPv6 address by its /64, which one machine
// usually owns whole); the addresses are never stored anywhere else and are
// forgotten once their bucket is full again.
type Limiter struct {
	mu        sync.Mutex
	perSecond float64
	burst     float64
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// maxBuckets bounds the limiter's memory. Past it, full buckets are
// dropped; if every bucket is in use (an attack from very many addresses),
// all are dropped: the limiter then lets requests through rather than
// refusing everyone.
const maxBuckets = 100_000

// New allows perMinute requests a minute per client, in bursts
// of up to burst. perMinute <= 0 means no limit (nil limiter).
func New(perMinute, burst int) *Limiter {
	if perMinute <= 0 {
		return nil
	}
	return &Limiter{perSecond: float64(perMinute) / 60, burst: float64(max(burst, 1)), buckets: map[string]*bucket{}}
}

// Allow takes a token from key's bucket. When there is none it returns
// false and how long until there is one (for Retry-After).
func (l *Limiter) Allow(key string, now time.Time) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) > time.Minute || len(l.buckets) >= maxBuckets {
		l.sweep(now)
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(l.burst, b.tokens+elapsed*l.perSecond)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.perSecond * float64(time.Second))
	return false, wait
}

// sweep forgets the clients whose bucket has refilled.
func (l *Limiter) sweep(now time.Time) {
	l.lastSweep = now
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.perSecond >= l.burst {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) >= maxBuckets {
		clear(l.buckets)
	}
}

// RetryAfter is the Retry-After value for a wait: whole seconds, at least 1.
func RetryAfter(wait time.Duration) string {
	s := int(math.Ceil(wait.Seconds()))
	return strconv.Itoa(max(s, 1))
}
