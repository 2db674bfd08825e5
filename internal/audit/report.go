//go:build !js

package audit

import (
	"encoding/json"
	"io"
	"time"
)

// Schema names the JSON report's format; docs/audit.md documents it. A
// change that removes or renames a field gets a new number.
const Schema = "cookie-consent-audit/1"

// Report is the whole audit: what was visited, what was found.
type Report struct {
	Schema string `json:"schema"`
	// ID names the report in the proof database, when it was stored there
	// (-proof-db).
	ID         string    `json:"id,omitempty"`
	StartedAt  time.Time `json:"startedAt"`
	FinishedAt time.Time `json:"finishedAt"`
	// Lang is the language of the findings' messages ("fr" or "en").
	Lang   string       `json:"lang"`
	Config ConfigDigest `json:"config"`
	// Start lists the URLs the audit started from (or the sitemap's).
	Start []string `json:"start"`
	// Allowed lists the hosts that pages may request before consent.
	Allowed []string `json:"allowed"`
	// Complete is false when the audit stopped early (-timeout, or an
	// interruption) or could not load a starting page; Incomplete says why.
	Complete bool `json:"complete"`
	// Strict: warnings fail the audit too (-strict).
	Strict     bool      `json:"strict"`
	Incomplete string    `json:"incomplete,omitempty"`
	Summary    Summary   `json:"summary"`
	Findings   []Finding `json:"findings"`
	Pages      []Page    `json:"pages"`
}

// ConfigDigest is what the report says of the configuration it judged by.
type ConfigDigest struct {
	// Source is the -config file, or "built-in".
	Source              string `json:"source"`
	Revision            int    `json:"revision"`
	LifetimeDays        int    `json:"lifetimeDays"`
	RefusalLifetimeDays int    `json:"refusalLifetimeDays"`
}

// Summary counts pages and findings.
type Summary struct {
	Pages       int `json:"pages"`       // pages audited
	PagesFailed int `json:"pagesFailed"` // pages that could not be loaded
	Violations  int `json:"violations"`
	Warnings    int `json:"warnings"`
}

// Exit statuses of the audit command.
const (
	ExitClean     = 0 // no violation
	ExitViolation = 1 // at least one violation
	ExitCannotRun = 2 // bad usage, no Chromium, or the audit could not finish
)

// ExitCode is the command's exit status for this report: 1 as soon as a
// violation is proven (or a warning, when strict), else 2 when the audit is
// incomplete, else 0.
func (r *Report) ExitCode() int {
	switch {
	case r.Summary.Violations > 0, r.Strict && r.Summary.Warnings > 0:
		return ExitViolation
	case !r.Complete || r.Summary.Pages == 0:
		return ExitCannotRun
	}
	return ExitClean
}

// summarize fills the summary from the pages and findings.
func (r *Report) summarize() {
	s := Summary{}
	for _, p := range r.Pages {
		if p.Error != "" {
			s.PagesFailed++
		} else {
			s.Pages++
		}
	}
	for _, f := range r.Findings {
		if f.Severity == Violation {
			s.Violations++
		} else {
			s.Warnings++
		}
	}
	r.Summary = s
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
