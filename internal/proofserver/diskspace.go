package proofserver

import (
	"path/filepath"
	"sync"
	"time"
)

// diskGuard tells the API when the SQLite file's disk is nearly full, so
// that choices are refused (507) while the operator can still act, rather
// than failing at random once the disk is full. It asks the file system
// at most every diskCheckInterval. On PostgreSQL the server cannot see the
// database's disk: PostgreSQL's own disk_full error is answered 507.
type diskGuard struct {
	dir     string
	minFree uint64
	free    func(dir string) (uint64, bool)
	now     func() time.Time

	mu      sync.Mutex
	checked time.Time
	full    bool
}

const diskCheckInterval = 5 * time.Second

// newDiskGuard watches the directory of the SQLite file; nil (never full)
// on PostgreSQL or when minFree is 0.
func newDiskGuard(file string, minFreeMB int, now func() time.Time) *diskGuard {
	if file == "" || minFreeMB <= 0 {
		return nil
	}
	return &diskGuard{dir: filepath.Dir(file), minFree: uint64(minFreeMB) << 20, free: freeBytes, now: now}
}

// Full reports whether the disk has less than minFree bytes available to
// the server. When the file system cannot say, it is not full.
func (g *diskGuard) Full() bool {
	if g == nil {
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	if now.Sub(g.checked) >= diskCheckInterval {
		free, ok := g.free(g.dir)
		g.full, g.checked = ok && free < g.minFree, now
	}
	return g.full
}
