package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
)

var now = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

func newBanner(t *testing.T, jar *MemoryJar, opts Options) (*Banner, *[]consent.Choice) {
	t.Helper()
	var told []consent.Choice
	if opts.Config == nil {
		opts.Config = config.Default()
	}
	if opts.Lang == "" {
		opts.Lang = "fr"
	}
	opts.Jar = jar
	opts.Now = func() time.Time { return now }
	opts.OnChoice = func(c consent.Choice) { told = append(told, c) }
	return New(opts), &told
}

func render(t *testing.T, b *Banner) string {
	t.Helper()
	e := app.NewTestEngine()
	require.NoError(t, e.Load(b))
	e.ConsumeAll()
	return app.HTMLString(b)
}

func TestFirstVisitShowsFirstLayer(t *testing.T) {
	b, _ := newBanner(t, &MemoryJar{}, Options{})
	assert.Equal(t, ViewBanner, b.View())
	html := render(t, b)
	assert.Contains(t, html, `role="region"`)
	assert.Contains(t, html, "Tout accepter")
	assert.Contains(t, html, "Tout refuser")
	assert.Contains(t, html, "Personnaliser")
	assert.Less(t, strings.Index(html, "Tout refuser"), strings.Index(html, "Tout accepter"),
		"refuse comes first in the reading order")
	assert.NotContains(t, html, `role="dialog"`)
}

func TestChoicesAreStoredAndReported(t *testing.T) {
	tests := []struct {
		name string
		act  func(b *Banner)
		want map[string]bool
	}{
		{"accept all", (*Banner).AcceptAll, map[string]bool{"necessary": true, "statistics": true, "first_party": true, "third_party": true}},
		{"refuse all", (*Banner).RefuseAll, map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}},
		{"custom", func(b *Banner) {
			b.ShowPanel()
			b.Toggle("first_party", true)
			b.Toggle("necessary", false) // ignored: required
			b.Toggle("unknown", true)    // ignored
			b.Save()
		}, map[string]bool{"necessary": true, "statistics": false, "first_party": true, "third_party": false}},
		{"save untouched panel refuses", func(b *Banner) { b.ShowPanel(); b.Save() },
			map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jar := &MemoryJar{}
			b, told := newBanner(t, jar, Options{})
			tt.act(b)

			assert.Equal(t, ViewClosed, b.View())
			stored, err := consent.Read(jar.Cookies())
			require.NoError(t, err)
			assert.Equal(t, tt.want, stored.Categories)
			assert.Equal(t, now.Unix(), stored.TS)
			require.Len(t, *told, 1)
			assert.Equal(t, stored, (*told)[0])

			again, _ := newBanner(t, jar, Options{})
			assert.Equal(t, ViewClosed, again.View(), "the next page view sees the choice")
		})
	}
}

func TestPanelShowsCurrentChoice(t *testing.T) {
	jar := &MemoryJar{}
	first, _ := newBanner(t, jar, Options{})
	first.store(map[string]bool{"necessary": true, "statistics": true, "first_party": false, "third_party": false})

	b, _ := newBanner(t, jar, Options{})
	b.ShowPanel()
	html := render(t, b)
	assert.Contains(t, html, `<dialog`)
	assert.Contains(t, html, `aria-modal`)
	assert.Contains(t, html, "sessionid")
	assert.Regexp(t, `aria-label="Fermer les préférences"[^>]*>Fermer</button>`, html, "with a choice, the close control closes the panel, and says so")
	assert.True(t, b.draftOrDefaults()["statistics"])
	assert.False(t, b.draftOrDefaults()["third_party"])

	b.Hide()
	assert.Equal(t, ViewClosed, b.View())
}

func TestHideWithoutChoiceKeepsFirstLayer(t *testing.T) {
	b, _ := newBanner(t, &MemoryJar{}, Options{})
	b.ShowPanel()
	assert.Regexp(t, `aria-label="Fermer sans enregistrer et revenir au bandeau"[^>]*>Fermer</button>`, render(t, b),
		"on a first visit the close control goes back to the first layer, and says so")
	b.Hide()
	assert.Equal(t, ViewBanner, b.View())
	_, stored := b.Choice()
	assert.False(t, stored, "nothing is stored")
}

