package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// renderPanel is the second layer: a modal dialog (a native <dialog>, see
// modal) with a close control, then, per category, its description, its
// switch and its cookie table. Focus moves into it when it opens and stays
// in it; Escape and the close control close it (see keys.go and focus.go).
func (b *Banner) renderPanel() app.UI {
	t := b.texts
	return modal(panelDialogID, app.Div().
		Class("cc-panel").
		Attr("part", "panel").
		Body(
			b.renderClose(), // first: the first control Tab reaches; the theme floats it beside the title
			app.H2().ID("cc-panel-title").Class("cc-title").Attr("part", "title panel-title").Text(t.PanelTitle),
			app.P().Class("cc-text").Attr("part", "text panel-text").Text(t.PanelText),
			app.If(t.ManagedBy != "", func() app.UI {
				return app.P().Class("cc-managed-by").Attr("part", "managed-by").Text(t.ManagedBy)
			}),
			app.Range(b.opts.Config.Categories).Slice(func(i int) app.UI {
				return b.renderCategory(b.opts.Config.Categories[i])
			}),
			app.Div().Class("cc-actions").Attr("part", "actions panel-actions").Body(
				button("refuse-all", t.RefuseAll, "choice", b.onRefuseAll),
				button("accept-all", t.AcceptAll, "choice", b.onAcceptAll),
				button("save", t.Save, "secondary", b.onSave),
			),
		)).
		Aria("labelledby", "cc-panel-title").
		OnKeyDown(b.panelKeys).
		On("cancel", b.onPanelCancel)
}

// renderClose is the panel's close control, there on every visit: for a
// touch user the only way out without choosing. Its visible label is the
// same on every visit; its accessible name says what it does: with a stored
// choice it closes the panel, on a first visit it goes back to the first
// layer and stores nothing (Banner.Hide does either).
func (b *Banner) renderClose() app.UI {
	name := b.texts.CloseToBanner
	if b.hasChoice {
		name = b.texts.ClosePanel
	}
	return app.Button().
		Type("button").
		Class("cc-btn", "cc-btn-secondary", "cc-btn-close").
		DataSet("cc-action", "close").
		Attr("part", "button button-secondary").
		Aria("label", name).
		OnClick(b.onClose).
		Text(b.texts.Close)
}

func (b *Banner) renderCategory(c config.Category) app.UI {
	lang, def := b.opts.Lang, b.opts.Config.DefaultLanguage
	label := c.Label.In(lang, def)
	on := c.Required || b.draftOrDefaults()[c.ID]
	switchID := switchPrefix + c.ID
	descID := "cc-desc-" + c.ID
	return app.Section().
		Class("cc-category").
		DataSet("category", c.ID).
		Attr("part", "category").
		Body(
			app.Div().Class("cc-category-head").Attr("part", "category-head").Body(
				app.H3().Class("cc-category-title").Attr("part", "category-title").Body(
					app.Label().For(switchID).Attr("part", "category-label").Text(label),
				),
				// A real checkbox: Space toggles it, and screen readers
				// announce it as a switch, on or off.
				app.Input().
					Type("checkbox").
					ID(switchID).
					Class("cc-switch").
					Role("switch").
					Attr("part", "switch").
					Checked(on).
					Disabled(c.Required).
					Aria("describedby", descID).
					OnChange(b.onToggle),
				app.If(c.Required, func() app.UI {
					return app.Span().Class("cc-always-on").Attr("part", "always-on").Text(b.texts.AlwaysOn)
				}),
			),
			app.P().ID(descID).Class("cc-category-text").Attr("part", "category-description").Text(c.Description.In(lang, def)),
			app.If(b.GPCRefuses(c), func() app.UI {
				return app.P().Class("cc-gpc-note").Attr("part", "gpc-note").Text(b.texts.GPCNote)
			}),
			app.If(len(c.Cookies) > 0, func() app.UI { return b.renderCookieTable(label, c.Cookies) }),
		)
}

// renderCookieTable lists a category's cookies with the columns of the
// portal's cookie charter. Each cell carries its column's name in
// data-label: on narrow viewports the theme shows every cookie as a card of
// labelled lines instead of five columns.
func (b *Banner) renderCookieTable(caption string, cookies []config.Cookie) app.UI {
	t := b.texts
	lang, def := b.opts.Lang, b.opts.Config.DefaultLanguage
	cell := func(column, text string) app.UI {
		return app.Td().DataSet("label", column).Attr("part", "cookie-table-cell").Text(text)
	}
	header := func(text string) app.UI {
		return app.Th().Scope("col").Attr("part", "cookie-table-header").Text(text)
	}
	return app.Table().Class("cc-cookies").Attr("part", "cookie-table").Body(
		app.Caption().Class("cc-visually-hidden").Text(caption),
		app.THead().Attr("part", "cookie-table-head").Body(app.Tr().Attr("part", "cookie-table-row").Body(
			header(t.TableName),
			header(t.TableProvider),
			header(t.TableService),
			header(t.TablePurpose),
			header(t.TableLifetime),
		)),
		app.TBody().Attr("part", "cookie-table-body").Body(app.Range(cookies).Slice(func(i int) app.UI {
			k := cookies[i]
			return app.Tr().Attr("part", "cookie-table-row").Body(
				app.Th().Scope("row").Attr("part", "cookie-table-header").Body(app.Code().Attr("part", "cookie-name").Text(k.Name)),
				cell(t.TableProvider, k.Provider),
				cell(t.TableService, k.Service.In(lang, def)),
				cell(t.TablePurpose, k.Purpose.In(lang, def)),
				cell(t.TableLifetime, k.Lifetime.In(lang, def)),
			)
		})),
	)
}
