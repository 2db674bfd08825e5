//go:build !js

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// contender is one of the two banners measured, each on its own copy of the
// demo page.
type contender struct {
	name       string // "ours" or "reference"
	kind       string // the probe's name for it
	pageURL    string
	cookieName string
	// readyEvent is the event after which the banner answers clicks, ""
	// when it does from the moment it is visible (the reference).
	readyEvent string
	// refusal reports whether a stored cookie value refuses every optional
	// category: what one click on "Tout refuser" must store.
	refusal func(value string) bool
}

// loadSpec is what one measured load does.
type loadSpec struct {
	cpuRate float64 // 1 = no throttling
	// clickRefuse clicks "Tout refuser" the moment it can be clicked, and
	// checks that the refusal is stored within clickDeadline.
	clickRefuse bool
	// returning measures a second visit: the first one accepts all, then a
	// new tab of the same browser (same cookies, warm cache) loads the page.
	returning bool
	// emptyCache empties the HTTP cache between the two visits of a
	// returning visitor, keeping the cookie: a visitor back after the cache
	// expired or was evicted, or after a deploy changed the files.
	emptyCache bool
	// openPanel moves the pointer to "Personnaliser" (the reference: its
	// preferences button) the moment it can be clicked and clicks it, then
	// measures until the preferences panel is visible, then clicks its first
	// optional switch, again and again until the load settles (ours: until
	// its wasm has taken the panel over): the time to the switch toggled on
	// screen, and the interactions' latency while the wasm starts.
	openPanel bool
	// clickAccept clicks "Tout accepter" the moment it can be clicked: a
	// first visitor who chooses and never opens the panel.
	clickAccept bool
	// visit, when set, keeps the tab open that long from navigation start
	// before the bytes on the wire are counted: what a visitor who reads
	// the page costs, background downloads included.
	visit time.Duration
	// network, when set, is the network the page loads over.
	network *network.Conditions
	// trace, when set, is where the load's Chromium trace is written.
	trace string
}

// slowNetwork is a slow mobile network: 150 ms round trip, 1.6 Mbit/s
// down, 750 kbit/s up (throughputs in bytes per second).
var slowNetwork = &network.Conditions{Latency: 150, DownloadThroughput: 1.6e6 / 8, UploadThroughput: 750e3 / 8}

// The panel's switch is clicked, once on screen and until the load
// settles, as a visitor trying it does: switchBurst clicks switchInterval
// apart, then a pause of switchPause, and again. Ours starts its wasm when
// the visitor pauses: its start then meets the next burst.
const (
	switchInterval = 200 * time.Millisecond
	switchBurst    = 3
	switchPause    = 600 * time.Millisecond
)

// clickDeadline is how long a click has to store the choice.
const clickDeadline = 5 * time.Second

// quiet is how long a load keeps being measured after it settled, at full
// CPU speed; it grows with the throttling rate.
const quiet = 500 * time.Millisecond

// sample is what one load measured. Times are ms from navigation start.
type sample struct {
	probe    probeMessage
	taskMs   float64 // main-thread busy time (Performance TaskDuration)
	scriptMs float64 // of which script (ScriptDuration)
	jsHeap   float64 // bytes (JSHeapUsedSize)
	bytes    map[assetKind]float64
	requests int
	// The click at first sight (clickRefuse and openPanel).
	clicked bool
	refused bool // the refusal was stored within clickDeadline
	// Opening the panel (openPanel only): the main thread's busy time from
	// just before the pointer moved to the button until bench learnt that
	// the panel was visible (missing if it never was), and the bytes of the
	// requests made after the pointer moved.
	panel       bool
	panelTaskMs float64
	panelBytes  map[assetKind]float64
}

