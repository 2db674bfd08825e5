package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// renderFirstLayer is what a visitor without a valid choice sees: the
// purposes, and three buttons. "Tout refuser" comes before "Tout accepter" in
// the reading order and looks exactly like it.
func (b *Banner) renderFirstLayer() app.UI {
	t := b.texts
	return app.Div().
		Class("cc-banner").
		Role("region").
		Aria("labelledby", "cc-banner-title").
		Attr("part", "banner").
		Body(
			app.H2().ID("cc-banner-title").Class("cc-title").Attr("part", "title").Text(t.BannerTitle),
			app.P().Class("cc-text").Attr("part", "text").Text(t.BannerText),
			app.Div().Class("cc-actions").Attr("part", "actions").Body(
				button("refuse-all", t.RefuseAll, "choice", b.RefuseAll),
				button("accept-all", t.AcceptAll, "choice", b.AcceptAll),
				button("customize", t.Customize, "secondary", b.ShowPanel),
			),
		)
}
