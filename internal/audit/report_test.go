//go:build !js

package audit

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/internal/pagestyle"
)

func sampleReport(t *testing.T) *Report {
	t.Helper()
	p := cleanPage()
	p.Observations[0].Cookies = append(p.Observations[0].Cookies, Cookie{Name: "_hjid", Domain: "data.example.org", Path: "/", Expires: days(365)})
	p.Observations[0].Requests = append(p.Observations[0].Requests, Request{URL: "https://stats.example.com/p.gif", Host: "stats.example.com", Type: "Image", Initiator: "https://data.example.org/heat.js"})
	r := &Report{Schema: Schema, StartedAt: at, FinishedAt: at, Lang: "fr", Start: []string{p.URL}, Complete: true,
		Config: ConfigDigest{Source: "site.json", Revision: 3, LifetimeDays: 182, RefusalLifetimeDays: 182},
		Pages:  []Page{p, {URL: "https://data.example.org/broken", Error: "HTTP error 500"}}}
	r.Findings = Judge(judgeConfig(t), r.Pages, nil)
	for i := range r.Findings {
		r.Findings[i].Message = Message(r.Findings[i], "fr")
	}
	r.summarize()
	return r
}

func TestHTMLReportIsSelfContainedInBothLanguages(t *testing.T) {
	r := sampleReport(t)
	for _, tc := range []struct{ lang, verdict, finding string }{
		{"fr", "Non conforme : 2 violation(s), 0 avertissement(s).", "Le cookie _hjid (non déclaré) est déposé sans consentement."},
		{"en", "Not compliant: 2 violation(s), 0 warning(s).", "Cookie _hjid (undeclared) is set without consent."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, r.WriteHTML(&buf, tc.lang))
			html := buf.String()
			require.Contains(t, html, `<html lang="`+tc.lang+`">`)
			require.Contains(t, html, tc.verdict)
			require.Contains(t, strings.ReplaceAll(html, "&#39;", "'"), tc.finding)
			require.Contains(t, html, "https://data.example.org/heat.js", "the script that made the request")
			require.Contains(t, html, "HTTP error 500", "the page that failed")
			require.NotContains(t, html, "<script", "no JavaScript")
			require.NotRegexp(t, regexp.MustCompile(`(?i)(src|href)="?https?:`), html, "nothing loaded from elsewhere")
			require.NotRegexp(t, regexp.MustCompile(`<link`), html)
		})
	}
}

func TestReportCSSIsTheOperatorPagesLook(t *testing.T) {
	assert.True(t, strings.HasPrefix(reportCSS, pagestyle.CSS), "the shared look first")
	assert.Contains(t, reportCSS, ".verdict", "then the report's own rules")
}

func TestJSONReportRoundTrips(t *testing.T) {
	r := sampleReport(t)
	var buf bytes.Buffer
	require.NoError(t, r.WriteJSON(&buf))
	var back Report
	require.NoError(t, json.Unmarshal(buf.Bytes(), &back))
	require.Equal(t, r.Findings, back.Findings)
	require.Equal(t, r.Summary, back.Summary)
	var raw map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &raw))
	require.Equal(t, "cookie-consent-audit/1", raw["schema"])
	for _, key := range []string{"startedAt", "finishedAt", "lang", "config", "start", "allowed", "complete", "strict", "summary", "findings", "pages"} {
		require.Contains(t, raw, key, "docs/audit.md documents %s", key)
	}
	cookie := raw["pages"].([]any)[0].(map[string]any)["observations"].([]any)[0].(map[string]any)["cookies"].([]any)[0].(map[string]any)
	require.NotContains(t, cookie, "value", "a cookie's value is never kept")
}

func TestExitCodeAndSummaryLine(t *testing.T) {
	r := sampleReport(t)
	require.Equal(t, ExitViolation, r.ExitCode())
	require.Equal(t, "audit FAIL: 2 violation(s), 0 warning(s) on 1 page(s), 1 page(s) failed; report: a.html", r.SummaryLine([]string{"a.html"}))

	clean := &Report{Complete: true, Summary: Summary{Pages: 3, Warnings: 1}}
	require.Equal(t, ExitClean, clean.ExitCode(), "a warning alone passes")
	clean.Strict = true
	require.Equal(t, ExitViolation, clean.ExitCode(), "unless strict")

	cut := &Report{Complete: false, Incomplete: "stopped before the end: context deadline exceeded", Summary: Summary{Pages: 3}}
	require.Equal(t, ExitCannotRun, cut.ExitCode())
	require.Equal(t, "audit INCOMPLETE: 0 violation(s), 0 warning(s) on 3 page(s) (stopped before the end: context deadline exceeded)", cut.SummaryLine(nil))
	require.Equal(t, ExitCannotRun, (&Report{Complete: true}).ExitCode(), "no page audited")
}
