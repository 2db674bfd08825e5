//go:build !js

package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync/atomic"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/headless"
)

// Options are what an audit needs; Main fills them from flags.
type Options struct {
	// URLs are the pages to start from. Links found on them, on the same
	// origins, are followed up to Pages pages in all.
	URLs []string
	// Sitemap, a file or an http(s) URL, gives the pages instead of
	// following links (the URLs are audited too, first).
	Sitemap string
	// Pages is the most pages audited (20 when 0).
	Pages int
	// Concurrency is how many pages are audited at once (1 when 0: polite).
	Concurrency int
	// Timeout bounds the whole audit (no bound when 0); PageTimeout one
	// visitor's visit of one page (30 s when 0).
	Timeout, PageTimeout time.Duration
	// Settle is how long the network must stay quiet for a page to count
	// as settled (1 s when 0).
	Settle time.Duration
	// Config is the site's configuration (the built-in one when nil);
	// ConfigSource names it in the report.
	Config       *config.Config
	ConfigSource string
	// Allow lists hosts that pages may request before consent.
	Allow []string
	// Chromium is the browser to run ("" finds Debian's); Resolve is
	// Chromium's host-resolver-rules, to audit a staging server under the
	// portal's real host names.
	Chromium, Resolve string
	// Strict makes warnings fail the audit too.
	Strict bool
	// Lang is the language of the findings' messages: "fr" (default) or "en".
	Lang string
	// Progress receives a line per page done (nil: none).
	Progress io.Writer
}

func (o *Options) defaults() {
	if o.Pages <= 0 {
		o.Pages = 20
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 1
	}
	if o.PageTimeout <= 0 {
		o.PageTimeout = 30 * time.Second
	}
	if o.Settle <= 0 {
		o.Settle = time.Second
	}
	if o.Config == nil {
		o.Config = config.Default()
		o.ConfigSource = "built-in"
	}
	if o.Lang != "en" {
		o.Lang = "fr"
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
}

// ErrNoPages is returned when there is nothing to audit.
var ErrNoPages = errors.New("audit: no page to audit: give at least one URL or -sitemap")

// Run audits the pages and returns the report. It returns an error only
// when the audit cannot start (bad URL, no Chromium, unreadable sitemap);
// a page that fails is recorded in the report.
func Run(ctx context.Context, opts Options) (*Report, error) {
	opts.defaults()
	start, err := startPages(ctx, opts)
	if err != nil {
		return nil, err
	}
	browser, stop, err := startBrowser(opts)
	if err != nil {
		return nil, err
	}
	defer stop()
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}

	r := &Report{Schema: Schema, StartedAt: time.Now().UTC(), Lang: opts.Lang, Start: start, Allowed: append([]string{}, opts.Allow...), Complete: true, Strict: opts.Strict}
	r.Config = ConfigDigest{Source: opts.ConfigSource, Revision: opts.Config.Revision, LifetimeDays: opts.Config.LifetimeDays,
		RefusalLifetimeDays: int(opts.Config.RefusalLifetime().Hours() / 24)}
	c := &crawler{opts: opts, browser: browser, follow: opts.Sitemap == ""}
	r.Pages = c.crawl(ctx, start)
	for i, p := range r.Pages {
		if p.Error != "" && i < len(opts.URLs) {
			r.Complete, r.Incomplete = false, fmt.Sprintf("%s could not be audited: %s", p.URL, p.Error)
			break
		}
	}
	if ctx.Err() != nil {
		r.Complete, r.Incomplete = false, "stopped before the end: "+context.Cause(ctx).Error()
	}
	classify(r.Pages, Declarations(opts.Config))
	r.Findings = Judge(opts.Config, r.Pages, opts.Allow)
	for i := range r.Findings {
		r.Findings[i].Message = Message(r.Findings[i], opts.Lang)
	}
	r.summarize()
	r.FinishedAt = time.Now().UTC()
	return r, nil
}

