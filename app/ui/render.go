package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// Render draws the banner's root: a wrapper carrying the layout, theme,
// position and language, holding the first layer or the panel. Class names
// starting with "cc-" and part names are the styling contract documented in
// docs/styling.md.
func (b *Banner) Render() app.UI {
	vertical, horizontal := config.Edges(b.opts.Position)
	if b.focus.pending() && b.mounted {
		// Focus moves once the DOM shows the new view.
		b.ctx.Defer(func(app.Context) { b.applyFocus() })
	}
	return app.Div().
		Class("cc-root", "cc-layout-"+b.opts.Layout, "cc-theme-"+b.opts.Theme, "cc-at-"+vertical, "cc-at-"+horizontal).
		Lang(b.opts.Lang).
		Body(
			app.If(b.view == ViewBanner, b.renderFirstLayer),
			app.If(b.view == ViewPanel, b.renderPanel),
		)
}

// button is one action button. Every button shares the "cc-btn" look;
// "accept-all" and "refuse-all" share "cc-btn-choice" and the part names
// "button button-choice" so that they stay the same size, weight and
// contrast (CNIL: refusing as easy as accepting), however they are styled.
func button(action, label, kind string, onClick app.EventHandler) app.UI {
	return app.Button().
		Type("button").
		Class("cc-btn", "cc-btn-"+kind).
		DataSet("cc-action", action).
		Attr("part", "button button-"+kind).
		OnClick(onClick).
		Text(label)
}

// overlay centres a dialog on a backdrop that covers the page: the modal
// layout's first layer and the preferences panel.
func overlay(dialog app.UI) app.UI {
	return app.Div().Class("cc-overlay").Attr("part", "overlay").Body(
		app.Div().Class("cc-backdrop").Attr("part", "backdrop"),
		dialog,
	)
}
