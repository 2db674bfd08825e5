//go:build !js

package audit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	stdhtml "html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/audit"
	"github.com/opendata-portals/cookie-consent/internal/distserver"
	"github.com/opendata-portals/cookie-consent/internal/headless"
	"github.com/opendata-portals/cookie-consent/proof"
)

// The portals below are served by the test itself on the loopback, with the
// real banner from the real server binary. Third parties live on host
// names that Chromium resolves to the loopback too (-resolve), so that
// they are other sites.

// world is what the browser tests share: the dist/ the banner comes from,
// a consent server running the test configuration, the portal and a third
// party, started on first use.
type world struct {
	dist       string
	banner     string // the consent server with the test configuration
	portal     string // the portals, one per path prefix
	third      string // the third party's port, on tracker.test and cdn.test
	configFile string // the test configuration
	strictFile string // the same, declaring a cookie no page sets
	stops      []func()
}

var (
	shared    *world
	sharedErr error
	once      sync.Once
)

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		for _, stop := range shared.stops {
			stop()
		}
	}
	os.Exit(code)
}

// browserWorld starts the shared servers on first use. Like the
// end-to-end tests, these need Chromium: without it they fail, saying so.
func browserWorld(t *testing.T) *world {
	t.Helper()
	_, err := headless.Find()
	require.NoError(t, err)
	once.Do(func() { shared, sharedErr = startWorld() })
	require.NoError(t, sharedErr)
	return shared
}

// testConfig is the default configuration whose statistics category
// declares Matomo's cookies, as a portal using Matomo would (and only
// Matomo: the default lists the cookies of every audience tool its text
// names, which a portal trims to the ones it uses).
func testConfig(extra ...string) *config.Config {
	cfg := withoutAudienceTools(config.Default())
	for i := range cfg.Categories {
		if cfg.Categories[i].ID != "statistics" {
			continue
		}
		for _, name := range append([]string{"_pk_id*"}, extra...) {
			cfg.Categories[i].Cookies = append(cfg.Categories[i].Cookies, config.Cookie{
				Name: name, Provider: "Matomo",
				Service:  config.Localized{"fr": "Mesure d'audience", "en": "Audience measurement"},
				Purpose:  config.Localized{"fr": "Compter les visites", "en": "Count visits"},
				Lifetime: config.Localized{"fr": "13 mois", "en": "13 months"},
			})
		}
	}
	return cfg
}

// withoutAudienceTools removes the statistics category's cookie table, for
// a portal that uses no audience tool (the demo page).
func withoutAudienceTools(cfg *config.Config) *config.Config {
	for i := range cfg.Categories {
		if cfg.Categories[i].ID == "statistics" {
			cfg.Categories[i].Cookies = nil
		}
	}
	return cfg
}

func writeConfig(dir, name string, cfg *config.Config) (string, error) {
	if err := cfg.Validate(); err != nil {
		return "", err
	}
	data, err := json.Marshal(cfg)
	if err != nil {
		return "", err
	}
	file := filepath.Join(dir, name)
	return file, os.WriteFile(file, data, 0o644)
}

func startWorld() (*world, error) {
	w := &world{dist: os.Getenv("CONSENT_DIST")}
	if w.dist == "" {
		root, _ := filepath.Abs("../..")
		w.dist = filepath.Join(root, "dist")
		build := exec.Command(filepath.Join(root, "build.sh"), "build")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return nil, fmt.Errorf("./build.sh build: %w", err)
		}
	}
	dir, err := os.MkdirTemp("", "cookie-consent-audit-test-")
	if err != nil {
		return nil, err
	}
	w.stops = append(w.stops, func() { os.RemoveAll(dir) })
	if w.configFile, err = writeConfig(dir, "site.json", testConfig()); err != nil {
		return nil, err
	}
	if w.strictFile, err = writeConfig(dir, "strict.json", testConfig("_pk_ses*")); err != nil {
		return nil, err
	}
	url, stop, err := distserver.Start(w.dist, "-config", w.configFile)
	if err != nil {
		return nil, err
	}
	w.banner = url
	w.stops = append(w.stops, stop)

	third := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "image/gif")
		_, _ = rw.Write([]byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"))
	}))
	w.stops = append(w.stops, third.Close)
	w.third = third.URL[strings.LastIndex(third.URL, ":")+1:]

	portal := httptest.NewServer(w.portalHandler())
	w.stops = append(w.stops, portal.Close)
	w.portal = portal.URL
	return w, nil
}

// gatedStats is the portal's Matomo, gated on the statistics category as
// the README says: it sets its cookie only once the visitor accepts.
const gatedStats = `<script type="text/plain" data-category="statistics">document.cookie = "_pk_id.1.a1b2=1; path=/; max-age=3600";</script>`

