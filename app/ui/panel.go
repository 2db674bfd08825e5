package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// renderPanel is the second layer: a modal dialog with, per category, its
// description, its switch and its cookie table.
func (b *Banner) renderPanel() app.UI {
	t := b.texts
	return app.Div().Class("cc-panel-wrap").Body(
		app.Div().Class("cc-backdrop").Attr("part", "backdrop"),
		app.Div().
			Class("cc-panel").
			Role("dialog").
			Aria("modal", "true").
			Aria("labelledby", "cc-panel-title").
			Attr("part", "panel").
			Body(
				app.H2().ID("cc-panel-title").Class("cc-title").Attr("part", "title").Text(t.PanelTitle),
				app.P().Class("cc-text").Attr("part", "text").Text(t.PanelText),
				app.If(t.ManagedBy != "", func() app.UI {
					return app.P().Class("cc-managed-by").Attr("part", "managed-by").Text(t.ManagedBy)
				}),
				app.Range(b.opts.Config.Categories).Slice(func(i int) app.UI {
					return b.renderCategory(b.opts.Config.Categories[i])
				}),
				app.Div().Class("cc-actions").Attr("part", "actions").Body(
					button("refuse-all", t.RefuseAll, "choice", b.RefuseAll),
					button("accept-all", t.AcceptAll, "choice", b.AcceptAll),
					button("save", t.Save, "secondary", b.Save),
					app.If(b.hasChoice, func() app.UI {
						return button("close", t.Close, "secondary", b.Hide)
					}),
				),
			),
	)
}

func (b *Banner) renderCategory(c config.Category) app.UI {
	lang, def := b.opts.Lang, b.opts.Config.DefaultLanguage
	label := c.Label.In(lang, def)
	on := c.Required || b.draftOrDefaults()[c.ID]
	switchID := "cc-switch-" + c.ID
	descID := "cc-desc-" + c.ID
	return app.Section().
		Class("cc-category").
		DataSet("category", c.ID).
		Attr("part", "category").
		Body(
			app.Div().Class("cc-category-head").Body(
				app.H3().Class("cc-category-title").Attr("part", "category-title").Body(
					app.Label().For(switchID).Text(label),
				),
				app.Input().
					Type("checkbox").
					ID(switchID).
					Class("cc-switch").
					Role("switch").
					Attr("part", "switch").
					Checked(on).
					Disabled(c.Required).
					Aria("describedby", descID).
					OnChange(func(ctx app.Context, e app.Event) {
						b.Toggle(c.ID, ctx.JSSrc().Get("checked").Bool())
					}),
				app.If(c.Required, func() app.UI {
					return app.Span().Class("cc-always-on").Attr("part", "always-on").Text(b.texts.AlwaysOn)
				}),
			),
			app.P().ID(descID).Class("cc-category-text").Text(c.Description.In(lang, def)),
			app.If(b.GPCRefuses(c), func() app.UI {
				return app.P().Class("cc-gpc-note").Attr("part", "gpc-note").Text(b.texts.GPCNote)
			}),
			app.If(len(c.Cookies) > 0, func() app.UI { return b.renderCookieTable(label, c.Cookies) }),
		)
}

// renderCookieTable lists a category's cookies with the columns of the
// portal's cookie charter.
func (b *Banner) renderCookieTable(caption string, cookies []config.Cookie) app.UI {
	t := b.texts
	lang, def := b.opts.Lang, b.opts.Config.DefaultLanguage
	return app.Div().Class("cc-table-wrap").Body(
		app.Table().Class("cc-cookies").Attr("part", "cookie-table").Body(
			app.Caption().Class("cc-visually-hidden").Text(caption),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text(t.TableName),
				app.Th().Scope("col").Text(t.TableProvider),
				app.Th().Scope("col").Text(t.TableService),
				app.Th().Scope("col").Text(t.TablePurpose),
				app.Th().Scope("col").Text(t.TableLifetime),
			)),
			app.TBody().Body(app.Range(cookies).Slice(func(i int) app.UI {
				k := cookies[i]
				return app.Tr().Body(
					app.Th().Scope("row").Body(app.Code().Text(k.Name)),
					app.Td().Text(k.Provider),
					app.Td().Text(k.Service.In(lang, def)),
					app.Td().Text(k.Purpose.In(lang, def)),
					app.Td().Text(k.Lifetime.In(lang, def)),
				)
			})),
		),
	)
}
