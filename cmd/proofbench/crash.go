package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/opendata-portals/cookie-consent/proof"
)

// crashOptions bound a crash test: rounds times, concurrency clients post
// for killAfter, then the server is killed with SIGKILL.
type crashOptions struct {
	rounds      int
	concurrency int
	killAfter   time.Duration
}

// crashResult is what a crash test saw.
type crashResult struct {
	Database     string
	Rounds       int
	Acknowledged int // answered 201 before the kill
	Unanswered   int // sent, no answer (cut by the kill): may or may not be stored
	Stored       int64
}

func (r crashResult) String() string {
	return fmt.Sprintf("crash %s: %d SIGKILLs under load; %d choices acknowledged, all present exactly once after restart; "+
		"%d requests cut by the kill; %d records in the database; integrity check ok",
		r.Database, r.Rounds, r.Acknowledged, r.Unanswered, r.Stored)
}

// runCrash kills the server in the middle of a load, rounds times. After
// each restart every acknowledged choice must be there exactly once (the
// operator look-up finds one record for its id), posting it again must be
// answered "duplicate", and at the end the database must pass its
// integrity check.
func runCrash(e *env, db string, o crashOptions) (crashResult, error) {
	res := crashResult{Rounds: o.rounds}
	var acked []ack
	for round := range o.rounds {
		s, err := e.start(db)
		if err != nil {
			return res, fmt.Errorf("round %d: %w", round+1, err)
		}
		if err := verify(e, s, acked); err != nil {
			s.kill()
			return res, fmt.Errorf("after restart %d: %w", round, err)
		}
		got, cut := loadUntilKilled(e, s, o)
		acked = append(acked, got...)
		res.Unanswered += cut
		if len(got) == 0 {
			return res, fmt.Errorf("round %d: no choice was acknowledged before the kill: %s", round+1, s.stderr.String())
		}
		if err := check(db); err != nil {
			return res, fmt.Errorf("after kill %d: %w", round+1, err)
		}
	}
	s, err := e.start(db)
	if err != nil {
		return res, fmt.Errorf("last restart: %w", err)
	}
	err = verify(e, s, acked)
	if stopErr := s.stop(); err == nil {
		err = stopErr
	}
	if err != nil {
		return res, err
	}
	res.Acknowledged = len(acked)

	if err := check(db); err != nil {
		return res, err
	}
	store, err := proof.Open(context.Background(), db)
	if err != nil {
		return res, fmt.Errorf("reopening the database: %w", err)
	}
	defer store.Close()
	res.Stored, err = store.Count(context.Background())
	if err != nil {
		return res, err
	}
	if res.Stored < int64(len(acked)) || res.Stored > int64(len(acked)+res.Unanswered) {
		return res, fmt.Errorf("%d records stored for %d acknowledged and %d unanswered", res.Stored, len(acked), res.Unanswered)
	}
	return res, nil
}

// ack is a choice the server answered 201.
type ack struct {
	id   string
	body []byte
}

// loadUntilKilled posts new choices from o.concurrency clients and kills the
// server after o.killAfter, while requests are in flight. It returns the
// acknowledged choices and how many requests got no answer.
func loadUntilKilled(e *env, s *server, o crashOptions) (acked []ack, cut int) {
	c := newClient(o.concurrency)
	stop := make(chan struct{})
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range o.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				id := newID()
				body := e.choice(id, time.Now().Unix(), false)
				code, err := post(c, s, body)
				mu.Lock()
				switch {
				case err == nil && code == http.StatusCreated:
					acked = append(acked, ack{id: id, body: body})
				case err != nil:
					cut++
				}
				mu.Unlock()
				if err != nil {
					return // the server is gone
				}
			}
		}()
	}
	time.Sleep(o.killAfter)
	s.kill()
	close(stop)
	wg.Wait()
	return acked, cut
}

// verify checks every acknowledged choice on a running server: one record
// for its id, and posting it again stores nothing new.
func verify(e *env, s *server, acked []ack) error {
	c := newClient(8)
	var mu sync.Mutex
	var errs []error
	work := make(chan ack)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range work {
				n, err := lookup(c, s, a.id)
				if err == nil && n != 1 {
					err = fmt.Errorf("consent %s: %d records, want exactly 1", a.id, n)
				}
				if err == nil {
					var code int
					code, err = post(c, s, a.body)
					if err == nil && code != http.StatusOK {
						err = fmt.Errorf("consent %s posted again: %d, want 200 (duplicate)", a.id, code)
					}
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, a := range acked {
		work <- a
	}
	close(work)
	wg.Wait()
	if len(errs) > 5 {
		errs = append(errs[:5], fmt.Errorf("... and %d more", len(errs)-5))
	}
	return errors.Join(errs...)
}

// check opens the database as the server left it and runs its integrity
// check (SQLite's integrity_check reads every page).
func check(db string) error {
	store, err := proof.Open(context.Background(), db)
	if err != nil {
		return fmt.Errorf("opening the database: %w", err)
	}
	defer store.Close()
	return store.Check(context.Background())
}
