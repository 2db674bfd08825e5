package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Render draws the banner's root: a wrapper carrying the layout, theme and
// language, holding the first layer or the panel. Class names starting with
// "cc-" and part names are the styling contract documented in the README.
func (b *Banner) Render() app.UI {
	return app.Div().
		Class("cc-root", "cc-layout-"+b.opts.Layout, "cc-theme-"+b.opts.Theme).
		Lang(b.opts.Lang).
		Body(
			app.If(b.view == ViewBanner, b.renderFirstLayer),
			app.If(b.view == ViewPanel, b.renderPanel),
		)
}

// button is one action button. Every button shares the "cc-btn" look;
// "accept-all" and "refuse-all" share "cc-btn-choice" so that they stay the
// same size, weight and contrast (CNIL: refusing as easy as accepting).
func button(action, label, kind string, onClick func()) app.UI {
	return app.Button().
		Type("button").
		Class("cc-btn", "cc-btn-"+kind).
		DataSet("cc-action", action).
		Attr("part", "button button-"+kind).
		OnClick(func(app.Context, app.Event) { onClick() }).
		Text(label)
}
