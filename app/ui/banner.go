package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
)

// View is what the banner currently shows.
type View int

// The banner's views. A visitor without a valid choice sees ViewBanner; one
// with a valid choice sees nothing until they reopen the panel.
const (
	ViewClosed View = iota
	ViewBanner
	ViewPanel
)

// Options configure a Banner.
type Options struct {
	Config *config.Config
	Lang   string // one of Config.Texts' languages; see config.Language
	Layout string // overrides Config.Layout when valid (the script tag's data-layout)
	Theme  string // overrides Config.Theme when valid (the script tag's data-theme)
	Jar    Jar
	Secure bool // the page is on https: the cookie gets Secure
	// GPC is the browser's Global Privacy Control signal: "accept all" then
	// leaves the categories marked saleOrAdvertising refused.
	GPC bool
	Now func() time.Time // nil means time.Now
	// OnChoice is called after each choice is stored (the loader turns it
	// into scripts and events). It may be nil.
	OnChoice func(consent.Choice)

	// Position overrides Config.Position when valid (the script tag's
	// data-position).
	Position string

	// Takeover, when set, starts the banner with the panel open in the
	// state the loader's prerendered panel was left in.
	Takeover *Takeover

	// ReturnFocus is called when the banner has closed with focus inside
	// it, or with nothing of its own to give focus back to: the loader puts
	// focus back where it was before the banner took it, or at the start of
	// the page's main content, so that it never falls to <body>. It may be
	// nil.
	ReturnFocus func()
}

// Banner is the root component: the first layer and the preferences panel,
// with the visitor's current choice.
type Banner struct {
	app.Compo

	opts  Options
	texts config.Texts

	view      View
	choice    consent.Choice // valid when hasChoice
	hasChoice bool
	draft     map[string]bool // the panel's switches, saved by "save"

	opener opener       // what had focus when the panel opened (focus.go)
	focus  focusRequest // where focus goes after the next render

	ctx       app.Context
	mounted   bool
	onMounted []func()
}

// New reads the visitor's current choice from the jar and returns the banner
// in the view that choice calls for: closed with a valid choice, the first
// layer otherwise. It needs no browser, so it also prerenders natively.
func New(opts Options) *Banner {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	cfg := opts.Config
	if !config.IsLayout(opts.Layout) {
		opts.Layout = cfg.Layout
	}
	if !config.IsTheme(opts.Theme) {
		opts.Theme = cfg.Theme
	}
	if !config.IsPosition(opts.Position) {
		opts.Position = cfg.Position
	}
	b := &Banner{opts: opts, texts: cfg.TextsFor(opts.Lang)}
	b.Sync()
	if opts.Takeover != nil {
		b.takeOver(opts.Takeover)
	}
	return b
}

// Sync reads the visitor's choice from the jar again, after the loader
// stored one by itself (the page called cookieConsent.acceptAll() or set()):
// with a valid choice the banner closes, without one the first layer shows.
func (b *Banner) Sync() {
	b.choice, b.hasChoice = consent.Current(b.opts.Jar.Cookies(), b.opts.Config.Rules(), b.opts.Now())
	b.draft = nil
	if b.hasChoice {
		b.view = ViewClosed
	} else {
		b.view = ViewBanner
		if b.opts.Layout == config.LayoutModal {
			b.focus = focusRequest{selector: focusFirstLayer} // a modal dialog holds focus
		}
	}
}

// View reports what the banner shows.
func (b *Banner) View() View { return b.view }

// Choice returns the visitor's current valid choice, if any.
func (b *Banner) Choice() (consent.Choice, bool) { return b.choice, b.hasChoice }

// Layout is the layout in use ("bar", "box" or "modal").
func (b *Banner) Layout() string { return b.opts.Layout }

// OnMount keeps the context so that calls coming from outside go-app (the
// loader's API) can be run on the UI goroutine.
func (b *Banner) OnMount(ctx app.Context) {
	b.ctx = ctx
	b.mounted = true
	for _, f := range b.onMounted {
		f()
	}
	b.onMounted = nil
	if b.focus.pending() {
		ctx.Dispatch(nil) // a render after the mount carries the focus out
	}
}