// startPages checks the URLs and reads the sitemap.
func startPages(ctx context.Context, opts Options) ([]string, error) {
	raw := slices.Clone(opts.URLs)
	if opts.Sitemap != "" {
		urls, err := ReadSitemap(ctx, opts.Sitemap)
		if err != nil {
			return nil, fmt.Errorf("audit: %w", err)
		}
		raw = append(raw, urls...)
	}
	var out []string
	for _, u := range raw {
		p, err := normalizePage(u)
		if err != nil {
			return nil, fmt.Errorf("audit: %w", err)
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, ErrNoPages
	}
	return out, nil
}

// startBrowser runs one headless Chromium for the whole audit. Site
// isolation is off so that the requests of third-party frames reach the
// page's own session, where the audit listens.
func startBrowser(opts Options) (context.Context, func(), error) {
	chromium := opts.Chromium
	if chromium == "" {
		p, err := headless.Find()
		if err != nil {
			return nil, nil, fmt.Errorf("audit: %w; or pass -chromium PATH", err)
		}
		chromium = p
	}
	userData, err := os.MkdirTemp("", "cookie-consent-audit-")
	if err != nil {
		return nil, nil, err
	}
	extra := []chromedp.ExecAllocatorOption{chromedp.Flag("disable-site-isolation-trials", true)}
	if opts.Resolve != "" {
		extra = append(extra, chromedp.Flag("host-resolver-rules", opts.Resolve))
	}
	browser, stop, err := headless.StartPath(chromium, userData, extra...)
	if err != nil {
		_ = os.RemoveAll(userData)
		return nil, nil, fmt.Errorf("audit: %w (pass -chromium PATH to name another browser)", err)
	}
	return browser, func() { stop(); _ = os.RemoveAll(userData) }, nil
}

// crawler audits pages, following same-origin links when asked, a few at
// a time.
type crawler struct {
	opts    Options
	browser context.Context
	follow  bool
	// panelClaimed: one page's visitor is opening the preferences panel,
	// or has: the panel is checked once per audit.
	panelClaimed atomic.Bool
}

type pageDone struct {
	index int
	page  Page
	links []string
}

func (c *crawler) crawl(ctx context.Context, start []string) []Page {
	origins := map[string]bool{}
	for _, u := range start {
		origins[originOf(u)] = true
	}
	queue := slices.Clone(start)
	if len(queue) > c.opts.Pages {
		queue = queue[:c.opts.Pages]
	}
	seen := map[string]bool{}
	for _, u := range queue {
		seen[u] = true
	}
	var pages []pageDone
	results := make(chan pageDone)
	running, scheduled := 0, 0
	for {
		for running < c.opts.Concurrency && scheduled < len(queue) && ctx.Err() == nil {
			i, u := scheduled, queue[scheduled]
			scheduled++
			running++
			go func() { results <- c.auditPage(ctx, i, u) }()
		}
		if running == 0 {
			break
		}
		d := <-results
		running--
		pages = append(pages, d)
		if c.follow {
			if o, ok := d.page.Observation(NoChoice); ok && d.index < len(start) && o.finalURL != "" {
				// A starting URL that redirects (http to https, a bare
				// domain to www) names the site by where it lands.
				origins[originOf(o.finalURL)] = true
			}
			for _, l := range d.links {
				if p, ok := followable(l, origins); ok && !seen[p] && len(queue) < c.opts.Pages {
					seen[p] = true
					queue = append(queue, p)
				}
			}
		}
		status := "ok"
		if d.page.Error != "" {
			status = "failed: " + d.page.Error
		}
		fmt.Fprintf(c.opts.Progress, "audit: %d done, %d left, %d violations so far: %s %s\n",
			len(pages), len(queue)-len(pages), violationsSoFar(c.opts, pages), d.page.URL, status)
	}
	slices.SortFunc(pages, func(a, b pageDone) int { return a.index - b.index })
	out := make([]Page, len(pages))
	for i, p := range pages {
		out[i] = p.page
	}
	return out
}

// violationsSoFar is the progress line's running count: the violations of
// the pages done, merged as the report will merge them.
func violationsSoFar(opts Options, done []pageDone) int {
	pages := make([]Page, len(done))
	for i, d := range done {
		pages[i] = d.page
	}
	n := 0
	for _, f := range Judge(opts.Config, pages, opts.Allow) {
		if f.Severity == Violation {
			n++
		}
	}
	return n
}

// auditPage sends the three visitors, one after the other, each in its own
// browser context.
func (c *crawler) auditPage(ctx context.Context, index int, url string) pageDone {
	d := pageDone{index: index, page: Page{URL: url, Observations: []Observation{}}}
	for _, v := range Visitors() {
		if ctx.Err() != nil {
			d.page.Error = "not finished: " + context.Cause(ctx).Error()
			return d
		}
		panel := v == NoChoice && c.panelClaimed.CompareAndSwap(false, true)
		vctx, cancel := context.WithTimeout(ctx, c.opts.PageTimeout)
		res := (&visit{browser: c.browser, page: url, visitor: v, settle: c.opts.Settle, panel: panel}).run(vctx)
		cancel()
		if panel && (res.obs.Banner == nil || !res.obs.Banner.PanelChecked) {
			c.panelClaimed.Store(false) // no banner here: the next page will check
		}
		if res.loadFail != nil {
			d.page.Error = res.loadFail.Error()
			d.page.Observations = []Observation{}
			return d
		}
		d.page.Observations = append(d.page.Observations, res.obs)
		if v == NoChoice {
			d.links = res.links
		}
	}
	return d
}

// classify names the declared category of every cookie and storage key seen.
func classify(pages []Page, decls []Declaration) {
	for _, p := range pages {
		for _, o := range p.Observations {
			for i, c := range o.Cookies {
				if d, ok := Match(decls, c.Name); ok {
					o.Cookies[i].Category = d.Category
				}
			}
			for i, k := range o.Storage {
				if d, ok := Match(decls, k.Key); ok {
					o.Storage[i].Category = d.Category
				}
			}
		}
	}
}
