package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// renderFirstLayer is what a visitor without a valid choice sees: the
// purposes, and three buttons. "Tout refuser" comes before "Tout accepter" in
// the reading order and looks exactly like it.
//
// As a bar or a box it is a labelled region, first in the page's tab order
// (the loader puts the banner first in <body>), and the page stays usable.
// In the modal layout it covers the page, so it is a modal dialog (a native
// <dialog>, see modal): focus moves into it and stays there until the
// visitor answers.
func (b *Banner) renderFirstLayer() app.UI {
	t := b.texts
	layer := app.Div().
		Class("cc-banner").
		Attr("part", "banner").
		Body(
			app.H2().ID("cc-banner-title").Class("cc-title").Attr("part", "title banner-title").Text(t.BannerTitle),
			app.P().ID("cc-banner-text").Class("cc-text").Attr("part", "text banner-text").Text(t.BannerText),
			app.Div().Class("cc-actions").Attr("part", "actions banner-actions").Body(
				button("refuse-all", t.RefuseAll, "choice", b.onRefuseAll),
				button("accept-all", t.AcceptAll, "choice", b.onAcceptAll),
				button("customize", t.Customize, "secondary", b.onCustomize),
			),
		)
	if b.opts.Layout != config.LayoutModal {
		return layer.Aria("labelledby", "cc-banner-title").Role("region")
	}
	// No Escape here: the visitor has not answered yet, and a dismissal
	// that is neither a refusal nor a consent does not exist.
	return modal(firstLayerDialogID, layer).
		Aria("labelledby", "cc-banner-title").
		Aria("describedby", "cc-banner-text"). // read out with the title when focus moves in
		OnKeyDown(b.firstLayerKeys).
		On("cancel", b.onFirstLayerCancel)
}
