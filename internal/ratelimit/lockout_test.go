package ratelimit

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestLockout(t *testing.T) {
	l := NewLockout(3, time.Minute, 5*time.Minute)
	t0 := time.Unix(1000, 0)
	assert.Zero(t, l.Wait("a", t0))
	assert.False(t, l.Fail("a", t0))
	assert.False(t, l.Fail("a", t0.Add(time.Second)))
	assert.Zero(t, l.Wait("a", t0.Add(time.Second)), "two failures: not yet")
	assert.True(t, l.Fail("a", t0.Add(2*time.Second)), "the third starts the lockout")
	assert.Equal(t, 5*time.Minute, l.Wait("a", t0.Add(2*time.Second)))
	assert.Zero(t, l.Wait("b", t0.Add(2*time.Second)), "per client")
	assert.Zero(t, l.Wait("a", t0.Add(2*time.Second+5*time.Minute)), "over after lock")

	// Failures spread wider than the window never lock.
	for i := range 10 {
		assert.False(t, l.Fail("slow", t0.Add(time.Duration(i)*40*time.Second)), i)
	}
	// Failing during the lockout does not unlock it.
	assert.True(t, l.Fail("c", t0) || l.Fail("c", t0) || l.Fail("c", t0))
	l.Fail("c", t0.Add(4*time.Minute))
	assert.Equal(t, time.Minute, l.Wait("c", t0.Add(4*time.Minute)))
}

func TestLockoutMemoryKeepsTheLocked(t *testing.T) {
	l := NewLockout(1, time.Minute, time.Hour)
	t0 := time.Unix(1000, 0)
	assert.True(t, l.Fail("locked", t0))
	for i := range maxBuckets {
		l.Fail(fmt.Sprint(i), t0.Add(time.Second)) // each locks too (max 1)
	}
	l.clients = map[string]*failures{"locked": l.clients["locked"]}
	for i := range maxBuckets + 10 {
		l.clients[fmt.Sprint("u", i)] = &failures{n: 0, first: t0}
	}
	l.Fail("new", t0.Add(2*time.Second))
	assert.LessOrEqual(t, len(l.clients), 2)
	assert.NotZero(t, l.Wait("locked", t0.Add(2*time.Second)), "a locked client is never forgotten to make room")
}
