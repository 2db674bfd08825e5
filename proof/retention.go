package proof

import (
	"context"
	"time"
)

// RetentionCutoff is the moment before which records are deleted when they
// are kept months months: the same day of the month, months earlier (Go's
// AddDate normalises, so 31 March minus one month is 3 March).
func RetentionCutoff(now time.Time, months int) time.Time {
	return now.UTC().AddDate(0, -months, 0)
}

// RetentionInterval is how often Retain deletes expired records.
const RetentionInterval = time.Hour

// Retain deletes the records older than months months at once, then every
// interval, until ctx is done. months <= 0 keeps everything. report is told
// each deletion's count or error (the server logs them).
func Retain(ctx context.Context, s *Store, months int, interval time.Duration, now func() time.Time, report func(deleted int64, err error)) {
	if months <= 0 {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := s.DeleteReceivedBefore(ctx, RetentionCutoff(now(), months))
		if ctx.Err() != nil {
			return
		}
		report(n, err)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