const withdrawal = `<footer><a href="#" data-cc="preferences">Gestion des cookies</a></footer>`

// portalHandler serves one small portal per path prefix: /clean/ and the
// planted faults.
func (w *world) portalHandler() http.Handler {
	page := func(head, body string) string {
		return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Portail</title>
<script src="` + w.banner + `/consent.js" defer></script>` + head + `</head>
<body><main><h1>Portail de données</h1>` + body + `</main></body></html>`
	}
	cdn := `<img src="http://cdn.test:` + w.third + `/logo.gif" alt="">`
	pages := map[string]string{
		// The clean portal: a necessary HttpOnly session cookie set by the
		// response, a logo from an allowed CDN, Matomo gated, a link to a
		// second page, the withdrawal link.
		"/clean/":      page("", cdn+`<a href="/clean/about">À propos</a>`+gatedStats+withdrawal),
		"/clean/about": page("", `<p>À propos</p><a href="/clean/">Accueil</a>`+gatedStats+withdrawal),
		// An undeclared heat-map script in plain <script>: its cookie is
		// there before any choice.
		"/tracker/": page(`<script src="/tracker.js"></script>`, gatedStats+withdrawal),
		// A third-party pixel in plain <img>.
		"/pixel/": page("", `<img src="http://tracker.test:`+w.third+`/pixel.gif" alt="">`+gatedStats+withdrawal),
		// No way to withdraw consent from this page.
		"/nolink/": page("", gatedStats),
		// A script that writes Matomo's cookie on any choice, refusal too.
		"/afterrefusal/": page("", gatedStats+withdrawal+
			`<script>document.addEventListener("cookieconsent:change", function () { document.cookie = "_pk_id.1.a1b2=1; path=/; max-age=3600"; });</script>`),
		// Once accepted, a cookie that no category declares.
		"/undeclared/": page("", gatedStats+withdrawal+
			`<script type="text/plain" data-category="statistics">document.cookie = "_clck=x; path=/; max-age=86400";</script>`),
	}
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old/" { // the portal moved: to another origin
			http.Redirect(rw, r, strings.Replace(w.portal, "127.0.0.1", "localhost", 1)+"/clean/", http.StatusMovedPermanently)
			return
		}
		if r.URL.Path == "/tracker.js" {
			rw.Header().Set("Content-Type", "text/javascript")
			_, _ = rw.Write([]byte(`document.cookie = "_hjid=abc; path=/; max-age=31536000";`))
			return
		}
		html, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(rw, r)
			return
		}
		if r.URL.Path == "/clean/" {
			http.SetCookie(rw, &http.Cookie{Name: "sessionid", Value: "s3cr3t", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
		}
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = rw.Write([]byte(html))
	})
}

// audit runs the command as a portal's CI would, with short settle times,
// and returns its exit status and its JSON report.
func (w *world) audit(t *testing.T, args ...string) (int, audit.Report, string) {
	t.Helper()
	dir := t.TempDir()
	base := []string{"-config", w.configFile, "-settle", "200ms", "-page-timeout", "40s", "-timeout", "4m",
		"-resolve", "MAP tracker.test 127.0.0.1, MAP cdn.test 127.0.0.1", "-allow", "cdn.test",
		"-json", filepath.Join(dir, "audit.json"), "-html", filepath.Join(dir, "audit.html")}
	var stdout, stderr bytes.Buffer
	code := audit.Main(context.Background(), append(base, args...), &stdout, &stderr)
	t.Logf("stdout: %s\nstderr: %s", stdout.String(), stderr.String())
	data, err := os.ReadFile(filepath.Join(dir, "audit.json"))
	require.NoError(t, err, "the JSON report is written")
	var r audit.Report
	require.NoError(t, json.Unmarshal(data, &r))
	html, err := os.ReadFile(filepath.Join(dir, "audit.html"))
	require.NoError(t, err, "the HTML report is written")
	return code, r, string(html)
}

// found lists the findings as "kind subject", sorted, for exact comparison.
func found(r audit.Report) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, string(f.Kind)+" "+f.Subject)
	}
	slices.Sort(out)
	return out
}

func visitorsOf(f audit.Finding) []audit.Visitor {
	var out []audit.Visitor
	for _, s := range f.Sightings {
		if !slices.Contains(out, s.Visitor) {
			out = append(out, s.Visitor)
		}
	}
	return out
}

func TestCleanPortalHasNoFinding(t *testing.T) {
	w := browserWorld(t)
	db := filepath.Join(t.TempDir(), "proof.db")
	code, r, html := w.audit(t, "-pages", "2", "-concurrency", "2", "-proof-db", db, w.portal+"/clean/")
	require.Equal(t, audit.ExitClean, code)
	require.Empty(t, found(r))
	require.True(t, r.Complete)
	require.Equal(t, 2, r.Summary.Pages, "the link to the second page was followed")
	require.Equal(t, w.portal+"/clean/about", r.Pages[1].URL)

	// What the visitors got is in the report: the HttpOnly session cookie
	// set by the response, the allowed CDN, Matomo's cookie only once
	// accepted, and the banner's checks done.
	none, _ := r.Pages[0].Observation(audit.NoChoice)
	require.Contains(t, none.Cookies, audit.Cookie{Name: "sessionid", Domain: "127.0.0.1", Path: "/", HTTPOnly: true, SameSite: "Lax", Category: "necessary"})
	require.Len(t, none.Requests, 1)
	require.Equal(t, "cdn.test", none.Requests[0].Host)
	require.Equal(t, "Image", none.Requests[0].Type)
	require.True(t, none.Banner.Script && none.Banner.WithdrawalLink && none.Banner.FirstLayer && none.Banner.RefuseAll && none.Banner.AcceptAll)
	panels := 0
	for _, p := range r.Pages {
		if o, _ := p.Observation(audit.NoChoice); o.Banner != nil && o.Banner.PanelChecked {
			panels++
			require.Empty(t, o.Banner.PreTicked)
		}
	}
	require.Equal(t, 1, panels, "the preferences panel was opened once, its switches all off")
	accept, _ := r.Pages[0].Observation(audit.AcceptAll)
	names := []string{}
	for _, c := range accept.Cookies {
		names = append(names, c.Name)
	}
	require.ElementsMatch(t, []string{"_pk_id.1.a1b2", "cookies_preferences", "sessionid"}, names)
	require.Contains(t, html, "Conforme : aucune violation.")

	// -proof-db stored it for the operator pages.
	s, err := proof.Open(context.Background(), db)
	require.NoError(t, err)
	defer s.Close()
	list, err := s.AuditReports(context.Background(), 10)
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.Equal(t, r.ID, list[0].ID)
	require.Equal(t, 2, list[0].Pages)
	require.Equal(t, audit.ExitClean, list[0].ExitCode)
}

func TestAStartingURLThatRedirectsNamesTheSiteByWhereItLands(t *testing.T) {
	w := browserWorld(t)
	code, r, _ := w.audit(t, "-pages", "2", w.portal+"/old/")
	require.Equal(t, audit.ExitClean, code, found(r))
	require.Len(t, r.Pages, 2)
	require.Equal(t, strings.Replace(w.portal, "127.0.0.1", "localhost", 1)+"/clean/about", r.Pages[1].URL, "the landing origin's links are followed")
	none, _ := r.Pages[0].Observation(audit.NoChoice)
	require.Contains(t, none.Cookies, audit.Cookie{Name: "sessionid", Domain: "localhost", Path: "/", HTTPOnly: true, SameSite: "Lax", Category: "necessary"},
		"first-party to where the page landed")
}

func TestPlantedFaultsGiveExactlyTheirFindings(t *testing.T) {
	w := browserWorld(t)
	for _, tc := range []struct {
		name  string
		path  string
		want  []string
		check func(t *testing.T, f audit.Finding)
	}{
		{"an undeclared tracker script sets a cookie before any choice", "/tracker/", []string{"cookie-without-consent _hjid"},
			func(t *testing.T, f audit.Finding) {
				require.Equal(t, audit.RuleConsentFirst.ID, f.Rule.ID)
				require.Equal(t, []audit.Visitor{audit.NoChoice, audit.RefuseAll}, visitorsOf(f))
				require.Empty(t, f.Category)
				require.NotNil(t, f.Suggestion)
				require.Equal(t, "statistics", f.Suggestion.Category)
				require.Equal(t, "_hj*", f.Suggestion.Entry.Name)
				require.Equal(t, "Hotjar", f.Suggestion.Entry.Provider)
			}},
		{"a third-party pixel is requested before consent", "/pixel/", []string{"request-without-consent tracker.test"},
			func(t *testing.T, f audit.Finding) {
				require.Equal(t, []audit.Visitor{audit.NoChoice, audit.RefuseAll}, visitorsOf(f))
				require.Equal(t, "Image", f.Evidence.Request.Type)
				require.Equal(t, "http://tracker.test:"+w.third+"/pixel.gif", f.Evidence.Request.URL)
			}},
		{"a page has no data-cc link", "/nolink/", []string{"no-withdrawal-link "},
			func(t *testing.T, f audit.Finding) { require.Equal(t, audit.RuleWithdrawal.ID, f.Rule.ID) }},
		{"a declared statistics cookie is set after refusal", "/afterrefusal/", []string{"cookie-without-consent _pk_id.1.a1b2"},
			func(t *testing.T, f audit.Finding) {
				require.Equal(t, audit.RuleRefusal.ID, f.Rule.ID)
				require.Equal(t, []audit.Visitor{audit.RefuseAll}, visitorsOf(f))
				require.Equal(t, "statistics", f.Category)
			}},
		{"an undeclared cookie is set after acceptance", "/undeclared/", []string{"undeclared-cookie _clck"},
			func(t *testing.T, f audit.Finding) {
				require.Equal(t, []audit.Visitor{audit.AcceptAll}, visitorsOf(f))
				require.Equal(t, "statistics", f.Suggestion.Category)
				require.Equal(t, "Microsoft Clarity", f.Suggestion.Entry.Provider)
				require.Equal(t, "1 jour", f.Suggestion.Entry.Lifetime["fr"])
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, r, html := w.audit(t, "-pages", "1", w.portal+tc.path)
			require.Equal(t, tc.want, found(r))
			require.Equal(t, audit.ExitViolation, code)
			require.Equal(t, 1, r.Summary.Violations)
			tc.check(t, r.Findings[0])
			require.Contains(t, stdhtml.UnescapeString(html), r.Findings[0].Message, "the HTML report says it")
		})
	}
}

func TestDeclaredCookieNeverSetIsAWarningThatStrictFails(t *testing.T) {
	w := browserWorld(t)
	// The pages come from a sitemap this time: its one page, and no link
	// followed from it.
	sitemap := filepath.Join(t.TempDir(), "sitemap.xml")
	require.NoError(t, os.WriteFile(sitemap, []byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>`+w.portal+`/clean/</loc></url></urlset>`), 0o644))
	code, r, _ := w.audit(t, "-config", w.strictFile, "-strict", "-pages", "5", "-lang", "en", "-sitemap", sitemap)
	require.Equal(t, 1, r.Summary.Pages)
	require.Equal(t, []string{"unused-declaration _pk_ses*"}, found(r))
	require.Equal(t, audit.Warning, r.Findings[0].Severity)
	require.Equal(t, "statistics", r.Findings[0].Category)
	require.Equal(t, audit.ExitViolation, code, "-strict fails on a warning")
	require.Equal(t, "Declared cookie _pk_ses* (category statistics) was seen on no page.", r.Findings[0].Message)
}

