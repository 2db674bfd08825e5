package main

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// loadOptions bound a load test: it stops after requests requests or
// duration, whichever comes first.
type loadOptions struct {
	requests    int
	concurrency int
	duration    time.Duration
}

// loadResult is what a load test measured.
type loadResult struct {
	Database   string
	Sent       int
	Created    int
	Failed     int
	Elapsed    time.Duration
	P50, P99   time.Duration
	Max        time.Duration
	Throughput float64 // recorded choices per second
}

func (r loadResult) String() string {
	return fmt.Sprintf("load %s: %d choices recorded (%d failed) by %d requests in %.2f s: %.0f/s, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms",
		r.Database, r.Created, r.Failed, r.Sent, r.Elapsed.Seconds(), r.Throughput, ms(r.P50), ms(r.P99), ms(r.Max))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// runLoad posts new choices (each a new consent id) from concurrency
// clients at once and measures each request, from sending to the end of
// the answer: a 201 means the choice is committed to disk.
func runLoad(e *env, s *server, o loadOptions) loadResult {
	c := newClient(o.concurrency)
	var next atomic.Int64
	var mu sync.Mutex
	var latencies []time.Duration
	created, failed := 0, 0
	deadline := time.Now().Add(o.duration)
	start := time.Now()
	var wg sync.WaitGroup
	for range o.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			ok, ko := 0, 0
			for next.Add(1) <= int64(o.requests) && time.Now().Before(deadline) {
				body := e.choice(newID(), time.Now().Unix(), next.Load()%3 == 0)
				t0 := time.Now()
				code, err := post(c, s, body)
				mine = append(mine, time.Since(t0))
				if err == nil && code == http.StatusCreated {
					ok++
				} else {
					ko++
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			created += ok
			failed += ko
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(latencies)
	r := loadResult{Sent: len(latencies), Created: created, Failed: failed, Elapsed: elapsed}
	if len(latencies) > 0 {
		r.P50 = percentile(latencies, 50)
		r.P99 = percentile(latencies, 99)
		r.Max = latencies[len(latencies)-1]
	}
	r.Throughput = float64(created) / elapsed.Seconds()
	return r
}

// percentile of sorted durations, nearest rank.
func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[max(i-1, 0)]
}
