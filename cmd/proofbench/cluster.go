package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/opendata-portals/cookie-consent/proof"
)

// clusterOptions bound a cluster test: concurrency clients post through
// the proxy for phase before the kill, while one server is down, and
// after its restart.
type clusterOptions struct {
	concurrency int
	phase       time.Duration
}

// clusterResult is what a cluster test saw.
type clusterResult struct {
	Acknowledged int // answered 201 through the proxy
	Cut          int // answered 502 (the killed server's share): may or may not be stored
	Stored       int64
}

func (r clusterResult) String() string {
	return fmt.Sprintf("cluster postgres: 2 servers behind a round-robin proxy, one SIGKILLed under load and restarted; "+
		"%d choices acknowledged, all present exactly once; %d requests cut by the kill; %d records in the database; "+
		"an operator session opened on one server works on the other, a logout on one ends it on both",
		r.Acknowledged, r.Cut, r.Stored)
}

// runCluster runs two servers on one PostgreSQL database behind a
// round-robin proxy, the way a large portal runs it, and checks what the
// servers must share: a session opened on one works on the other; under
// load, one is SIGKILLed and restarted, and every choice acknowledged
// through the proxy is then found exactly once (and posting it again is a
// duplicate); a logout on one server ends the session on the other.
func runCluster(e *env, dsn string, o clusterOptions) (clusterResult, error) {
	var res clusterResult
	// Both start together: the migrations run under PostgreSQL's lock.
	servers := make([]*server, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range servers {
		wg.Add(1)
		go func() { defer wg.Done(); servers[i], errs[i] = e.start(dsn) }()
	}
	wg.Wait()
	defer func() {
		for _, s := range servers {
			if s != nil {
				s.kill()
			}
		}
	}()
	if err := errors.Join(errs...); err != nil {
		return res, err
	}
	rr, err := newRoundRobin(servers[0].URL, servers[1].URL)
	if err != nil {
		return res, err
	}
	defer rr.close()

	session, err := login(servers[0])
	if err != nil {
		return res, err
	}
	if err := sessionIs(servers[1], session, true); err != nil {
		return res, fmt.Errorf("a session opened on one server: %w", err)
	}

	load := startLoad(e, &server{URL: rr.URL}, o.concurrency)
	time.Sleep(o.phase)
	servers[1].kill()
	time.Sleep(o.phase)
	restarted, err := e.start(dsn)
	if err != nil {
		load.stop()
		return res, fmt.Errorf("restarting: %w", err)
	}
	servers[1] = restarted
	if err := rr.set(1, restarted.URL); err != nil {
		load.stop()
		return res, err
	}
	time.Sleep(o.phase)
	acked, cut, other := load.stop()
	res.Acknowledged, res.Cut = len(acked), cut
	if other > 0 {
		return res, fmt.Errorf("%d requests failed otherwise than by the kill (not 201, not 502)", other)
	}
	if len(acked) == 0 {
		return res, errors.New("no choice was acknowledged")
	}
	if err := verify(e, &server{URL: rr.URL}, acked); err != nil {
		return res, err
	}

	if err := sessionIs(servers[1], session, true); err != nil {
		return res, fmt.Errorf("the session on the restarted server: %w", err)
	}
	if err := logout(servers[1], session); err != nil {
		return res, err
	}
	if err := sessionIs(servers[0], session, false); err != nil {
		return res, fmt.Errorf("after a logout on the other server: %w", err)
	}

	for i, s := range servers {
		servers[i] = nil
		if err := s.stop(); err != nil {
			return res, err
		}
	}
	store, err := proof.Open(context.Background(), dsn)
	if err != nil {
		return res, err
	}
	defer store.Close()
	if res.Stored, err = store.Count(context.Background()); err != nil {
		return res, err
	}
	if res.Stored < int64(len(acked)) || res.Stored > int64(len(acked)+cut) {
		return res, fmt.Errorf("%d records stored for %d acknowledged and %d cut", res.Stored, len(acked), cut)
	}
	return res, nil
}

// loadRun is a load going on until stopped.
type loadRun struct {
	stopCh chan struct{}
	wg     sync.WaitGroup
	mu     sync.Mutex
	acked  []ack
	cut    int // 502 or no answer
	other  int
}

// startLoad posts new choices to s from concurrency clients until stop.
func startLoad(e *env, s *server, concurrency int) *loadRun {
	l := &loadRun{stopCh: make(chan struct{})}
	c := newClient(concurrency)
	for range concurrency {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for {
				select {
				case <-l.stopCh:
					return
				default:
				}
				id := newID()
				body := e.choice(id, time.Now().Unix(), false)
				code, err := post(c, s, body)
				l.mu.Lock()
				switch {
				case err == nil && code == http.StatusCreated:
					l.acked = append(l.acked, ack{id: id, body: body})
				case err != nil || code == http.StatusBadGateway:
					l.cut++
				default:
					l.other++
				}
				l.mu.Unlock()
			}
		}()
	}
	return l
}

func (l *loadRun) stop() (acked []ack, cut, other int) {
	close(l.stopCh)
	l.wg.Wait()
	return l.acked, l.cut, l.other
}

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// login opens an operator session on s with the login form and returns
// its cookie.
func login(s *server) (*http.Cookie, error) {
	req, err := http.NewRequest("POST", s.URL+"operator/login", strings.NewReader(url.Values{"token": {benchToken}}.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := noRedirect.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "cc_operator" && c.Value != "" {
			return c, nil
		}
	}
	return nil, fmt.Errorf("login: %s and no session cookie", resp.Status)
}

// sessionIs checks that the session opens the overview on s (want) or
// sends to the login form.
func sessionIs(s *server, session *http.Cookie, want bool) error {
	req, err := http.NewRequest("GET", s.URL+"operator/", nil)
	if err != nil {
		return err
	}
	req.AddCookie(session)
	resp, err := noRedirect.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	switch open := resp.StatusCode == http.StatusOK; {
	case open == want:
		return nil
	case want:
		return fmt.Errorf("the overview answered %s, want 200", resp.Status)
	default:
		return fmt.Errorf("the overview answered %s: the session is still open", resp.Status)
	}
}

// logout ends the session through s's logout form.
func logout(s *server, session *http.Cookie) error {
	req, err := http.NewRequest("POST", s.URL+"operator/logout", nil)
	if err != nil {
		return err
	}
	req.AddCookie(session)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := noRedirect.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("logout: %s", resp.Status)
	}
	return nil
}
