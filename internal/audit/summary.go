//go:build !js

package audit

import (
	"fmt"
	"strings"
)

// SummaryLine is the one line the command prints on stdout, for a CI log:
// the verdict, the counts, and the reports written.
func (r *Report) SummaryLine(files []string) string {
	verdict := "PASS"
	switch r.ExitCode() {
	case ExitViolation:
		verdict = "FAIL"
	case ExitCannotRun:
		verdict = "INCOMPLETE"
	}
	line := fmt.Sprintf("audit %s: %d violation(s), %d warning(s) on %d page(s)", verdict, r.Summary.Violations, r.Summary.Warnings, r.Summary.Pages)
	if r.Summary.PagesFailed > 0 {
		line += fmt.Sprintf(", %d page(s) failed", r.Summary.PagesFailed)
	}
	if !r.Complete && r.Incomplete != "" {
		line += " (" + r.Incomplete + ")"
	}
	if len(files) > 0 {
		line += "; report: " + strings.Join(files, ", ")
	}
	return line
}
