package proofserver

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestDiskGuard(t *testing.T) {
	now := time.Unix(1000, 0)
	free, ok := uint64(600<<20), true
	g := newDiskGuard("/var/lib/consent/proof.db", 512, func() time.Time { return now })
	g.free = func(dir string) (uint64, bool) {
		assert.Equal(t, "/var/lib/consent", dir)
		return free, ok
	}
	assert.False(t, g.Full())
	free = 100 << 20
	assert.False(t, g.Full(), "asked again only after diskCheckInterval")
	now = now.Add(diskCheckInterval)
	assert.True(t, g.Full())
	ok = false
	now = now.Add(diskCheckInterval)
	assert.False(t, g.Full(), "a file system that cannot say is not full")

	assert.Nil(t, newDiskGuard("", 512, time.Now), "PostgreSQL: the server cannot see its disk")
	assert.Nil(t, newDiskGuard("p.db", 0, time.Now), "0 turns the check off")
	var none *diskGuard
	assert.False(t, none.Full())

	real, ok := freeBytes(t.TempDir())
	assert.True(t, ok)
	assert.Positive(t, real)
}
