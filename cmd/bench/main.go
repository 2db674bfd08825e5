//go:build !js

// Command bench measures our banner against vanilla-cookieconsent (the
// reference) on the demo portal page, in headless Chromium driven through
// the DevTools protocol: time to the banner visible and interactive,
// main-thread work and long tasks, bytes on the wire per asset, wasm and JS
// memory, on a first visit (cold cache, then with the CPU slowed 4x), on a
// returning visit, whether a click on "Tout refuser" made the moment it can
// be clicked is kept, and what opening the preferences panel costs (ours
// loads its wasm only then). Both pages are served from loopback: ours by
// the real dist/cookie-consent, the reference by this program. Everything stays on
// the machine.
//
//	go run ./cmd/bench [-n 7] [-scenarios cold,cpu4,return,return-nocache,click,click-cpu4,panel,panel-cpu4] [-out docs/bench.md] [-readme README.md]
//
// ./build.sh bench builds dist/ and runs it.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	goruntime "runtime"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
	"github.com/opendata-portals/cookie-consent/internal/distserver"
)

func main() {
	if _, err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// run runs the benchmark as the command line says, prints the report to
// stdout and progress to log, and returns what it measured.
func run(args []string, stdout, log io.Writer) (*document, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	n := fs.Int("n", envInt("BENCH_N", 7), "loads per scenario and banner (env BENCH_N)")
	pick := fs.String("scenarios", "all", "comma-separated scenarios: cold, cpu4, return, return-nocache, click, click-cpu4, panel, panel-cpu4")
	dist := fs.String("dist", "dist", "what ./build.sh build produced")
	demo := fs.String("demo", "web/demo", "the demo page's directory (the reference page is made from it)")
	pkg := fs.String("ref", "node_modules/vanilla-cookieconsent", "the reference's npm package directory")
	out := fs.String("out", "", "also write the report to this file (e.g. docs/bench.md)")
	readme := fs.String("readme", "", "also put the report between the bench markers of this file (e.g. README.md)")
	traces := fs.String("trace", "", "also write each load's Chromium trace in this directory (scenario-banner-round.json), for DevTools' Performance panel")
	fs.SetOutput(log)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if *n < 1 {
		return nil, fmt.Errorf("-n must be at least 1")
	}
	picked, err := pickScenarios(*pick)
	if err != nil {
		return nil, err
	}

	ourURL, stopOurs, err := distserver.Start(*dist)
	if err != nil {
		return nil, err
	}
	defer stopOurs()
	cfg, loader, err := fetchOurs(ourURL)
	if err != nil {
		return nil, err
	}
	ref, err := loadReference(*demo, *pkg, cfg)
	if err != nil {
		return nil, err
	}
	refURL, stopRef, err := startRefServer(ref.files)
	if err != nil {
		return nil, err
	}
	defer stopRef()
	sz, err := measureSizes(*dist, loader, ref)
	if err != nil {
		return nil, err
	}

	userData, err := os.MkdirTemp("", "cookie-consent-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(userData)
	ctx, stopBrowser, err := startBrowser(userData)
	if err != nil {
		return nil, err
	}
	defer stopBrowser()
	version, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		return nil, err
	}

	ours, reference := ourContender(ourURL+"/", cfg), refContender(refURL+"/", cfg)
	doc := &document{
		when:       time.Now(),
		machine:    machine(),
		browser:    "headless " + strings.Replace(version.Product, "/", " ", 1),
		goVersion:  goruntime.Version(),
		refVersion: ref.version,
		n:          *n,
		picked:     picked,
		notes:      ref.notes,
	}
	doc.notes = append(doc.notes,
		"ours: \"interactive\" is when the first layer is visible and the loader's `"+readyEvent+"` event has fired: the loader answers \"Tout accepter\" and \"Tout refuser\" itself, without the wasm.",
		"reference: \"interactive\" is \"visible\": its buttons work as soon as they are in the page.",
		"panel: the pointer moves to the button and clicks at once, the moment the button can be clicked, with no pause for either banner to prepare. Then the panel's first optional switch is clicked as a visitor trying it does: three clicks 200 ms apart, a pause of 600 ms, and again, until the load settles (ours: until its wasm has taken the panel over; it starts the Go program when the visitor pauses, so its start meets the next clicks). \"click on a switch → switch toggled\" is the first click; \"interaction to next paint\" is the slowest of them all (Event Timing: from the input to the next paint).",
		"bytes: the visits marked \"30 s on the page\" keep the tab open 30 s from navigation start before counting every byte received, background downloads included; \"banner\" counts everything the consent server sends (JS, CSS, wasm, JSON: the whole configuration and the proof of consent's answers).",
	)

	fmt.Fprintf(log, "bench: ours %s, reference %s, %d loads per scenario and banner\n", ourURL, refURL, *n)
	doc.res = runAll(ctx, picked, [2]*contender{ours, reference}, *n, *traces, log)
	doc.notes = append(doc.notes, doc.wasmNote())
	doc.sizes = sz

	report := doc.markdown()
	fmt.Fprint(stdout, report)
	if *out != "" {
		full := "# Benchmark: our banner against vanilla-cookieconsent\n\nWritten by `./build.sh bench` (see the README's Performance section).\n\n" + report
		if err := os.WriteFile(*out, []byte(full), 0o644); err != nil {
			return nil, err
		}
	}
	if *readme != "" {
		old, err := os.ReadFile(*readme)
		if err != nil {
			return nil, err
		}
		updated, err := replaceBlock(string(old), readmeBegin, readmeEnd, report)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", *readme, err)
		}
		if err := os.WriteFile(*readme, []byte(updated), 0o644); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// fetchOurs reads the running server's effective configuration and its
// loader as served (identity encoding): the reference gets the same
// configuration, and the loader is sized and checked for the ready event,
// without which bench cannot tell when its first layer answers clicks.
func fetchOurs(base string) (*config.Config, []byte, error) {
	get := func(path string) ([]byte, error) {
		res, err := http.Get(base + path)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("GET %s: %s", path, res.Status)
		}
		return io.ReadAll(res.Body)
	}
	raw, err := get("/config.json")
	if err != nil {
		return nil, nil, err
	}
	cfg, err := config.Parse(raw)
	if err != nil {
		return nil, nil, fmt.Errorf("the server's /config.json: %w", err)
	}
	loader, err := get("/consent.js")
	if err != nil {
		return nil, nil, err
	}
	if !strings.Contains(string(loader), readyEvent) {
		return nil, nil, fmt.Errorf("the loader dispatches no %s event: bench cannot tell when its first layer answers clicks", readyEvent)
	}
	return cfg, loader, nil
}

// ourContender is our banner on the server's demo page. It answers clicks
// once visible and the loader's ready event has fired.
func ourContender(pageURL string, cfg *config.Config) *contender {
	c := &contender{name: "ours", kind: "ours", pageURL: pageURL, cookieName: consent.CookieName, readyEvent: readyEvent}
	rules := cfg.Rules()
	c.refusal = func(value string) bool {
		choice, err := consent.Decode(value)
		if err != nil || choice.Check(rules, time.Now()) != nil {
			return false
		}
		for _, cat := range cfg.Categories {
			if choice.Accepted(cat.ID) != cat.Required {
				return false
			}
		}
		return true
	}
	return c
}

// refContender is the reference on its page. Its cookie is JSON (URL-encoded)
// with the accepted category ids in "categories".
func refContender(pageURL string, cfg *config.Config) *contender {
	c := &contender{name: "reference", kind: "reference", pageURL: pageURL, cookieName: refCookieName}
	c.refusal = func(value string) bool {
		if v, err := url.QueryUnescape(value); err == nil {
			value = v
		}
		var stored struct {
			Categories []string `json:"categories"`
		}
		if json.Unmarshal([]byte(value), &stored) != nil {
			return false
		}
		var required []string
		for _, cat := range cfg.Categories {
			if cat.Required {
				required = append(required, cat.ID)
			}
		}
		return strings.Join(stored.Categories, ",") == strings.Join(required, ",")
	}
	return c
}

// machine describes the CPU and how busy the machine was at start: the
// numbers are only comparable within one run.
func machine() string {
	model := "unknown CPU"
	if raw, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(raw), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	s := fmt.Sprintf("%s, %d cores", model, goruntime.NumCPU())
	if raw, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(raw)); len(f) > 0 {
			s += ", load average " + f[0] + " at start"
		}
	}
	return s
}

// envInt is the environment variable's integer value, or def.
func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}