// measureLoad runs one load in a new browser context (its own empty cache
// and cookie jar), in a tab of its own: the context's first tab stays
// blank, and a returning visitor's first visit happens in another tab,
// closed before the measured one opens, so that no other page of ours runs
// meanwhile.
func measureLoad(browser context.Context, c *contender, spec loadSpec) (sample, error) {
	bctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	timeout := time.Duration(60*spec.cpuRate) * time.Second
	bctx, cancelTimeout := context.WithTimeout(bctx, timeout)
	defer cancelTimeout()
	if err := chromedp.Do(bctx); err != nil { // the browser context and its blank tab
		return sample{}, err
	}
	if spec.returning {
		if err := firstVisitAcceptAll(bctx, c); err != nil {
			return sample{}, fmt.Errorf("first visit before the return: %w", err)
		}
		if spec.emptyCache {
			if _, err := chromedp.Call(bctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
				return sample{}, err
			}
		}
	}
	ctx, cancelTab := chromedp.NewContext(bctx) // a new tab, same browser context
	defer cancelTab()
	t, err := openTab(ctx)
	if err != nil {
		return sample{}, err
	}
	if spec.trace != "" {
		rec, err := startTrace(ctx)
		if err != nil {
			return sample{}, err
		}
		defer func() {
			if err := rec.stop(ctx, spec.trace); err != nil {
				fmt.Fprintln(os.Stderr, "bench:", err)
			}
		}()
	}
	cfg := c.probeConfig(spec)
	if spec.network != nil {
		if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{spec.network},
		}); err != nil {
			return sample{}, err
		}
	}
	navigated := time.Now()
	before, err := t.start(c.pageURL, cfg, spec.cpuRate)
	if err != nil {
		return sample{}, err
	}
	s := sample{panel: spec.openPanel, panelTaskMs: missing}
	var clickedAt time.Time
	var beforeClick map[string]float64 // the metrics just before the pointer moved
	firstRequest := 0                  // the first request made after that
	var toggle []float64               // where the panel's switch is, once on screen
	switchClicks := 0
	for {
		m, err := t.next(cfg)
		if toggle != nil && errors.Is(err, errNoMessageYet) {
			if err := t.click(toggle[0], toggle[1]); err != nil {
				return sample{}, fmt.Errorf("clicking the panel's switch: %w", err)
			}
			switchClicks++
			t.every = switchInterval
			if switchClicks%switchBurst == 0 {
				t.every = switchPause
			}
			continue
		}
		if err != nil {
			return sample{}, err
		}
		switch {
		case m.Type == "clickable" && spec.clickAccept && clickedAt.IsZero():
			if err := t.click(m.X, m.Y); err != nil {
				return sample{}, fmt.Errorf("clicking accept-all: %w", err)
			}
			clickedAt = time.Now()
		case m.Type == "switch" && spec.openPanel && toggle == nil:
			toggle = []float64{m.X, m.Y}
			t.every = switchInterval // t.next now returns errNoMessageYet between clicks
			if err := t.click(m.X, m.Y); err != nil {
				return sample{}, fmt.Errorf("clicking the panel's switch: %w", err)
			}
			switchClicks++
		case m.Type == "clickable" && spec.clickRefuse && !s.clicked:
			if err := t.click(m.X, m.Y); err != nil {
				return sample{}, fmt.Errorf("clicking refuse-all: %w", err)
			}
			s.clicked, clickedAt = true, time.Now()
		case m.Type == "clickable" && spec.openPanel && !s.clicked:
			if beforeClick, err = t.metrics(); err != nil {
				return sample{}, err
			}
			firstRequest = t.requestCount()
			if err := t.moveAndClick(m.X, m.Y); err != nil {
				return sample{}, fmt.Errorf("clicking customize: %w", err)
			}
			s.clicked = true
		case m.Type == "panel" && beforeClick != nil:
			shown, err := t.metrics()
			if err != nil {
				return sample{}, err
			}
			s.panelTaskMs = (shown["TaskDuration"] - beforeClick["TaskDuration"]) * 1000
		}
		if m.Type == "settled" {
			s.probe = m
			break
		}
	}
	if spec.visit > 0 {
		time.Sleep(time.Until(navigated.Add(spec.visit)))
	}
	after, err := t.metrics()
	if err != nil {
		return sample{}, err
	}
	s.taskMs = (after["TaskDuration"] - before["TaskDuration"]) * 1000
	s.scriptMs = (after["ScriptDuration"] - before["ScriptDuration"]) * 1000
	s.jsHeap = after["JSHeapUsedSize"]
	s.bytes, s.requests = t.wire(0)
	if spec.openPanel && s.clicked {
		s.panelBytes, _ = t.wire(firstRequest)
	}
	if s.clicked {
		v, err := t.waitCookie(c.pageURL, c.cookieName, clickedAt.Add(clickDeadline))
		if err != nil {
			return sample{}, err
		}
		s.refused = v != "" && c.refusal(v)
	}
	return s, nil
}

