//go:build !js

// Package audit checks what a portal's pages really do with cookies, in a
// real browser: `cookie-consent audit [flags] URL...`.
//
// It visits each page as three fresh visitors (one who makes no choice, one
// who refuses all through the banner, one who accepts all), records every
// cookie, storage key and request to another site each of them ends up
// with, and judges that against the site's configuration: what the banner
// declares, and the CNIL's rules. The result is a [Report], written as JSON
// for machines and as a self-contained HTML page for the operator; the exit
// status tells a CI job whether the portal complies.
//
// The stages live in their own files: crawl.go finds the pages, visit.go is
// one visitor in Chromium, judge.go turns what they saw into findings,
// report.go, html.go and summary.go say it. docs/audit.md is the reference.
package audit
