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
	assert.Contains(t, html, `role="dialog"`)
	assert.Contains(t, html, `aria-modal`)
	assert.Contains(t, html, "sessionid")
	assert.Contains(t, html, "Fermer", "with a choice, the panel can be closed without changing it")
	assert.True(t, b.draftOrDefaults()["statistics"])
	assert.False(t, b.draftOrDefaults()["third_party"])

	b.Hide()
	assert.Equal(t, ViewClosed, b.View())
}

func TestHideWithoutChoiceKeepsFirstLayer(t *testing.T) {
	b, _ := newBanner(t, &MemoryJar{}, Options{})
	b.ShowPanel()
	assert.NotContains(t, render(t, b), "Fermer", "no way to dismiss without answering but refuse")
	b.Hide()
	assert.Equal(t, ViewBanner, b.View())
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