// probeConfig is the probe's configuration for a load of this banner.
func (c *contender) probeConfig(spec loadSpec) probeConfig {
	expect, button := "banner", "refuse-all"
	switch {
	case spec.returning:
		expect = "choice"
	case spec.openPanel:
		expect, button = "panel", "customize"
	case spec.clickAccept:
		button = "accept-all"
	}
	return probeConfig{
		Binding:         bindingName,
		Kind:            c.kind,
		Button:          button,
		ReportClickable: spec.clickRefuse || spec.openPanel || spec.clickAccept,
		Expect:          expect,
		ReadyEvent:      c.readyEvent,
		CookieName:      c.cookieName,
		QuietMs:         float64(quiet.Milliseconds()) * spec.cpuRate,
		TimeoutMs:       20000 * spec.cpuRate,
	}
}

// firstVisitAcceptAll is a visitor's first visit, in a tab of the browser
// context that it closes at the end: the banner shows, they click "Tout
// accepter" once it is interactive, the cookie is stored, and the page's
// files are in the HTTP cache.
func firstVisitAcceptAll(bctx context.Context, c *contender) error {
	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	t, err := openTab(ctx)
	if err != nil {
		return err
	}
	cfg := c.probeConfig(loadSpec{cpuRate: 1})
	cfg.Button, cfg.ReportClickable = "accept-all", true
	if _, err := t.start(c.pageURL, cfg, 1); err != nil {
		return err
	}
	var x, y float64
	for {
		m, err := t.next(cfg)
		if err != nil {
			return err
		}
		if m.Type == "clickable" {
			x, y = m.X, m.Y
		}
		if m.Type == "settled" {
			break
		}
	}
	if err := t.click(x, y); err != nil {
		return err
	}
	v, err := t.waitCookie(c.pageURL, c.cookieName, time.Now().Add(clickDeadline))
	if err != nil {
		return err
	}
	if v == "" {
		return fmt.Errorf("clicking accept-all stored no %s cookie", c.cookieName)
	}
	time.Sleep(300 * time.Millisecond) // let the cache entries be written
	return nil
}

// tab is one browser tab under measurement: the probe's messages and the
// network's requests, collected from DevTools events.
type tab struct {
	ctx  context.Context
	msgs chan probeMessage
	// every, when set, is how long next waits before it returns
	// errNoMessageYet, for Go to act between the probe's messages.
	every time.Duration

	mu   sync.Mutex
	reqs map[network.RequestID]*request
}

// request is one network request of the page.
type request struct {
	seq      int // the order it was made in, from 0
	url      string
	typ      network.ResourceType
	bytes    float64 // on the wire: headers and body as received (0 from cache)
	finished bool
}

// openTab opens the context's tab and starts collecting its events.
func openTab(ctx context.Context) (*tab, error) {
	t := &tab{ctx: ctx, msgs: make(chan probeMessage, 16), reqs: map[network.RequestID]*request{}}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventBindingCalled:
			var m probeMessage
			if ev.Name == bindingName && json.Unmarshal([]byte(ev.Payload), &m) == nil {
				select {
				case t.msgs <- m:
				default: // the probe sends two or three messages per load
				}
			}
		case *network.EventRequestWillBeSent:
			t.mu.Lock()
			if r := t.reqs[ev.RequestID]; r != nil { // a redirect: same id, new URL
				r.url, r.typ = ev.Request.URL, ev.Type
			} else {
				t.reqs[ev.RequestID] = &request{seq: len(t.reqs), url: ev.Request.URL, typ: ev.Type}
			}
			t.mu.Unlock()
		case *network.EventLoadingFinished:
			t.mu.Lock()
			if r := t.reqs[ev.RequestID]; r != nil {
				r.bytes, r.finished = ev.EncodedDataLength, true
			}
			t.mu.Unlock()
		}
	})
	return t, err
}