// TestTheDemoPageIsClean audits the demo page of a server that records
// proof of consent, as an operator would: the report is stored in the
// server's own database and the server's operator pages list it.
func TestTheDemoPageIsClean(t *testing.T) {
	w := browserWorld(t)
	db := filepath.Join(t.TempDir(), "proof.db")
	const token = "operator-token-for-the-audit-test"
	// The demo page uses no audience tool: its configuration declares none.
	site, err := writeConfig(t.TempDir(), "demo.json", withoutAudienceTools(config.Default()))
	require.NoError(t, err)
	server, stop, err := distserver.Start(w.dist, "-config", site, "-proof-db", db, "-operator-token", token)
	require.NoError(t, err)
	defer stop()

	// The JSON report on stdout, for a pipe; the summary line on stderr.
	var stdout, stderr bytes.Buffer
	code := audit.Main(context.Background(), []string{"-settle", "200ms", "-pages", "3", "-proof-db", db, "-config", site,
		"-json", "-", "-html", "", server + "/"}, &stdout, &stderr)
	t.Logf("stderr: %s", stderr.String())
	require.Equal(t, audit.ExitClean, code, stdout.String())
	r, err := audit.ParseReport(stdout.Bytes())
	require.NoError(t, err, "stdout is the JSON report alone")
	require.Empty(t, r.Findings)
	require.Equal(t, 1, r.Summary.Pages, "the demo page links to no other page of its own")
	require.Contains(t, stderr.String(), "audit: 1 done, 0 left, 0 violations so far: "+server+"/ ok\n", "progress on stderr")
	require.True(t, strings.HasSuffix(stderr.String(), "audit PASS: 0 violation(s), 0 warning(s) on 1 page(s)\n"), "the summary line last")

	req, err := http.NewRequest("GET", server+"/operator/audits", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	page, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, string(page), "<td>Conforme</td>", "the server's operator pages list the report (in French, their default)")
}

func TestAnAuditThatCannotFinishExitsWith2(t *testing.T) {
	w := browserWorld(t)
	code, r, html := w.audit(t, "-pages", "1", w.portal+"/missing/")
	require.Equal(t, audit.ExitCannotRun, code)
	require.False(t, r.Complete)
	require.Equal(t, "HTTP error 404", r.Pages[0].Error)
	require.Contains(t, html, "Audit incomplet")

	code, r, _ = w.audit(t, "-timeout", "1ms", "-pages", "1", w.portal+"/clean/")
	require.Equal(t, audit.ExitCannotRun, code)
	require.False(t, r.Complete)
	require.Contains(t, r.Incomplete, "context deadline exceeded")
}
