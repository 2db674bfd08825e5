package ratelimit

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRateLimiterBucket(t *testing.T) {
	l := New(60, 3) // one a second, bursts of 3
	t0 := time.Unix(1000, 0)
	for i := range 3 {
		ok, _ := l.Allow("a", t0)
		assert.True(t, ok, "burst %d", i)
	}
	ok, wait := l.Allow("a", t0)
	assert.False(t, ok)
	assert.Equal(t, time.Second, wait)
	assert.Equal(t, "1", RetryAfter(wait))
	ok, _ = l.Allow("b", t0)
	assert.True(t, ok, "per client")
	ok, _ = l.Allow("a", t0.Add(500*time.Millisecond))
	assert.False(t, ok)
	ok, _ = l.Allow("a", t0.Add(1100*time.Millisecond))
	assert.True(t, ok, "refilled")
	ok, _ = l.Allow("a", t0.Add(time.Hour))
	assert.True(t, ok)

	var none *Limiter = New(0, 0)
	ok, _ = none.Allow("a", t0)
	assert.True(t, ok, "0 means no limit")
}

func TestRateLimiterForgetsIdleClients(t *testing.T) {
	l := New(60, 2)
	t0 := time.Unix(1000, 0)
	for i := range 1000 {
		l.Allow(fmt.Sprint(i), t0)
	}
	assert.Len(t, l.buckets, 1000)
	l.Allow("x", t0.Add(2*time.Minute))
	assert.Len(t, l.buckets, 1, "full buckets are swept")

	l.buckets = map[string]*bucket{}
	for i := range maxBuckets {
		l.buckets[fmt.Sprint(i)] = &bucket{tokens: 0, last: t0.Add(2 * time.Minute)}
	}
	ok, _ := l.Allow("new", t0.Add(2*time.Minute))
	assert.True(t, ok, "memory stays bounded, failing open")
	assert.Len(t, l.buckets, 1)
}

func TestClientKey(t *testing.T) {
	tests := []struct {
		remote, header, value, want string
	}{
		{"192.0.2.1:5000", "", "", "192.0.2.1"},
		{"[2001:db8:1:2:3:4:5:6]:5000", "", "", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:5000", "", "", "2001:db8:1:2::/64"},
		{"[::ffff:192.0.2.9]:5000", "", "", "192.0.2.9"},
		{"10.0.0.1:5000", "X-Forwarded-For", "203.0.113.5, 198.51.100.2", "198.51.100.2"},
		{"10.0.0.1:5000", "X-Real-IP", "203.0.113.5", "203.0.113.5"},
		{"10.0.0.1:5000", "X-Real-IP", "", "10.0.0.1"},
		{"10.0.0.1:5000", "", "203.0.113.5", "10.0.0.1"},
		{"10.0.0.1:5000", "X-Real-IP", "not an ip", "?not an ip"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.remote
		if tt.value != "" {
			h := tt.header
			if h == "" {
				h = "X-Forwarded-For"
			}
			r.Header.Set(h, tt.value)
		}
		assert.Equal(t, tt.want, ClientKey(r, tt.header), "%+v", tt)
	}
}