// start installs the probe, enables the metrics, throttles the CPU and
// navigates. It returns the metrics just before the navigation.
func (t *tab) start(url string, cfg probeConfig, cpuRate float64) (map[string]float64, error) {
	src, err := cfg.script()
	if err != nil {
		return nil, err
	}
	// chromedp enables the Network domain with Chromium's default buffers,
	// and DevTools then keeps a copy of every body that fetch() receives in
	// the page's main thread: 8 MB of our wasm, in tasks of 20 to 50 ms on
	// a 4x slowed CPU, that no visitor without DevTools pays. The events
	// that count bytes stay; the copies go.
	none := int64(0)
	if _, err := chromedp.Call(t.ctx, network.Enable, network.EnableParams{MaxTotalBufferSize: &none, MaxResourceBufferSize: &none}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(t.ctx, runtime.AddBinding, runtime.AddBindingParams{Name: bindingName}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(t.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(t.ctx, performance.Enable, performance.EnableParams{}); err != nil {
		return nil, err
	}
	if cpuRate != 1 {
		if _, err := chromedp.Call(t.ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: cpuRate}); err != nil {
			return nil, err
		}
	}
	before, err := t.metrics()
	if err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(t.ctx, page.Navigate, page.NavigateParams{URL: url}); err != nil {
		return nil, err
	}
	return before, nil
}

// next waits for the probe's next message, a little longer than the probe
// itself waits before reporting what it has.
func (t *tab) next(cfg probeConfig) (probeMessage, error) {
	wait := time.Duration(cfg.TimeoutMs)*time.Millisecond + 10*time.Second
	var tick <-chan time.Time
	if t.every > 0 {
		tick = time.After(t.every)
	}
	select {
	case m := <-t.msgs:
		return m, nil
	case <-tick:
		return probeMessage{}, errNoMessageYet
	case <-time.After(wait):
		return probeMessage{}, errors.New("the probe did not report (is the page loading?)")
	case <-t.ctx.Done():
		return probeMessage{}, t.ctx.Err()
	}
}

// errNoMessageYet: tab.every went by without a message from the probe.
var errNoMessageYet = errors.New("no message yet")

// metrics is Performance.getMetrics as a map.
func (t *tab) metrics() (map[string]float64, error) {
	res, err := chromedp.Call(t.ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		return nil, err
	}
	m := map[string]float64{}
	for _, x := range res.Metrics {
		m[x.Name] = x.Value
	}
	return m, nil
}

// click is a real left click, pressed and released, at viewport
// coordinates: the page gets trusted mouse events, as from a visitor.
func (t *tab) click(x, y float64) error {
	p := input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMousePressed, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1}
	if _, err := chromedp.Call(t.ctx, input.DispatchMouseEvent, p); err != nil {
		return err
	}
	p.Type, p.Buttons = input.DispatchMouseEventTypeMouseReleased, 0
	_, err := chromedp.Call(t.ctx, input.DispatchMouseEvent, p)
	return err
}

// moveAndClick moves the pointer to viewport coordinates, as a visitor's
// hand does before a click (the page sees pointerover and mouseenter, which
// may start loading what the click will need), then clicks there at once:
// no pause for the page to use.
func (t *tab) moveAndClick(x, y float64) error {
	p := input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseMoved, X: x, Y: y}
	if _, err := chromedp.Call(t.ctx, input.DispatchMouseEvent, p); err != nil {
		return err
	}
	return t.click(x, y)
}

// waitCookie returns the cookie's value once the browser has it, or "" at
// the deadline.
func (t *tab) waitCookie(url, name string, deadline time.Time) (string, error) {
	for {
		res, err := chromedp.Call(t.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{url}})
		if err != nil {
			return "", err
		}
		for _, c := range res.Cookies {
			if c.Name == name {
				return c.Value, nil
			}
		}
		if time.Now().After(deadline) {
			return "", nil
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// requestCount is how many requests the page has made so far: wire's from
// for those made after now.
func (t *tab) requestCount() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.reqs)
}

// wire sums the bytes received per kind of asset, and counts the requests,
// of the finished requests made from the from-th on (0: all).
func (t *tab) wire(from int) (map[assetKind]float64, int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	bytes := map[assetKind]float64{}
	n := 0
	for _, r := range t.reqs {
		if !r.finished || r.seq < from {
			continue
		}
		bytes[classify(r.url, string(r.typ))] += r.bytes
		n++
	}
	return bytes, n
}