func TestNewRevisionAsksAgain(t *testing.T) {
	jar := &MemoryJar{}
	b, _ := newBanner(t, jar, Options{})
	b.AcceptAll()

	cfg := config.Default()
	cfg.Revision++
	again, _ := newBanner(t, jar, Options{Config: cfg})
	assert.Equal(t, ViewBanner, again.View())
}

func TestLayoutAndThemeOverrides(t *testing.T) {
	b, _ := newBanner(t, &MemoryJar{}, Options{Layout: "modal", Theme: "dark"})
	html := render(t, b)
	assert.Contains(t, html, "cc-layout-modal")
	assert.Contains(t, html, "cc-theme-dark")

	b, _ = newBanner(t, &MemoryJar{}, Options{Layout: "sideways", Theme: "<script>"})
	html = render(t, b)
	assert.Contains(t, html, "cc-layout-bar", "an unknown override falls back to the configuration")
	assert.Contains(t, html, "cc-theme-light")
}

func TestEnglish(t *testing.T) {
	b, _ := newBanner(t, &MemoryJar{}, Options{Lang: "en"})
	html := render(t, b)
	assert.Contains(t, html, "Accept all")
	assert.Contains(t, html, `lang="en"`)
}

func TestMemoryJar(t *testing.T) {
	j := &MemoryJar{}
	j.SetCookie("a=1; Path=/")
	j.SetCookie("b=2")
	j.SetCookie("a=3; Path=/")
	assert.Equal(t, "a=3; b=2", j.Cookies())
	j.SetCookie("a=; Path=/; Max-Age=0")
	assert.Equal(t, "b=2", j.Cookies())
}

func TestGlobalPrivacyControl(t *testing.T) {
	b, told := newBanner(t, &MemoryJar{}, Options{GPC: true})
	b.ShowPanel()
	html := render(t, b)
	assert.Equal(t, 1, strings.Count(html, `part="gpc-note"`), "the panel says why, once, on the advertising category")
	assert.Contains(t, html, "Global Privacy Control")

	b.AcceptAll()
	require.Len(t, *told, 1)
	assert.Equal(t, map[string]bool{"necessary": true, "statistics": true, "first_party": true, "third_party": false},
		(*told)[0].Categories, "accept all leaves the category marked saleOrAdvertising refused")

	b.ShowPanel()
	b.Toggle("third_party", true)
	b.Save()
	assert.True(t, (*told)[1].Accepted("third_party"), "the visitor can still turn it on by hand")
}

func TestWithoutGlobalPrivacyControlAcceptAllAcceptsEverything(t *testing.T) {
	b, told := newBanner(t, &MemoryJar{}, Options{})
	b.ShowPanel()
	assert.NotContains(t, render(t, b), "gpc-note")
	b.AcceptAll()
	assert.True(t, (*told)[0].Accepted("third_party"))
}

func TestARefusalIsKeptForTheRefusalLifetime(t *testing.T) {
	cfg := config.Default()
	cfg.RefusalLifetimeDays = 30
	var written []string
	b := New(Options{Config: cfg, Lang: "fr", Jar: recordingJar{&MemoryJar{}, &written}})
	b.RefuseAll()
	assert.Contains(t, written[0], "Max-Age=2592000;", "30 days")
	b.AcceptAll()
	assert.Contains(t, written[1], "Max-Age=15724800;", "182 days")
}

// recordingJar keeps every string the banner assigns to document.cookie.
type recordingJar struct {
	*MemoryJar
	written *[]string
}

func (j recordingJar) SetCookie(s string) {
	*j.written = append(*j.written, s)
	j.MemoryJar.SetCookie(s)
}

func TestSyncFollowsAChoiceStoredOutsideTheBanner(t *testing.T) {
	jar := &MemoryJar{}
	b, told := newBanner(t, jar, Options{})
	b.ShowPanel()
	other, _ := newBanner(t, jar, Options{})
	other.RefuseAll() // as the loader does for cookieConsent.refuseAll()
	b.Sync()
	assert.Equal(t, ViewClosed, b.View())
	c, ok := b.Choice()
	require.True(t, ok)
	assert.False(t, c.Accepted("statistics"))
	assert.Empty(t, *told, "a choice stored elsewhere is not reported again")
}
