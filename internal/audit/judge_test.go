//go:build !js

package audit

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

var at = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// judgeConfig is the default configuration with Matomo declared in
// statistics.
func judgeConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg := config.Default()
	for i := range cfg.Categories {
		if cfg.Categories[i].ID == "statistics" {
			cfg.Categories[i].Cookies = []config.Cookie{{Name: "_pk_id*", Provider: "Matomo",
				Service: config.Localized{"fr": "s"}, Purpose: config.Localized{"fr": "p"}, Lifetime: config.Localized{"fr": "13 mois"}}}
		}
	}
	require.NoError(t, cfg.Validate())
	return cfg
}

func days(n int) *time.Time {
	e := at.Add(time.Duration(n) * 24 * time.Hour)
	return &e
}

var goodBanner = &BannerState{Script: true, ScriptURL: "https://consent.example.org/consent.js", WithdrawalLink: true, FirstLayer: true, RefuseAll: true, AcceptAll: true}

var choiceCookie = Cookie{Name: "cookies_preferences", Domain: "data.example.org", Path: "/", Expires: days(182)}

// cleanPage is a page where everything is as it should be: the statistics
// cookie only once accepted, the banner's own host called by everyone.
func cleanPage() Page {
	bannerReq := Request{URL: "https://consent.example.org/consent.js", Host: "consent.example.org", Type: "Script"}
	return Page{URL: "https://data.example.org/", Observations: []Observation{
		{Visitor: NoChoice, At: at, Banner: goodBanner, Cookies: []Cookie{{Name: "sessionid", Domain: "data.example.org", Path: "/", HTTPOnly: true}}, Requests: []Request{bannerReq}},
		{Visitor: RefuseAll, At: at, Cookies: []Cookie{choiceCookie}, Requests: []Request{bannerReq}},
		{Visitor: AcceptAll, At: at, Cookies: []Cookie{choiceCookie, {Name: "_pk_id.1.ab", Domain: "data.example.org", Path: "/", Expires: days(395)}}},
	}}
}

func kinds(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Kind)+" "+f.Subject)
	}
	slices.Sort(out)
	return out
}

func TestJudge(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(p *Page)
		allow []string
		want  []string
	}{
		{"a clean page", func(p *Page) {}, nil, nil},
		{"a declared optional cookie before any choice", func(p *Page) {
			p.Observations[0].Cookies = append(p.Observations[0].Cookies, Cookie{Name: "_pk_id.1.ab", Domain: "data.example.org"})
		}, nil, []string{"cookie-without-consent _pk_id.1.ab"}},
		{"a localStorage key of no category after refusal", func(p *Page) {
			p.Observations[1].Storage = []StorageKey{{Area: "local", Key: "heatmap_uid"}}
		}, nil, []string{"storage-without-consent heatmap_uid"}},
		{"a third-party request before consent", func(p *Page) {
			p.Observations[0].Requests = append(p.Observations[0].Requests, Request{Host: "stats.example.com", Type: "Script"})
		}, nil, []string{"request-without-consent stats.example.com"}},
		{"the same request to an allowed host", func(p *Page) {
			p.Observations[0].Requests = append(p.Observations[0].Requests, Request{Host: "tiles.example.com", Type: "Image"})
		}, []string{"*.example.com"}, nil},
		{"an undeclared cookie once accepted", func(p *Page) {
			p.Observations[2].Cookies = append(p.Observations[2].Cookies, Cookie{Name: "_fbp", Domain: ".example.org", Expires: days(90)})
		}, nil, []string{"undeclared-cookie _fbp"}},
		{"an undeclared cookie before and after: one finding", func(p *Page) {
			c := Cookie{Name: "_hjid", Domain: "data.example.org"}
			for i := range p.Observations {
				p.Observations[i].Cookies = append(p.Observations[i].Cookies, c)
			}
		}, nil, []string{"cookie-without-consent _hjid"}},
		{"no withdrawal link", func(p *Page) { p.Observations[0].Banner = noLink() },
			nil, []string{"no-withdrawal-link "}},
		{"no banner", func(p *Page) {
			p.Observations[0].Banner = &BannerState{WithdrawalLink: true}
			p.Observations[0].Requests, p.Observations[1].Requests = nil, nil
		}, nil, []string{"no-banner "}},
		{"no refuse-all button", func(p *Page) {
			b := *goodBanner
			b.RefuseAll = false
			p.Observations[0].Banner = &b
		}, nil, []string{"first-layer refuse-all"}},
		{"a pre-ticked category", func(p *Page) {
			b := *goodBanner
			b.PanelChecked, b.PreTicked = true, []string{"statistics"}
			p.Observations[0].Banner = &b
		}, nil, []string{"pre-ticked-category statistics"}},
		{"a consent cookie kept 13 months", func(p *Page) {
			p.Observations[2].Cookies[0].Expires = days(395)
		}, nil, []string{"choice-lifetime cookies_preferences"}},
		{"the statistics row matched nothing", func(p *Page) {
			p.Observations[2].Cookies = p.Observations[2].Cookies[:1]
		}, nil, []string{"unused-declaration _pk_id*"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := cleanPage()
			tc.edit(&p)
			require.Equal(t, tc.want, kinds(Judge(judgeConfig(t), []Page{p}, tc.allow)))
		})
	}
}

func TestFindingsMergeAcrossPagesAndVisitors(t *testing.T) {
	pages := []Page{cleanPage(), cleanPage()}
	pages[1].URL = "https://data.example.org/datasets"
	for _, p := range pages {
		for i := range p.Observations[:2] {
			p.Observations[i].Cookies = append(p.Observations[i].Cookies, Cookie{Name: "_ga", Domain: ".example.org"})
		}
	}
	fs := Judge(judgeConfig(t), pages, nil)
	require.Len(t, fs, 1)
	require.Equal(t, RuleConsentFirst, fs[0].Rule, "seen before any choice: the first rule")
	require.Equal(t, []Sighting{
		{"https://data.example.org/", NoChoice}, {"https://data.example.org/", RefuseAll},
		{"https://data.example.org/datasets", NoChoice}, {"https://data.example.org/datasets", RefuseAll},
	}, fs[0].Sightings)
	require.Equal(t, "statistics", fs[0].Suggestion.Category)
	require.Equal(t, "_ga*", fs[0].Suggestion.Entry.Name)
}

func TestRequiredRowsNeverSeenAreNotReported(t *testing.T) {
	// sessionid, csrftoken, django_language: set only after a login or a
	// form, which an anonymous visitor never sees.
	p := cleanPage()
	p.Observations[0].Cookies = nil
	require.Empty(t, Judge(judgeConfig(t), []Page{p}, nil))
}

func TestFailedPagesAreNotJudged(t *testing.T) {
	require.Empty(t, Judge(judgeConfig(t), []Page{{URL: "https://data.example.org/", Error: "HTTP error 500"}}, nil),
		"nothing seen, so not even the unused declarations")
}

func TestViolationsComeFirst(t *testing.T) {
	p := cleanPage()
	p.Observations[2].Cookies = p.Observations[2].Cookies[:1]
	p.Observations[0].Banner = noLink()
	fs := Judge(judgeConfig(t), []Page{p}, nil)
	require.Len(t, fs, 2)
	require.Equal(t, Violation, fs[0].Severity)
	require.Equal(t, Warning, fs[1].Severity)
}

func noLink() *BannerState {
	b := *goodBanner
	b.WithdrawalLink = false
	return &b
}