// Do runs f on the UI goroutine and re-renders the banner. It is how the
// loader's API (show, hide, ...) reaches the component; calls made before
// the banner is mounted wait for it.
func (b *Banner) Do(f func()) {
	if !b.mounted {
		b.onMounted = append(b.onMounted, f)
		return
	}
	b.ctx.Dispatch(func(app.Context) { f() })
}

// ShowPanel opens the preferences panel with the current choice, or the
// defaults (required categories on, the others off) when there is none.
// Focus moves into the panel, and comes back to what had it (a button of the
// first layer, the page's data-cc="preferences" link) when it closes.
func (b *Banner) ShowPanel() { b.showPanelFrom(b.activeOpener()) }

// ShowPanelFrom opens the panel for a click on the first layer's button of
// that action ("customize") that the loader answered before the wasm was
// live: that button was the prerendered one, gone by now, so focus comes
// back to its live twin when the panel closes. An empty action is ShowPanel.
func (b *Banner) ShowPanelFrom(action string) {
	if action == "" {
		b.ShowPanel()
		return
	}
	b.showPanelFrom(opener{action: action})
}

func (b *Banner) showPanelFrom(o opener) {
	if b.view != ViewPanel {
		b.opener = o // reopening an open panel keeps the first opener
	}
	b.draft = b.currentCategories()
	b.view = ViewPanel
	b.focus = focusRequest{selector: focusPanel}
}

// Hide closes whatever is shown when the visitor has a valid choice. Without
// one the first layer stays: the visitor must be able to answer.
func (b *Banner) Hide() {
	wasPanel := b.view == ViewPanel
	if b.hasChoice {
		b.view = ViewClosed
	} else {
		b.view = ViewBanner
	}
	if wasPanel {
		b.focus = b.focusBack()
	}
}

// AcceptAll stores a choice accepting every category, but those that Global
// Privacy Control refuses (see GPCRefuses).
func (b *Banner) AcceptAll() {
	cats := b.all(true)
	for _, c := range b.opts.Config.Categories {
		if b.GPCRefuses(c) {
			cats[c.ID] = false
		}
	}
	b.store(cats)
}

// GPCRefuses reports whether the browser's Global Privacy Control signal
// refuses the category: it is marked saleOrAdvertising and the signal is on.
func (b *Banner) GPCRefuses(c config.Category) bool {
	return b.opts.GPC && c.SaleOrAdvertising && !c.Required
}

// RefuseAll stores a choice refusing every optional category.
func (b *Banner) RefuseAll() { b.store(b.all(false)) }

// Save stores the panel's switches.
func (b *Banner) Save() { b.store(b.draftOrDefaults()) }

// Toggle sets one category's switch in the panel. Required categories stay on.
func (b *Banner) Toggle(category string, on bool) {
	cat, ok := b.opts.Config.Category(category)
	if !ok || cat.Required {
		return
	}
	if b.draft == nil {
		b.draft = b.currentCategories()
	}
	b.draft[category] = on
}

func (b *Banner) store(categories map[string]bool) {
	c := consent.New(b.opts.Config.Revision, categories, b.opts.Now())
	b.opts.Jar.SetCookie(consent.SetCookie(c, consent.Attributes{
		MaxAge: b.opts.Config.Rules().LifetimeOf(c),
		Domain: b.opts.Config.CookieDomain,
		Secure: b.opts.Secure,
	}))
	b.choice, b.hasChoice = c, true
	b.draft = nil
	wasPanel := b.view == ViewPanel
	b.view = ViewClosed
	// The answer came from the banner, which had focus: it goes back to
	// the panel's opener, else to the page (ReturnFocus), never to <body>.
	b.focus = focusRequest{page: true}
	if wasPanel {
		b.focus = b.focusBack()
	}
	if b.opts.OnChoice != nil {
		b.opts.OnChoice(c)
	}
}

// all answers every category the same way; required ones are always on.
func (b *Banner) all(on bool) map[string]bool {
	cats := make(map[string]bool, len(b.opts.Config.Categories))
	for _, c := range b.opts.Config.Categories {
		cats[c.ID] = on || c.Required
	}
	return cats
}

func (b *Banner) currentCategories() map[string]bool {
	cats := b.all(false)
	if b.hasChoice {
		for id := range cats {
			cats[id] = cats[id] || b.choice.Accepted(id)
		}
	}
	return cats
}

func (b *Banner) draftOrDefaults() map[string]bool {
	if b.draft == nil {
		return b.currentCategories()
	}
	return b.draft
}
