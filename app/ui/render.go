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
	if b.mounted {
		// Once the DOM shows the new view: a new dialog opens as a modal
		// one, and focus moves.
		b.ctx.Defer(b.afterRender)
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

// modal is a native <dialog> that covers the page, with a backdrop and the
// box centred on it: the modal layout's first layer and the preferences
// panel. afterRender (and the loader, for the prerendered one) opens it
// with showModal(): it goes to the top layer, above any z-index of the
// page, and the page behind it is inert, so that neither Tab, nor a page
// script's focus(), nor another library's focus trap can take focus out of
// it. It has tabindex=-1: a click on the backdrop focuses the dialog
// rather than <body>. The dialog is the "overlay" part, transparent; the
// "backdrop" part is ours rather than ::backdrop, so that the theme's
// variables and ::part() style it as before.
func modal(id string, box app.UI) app.HTMLDialog {
	return app.Dialog().
		ID(id).
		Class("cc-overlay").
		Attr("part", "overlay").
		Aria("modal", "true"). // implied by showModal(); said for the page's focus traps that look for it (a11y-dialog)
		TabIndex(-1).
		Body(
			app.Div().Class("cc-backdrop").Attr("part", "backdrop"),
			box,
		)
}
