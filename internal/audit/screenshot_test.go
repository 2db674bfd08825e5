//go:build !js

package audit_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/internal/headless"
)

// TestReportScreenshot writes docs/audit-report.png, the README's picture
// of the HTML report, when CONSENT_AUDIT_SCREENSHOT names the file
// (./build.sh audit-screenshot): an English report of three planted faults.
func TestReportScreenshot(t *testing.T) {
	out := os.Getenv("CONSENT_AUDIT_SCREENSHOT")
	if out == "" {
		t.Skip("set CONSENT_AUDIT_SCREENSHOT (./build.sh audit-screenshot)")
	}
	w := browserWorld(t)
	code, _, report := w.audit(t, "-lang", "en", "-pages", "3", w.portal+"/tracker/", w.portal+"/pixel/", w.portal+"/undeclared/")
	require.Equal(t, 1, code)
	html := filepath.Join(t.TempDir(), "report.html")
	require.NoError(t, os.WriteFile(html, []byte(report), 0o644))

	browser, stop, err := headless.Start(t.TempDir())
	require.NoError(t, err)
	defer stop()
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	png, err := chromedp.Run(tab, func() chromedp.Action[[]byte] {
		require.NoError(t, chromedp.Do(tab, chromedp.EmulateViewport(1100, 1400), chromedp.Navigate("file://"+html)))
		return chromedp.CaptureScreenshot()
	}())
	require.NoError(t, err)
	require.Less(t, len(png), 1<<20, "the picture stays under 1 MB")
	require.NoError(t, os.WriteFile(out, png, 0o644))
}
