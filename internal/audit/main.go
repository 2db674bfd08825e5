//go:build !js

package audit

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// Main is the audit command, `cookie-consent audit [flags] URL...`,
// callable from tests: it returns the exit status (ExitClean,
// ExitViolation or ExitCannotRun). The summary line goes to stdout (to
// stderr when the JSON report does), progress and errors to stderr.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("audit", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: cookie-consent audit [flags] URL...")
		fmt.Fprintln(stderr, "Visits the pages as three fresh visitors (no choice, refuse all, accept all) in headless Chromium")
		fmt.Fprintln(stderr, "and judges their cookies, storage and requests against the configuration. Exit status:")
		fmt.Fprintln(stderr, "0 no violation, 1 violations, 2 the audit could not run. Reference: docs/audit.md.")
		flags.PrintDefaults()
	}
	cfgPath := flags.String("config", "", "site configuration `file` (JSON), the server's; default: the built-in configuration")
	pages := flags.Int("pages", 20, "audit at most `N` pages: the URLs, then same-origin links found on them")
	sitemap := flags.String("sitemap", "", "audit the pages of this sitemap `file or URL` instead of following links")
	concurrency := flags.Int("concurrency", 1, "audit `N` pages at once")
	timeout := flags.Duration("timeout", 10*time.Minute, "stop the whole audit after this `duration`")
	pageTimeout := flags.Duration("page-timeout", 30*time.Second, "give up one visitor's visit of a page after this `duration`")
	settle := flags.Duration("settle", time.Second, "a page has settled when no request was in flight for this `duration`")
	var allow listFlag
	flags.Var(&allow, "allow", "a `host` pages may call before consent (necessary: a CDN, the portal's API); \"*.example.org\" for a domain; repeat or separate with commas")
	chromium := flags.String("chromium", "", "the Chromium `binary` to run (default: $CHROMIUM, else /usr/bin/chromium and the usual places)")
	resolve := flags.String("resolve", "", "Chromium's host-resolver-rules, e.g. \"MAP portal.example.org 10.0.0.5\" to audit a staging server under its real name")
	strict := flags.Bool("strict", false, "fail (exit status 1) on warnings too: a declared cookie that no page sets")
	lang := flags.String("lang", "fr", "language of the reports: fr or en")
	htmlPath := flags.String("html", "cookie-audit.html", "write the HTML report to this `file` (\"\" for none)")
	jsonPath := flags.String("json", "cookie-audit.json", "write the JSON report to this `file` (\"-\" for stdout, \"\" for none)")
	proofDB := flags.String("proof-db", "", "also store the report in the proof-of-consent `database` (the server's -proof-db DSN), for the operator pages")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean
		}
		return ExitCannotRun
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "audit: "+format+"\n", a...)
		return ExitCannotRun
	}
	if *lang != "fr" && *lang != "en" {
		return fail("-lang %q: fr or en", *lang)
	}
	if flags.NArg() == 0 && *sitemap == "" {
		flags.Usage()
		return fail("give at least one URL, or -sitemap")
	}
	if *pages < 1 || *concurrency < 1 || *timeout <= 0 || *pageTimeout <= 0 || *settle <= 0 {
		return fail("-pages and -concurrency must be at least 1, the durations above 0")
	}
	opts := Options{URLs: flags.Args(), Sitemap: *sitemap, Pages: *pages, Concurrency: *concurrency, Timeout: *timeout,
		PageTimeout: *pageTimeout, Settle: *settle, Allow: allow, Chromium: *chromium, Resolve: *resolve, Strict: *strict, Lang: *lang, Progress: stderr}
	if *cfgPath != "" {
		cfg, err := config.Load(*cfgPath)
		if err != nil {
			return fail("%v", err)
		}
		opts.Config, opts.ConfigSource = cfg, *cfgPath
	}
	if *chromium != "" {
		if _, err := os.Stat(*chromium); err != nil {
			return fail("-chromium: %v", err)
		}
	}
	var store func(*Report) error
	if *proofDB != "" {
		s, closeDB, err := openProofStore(ctx, *proofDB)
		if err != nil {
			return fail("-proof-db: %v", err)
		}
		defer closeDB()
		store = s
	}

	report, err := Run(ctx, opts)
	if err != nil {
		fmt.Fprintln(stderr, strings.TrimPrefix(err.Error(), "audit: ")+"")
		return ExitCannotRun
	}
	if store != nil {
		report.ID = newReportID(report)
	}
	var written []string
	if *htmlPath != "" {
		if err := writeFile(*htmlPath, func(w io.Writer) error { return report.WriteHTML(w, *lang) }); err != nil {
			return fail("%v", err)
		}
		written = append(written, *htmlPath)
	}
	switch *jsonPath {
	case "":
	case "-":
		if err := report.WriteJSON(stdout); err != nil {
			return fail("%v", err)
		}
	default:
		if err := writeFile(*jsonPath, report.WriteJSON); err != nil {
			return fail("%v", err)
		}
		written = append(written, *jsonPath)
	}
	if store != nil {
		if err := store(report); err != nil {
			return fail("storing the report: %v", err)
		}
	}
	summary := stdout
	if *jsonPath == "-" {
		summary = stderr // stdout holds the JSON alone, for a pipe
	}
	fmt.Fprintln(summary, report.SummaryLine(written))
	return report.ExitCode()
}

// listFlag is a flag given several times, or once with commas.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// writeFile writes a report next to its final name, then renames it: a CI
// job never archives half a report.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".audit-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
