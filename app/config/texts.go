package config

// Texts are the interface texts of the banner and the preferences panel in
// one language. In the default language every field but ManagedBy is
// required; in other languages a missing field falls back to the default
// language's (see TextsFor and Warnings).
type Texts struct {
	// BannerTitle heads the first layer, e.g. "Gestion des cookies".
	BannerTitle string `json:"bannerTitle"`
	// BannerText is the first layer's message: it must name the purposes,
	// say that refusing has no consequence on access, and that the choice
	// can be changed at any time (CNIL).
	BannerText string `json:"bannerText"`
	// AcceptAll labels the button that accepts every category.
	AcceptAll string `json:"acceptAll"`
	// RefuseAll labels the button that refuses every optional category; it
	// sits beside AcceptAll with the same weight.
	RefuseAll string `json:"refuseAll"`
	// Customize labels the button that opens the preferences panel.
	Customize string `json:"customize"`
	// PanelTitle heads the preferences panel.
	PanelTitle string `json:"panelTitle"`
	// PanelText explains the per-category choice at the top of the panel.
	PanelText string `json:"panelText"`
	// Save labels the button that records the panel's choices.
	Save string `json:"save"`
	// Close labels the control that closes the panel, shown on every visit.
	Close string `json:"close"`
	// ClosePanel is that control's accessible name when the visitor has a
	// stored choice: it closes the panel. It starts with Close's words (the
	// name a voice-control user says is the one they see). Optional: Close
	// when empty in every language.
	ClosePanel string `json:"closePanel"`
	// CloseToBanner is that control's accessible name on a first visit: it
	// goes back to the first layer and stores nothing. It starts with
	// Close's words too. Optional: Close when empty in every language.
	CloseToBanner string `json:"closeToBanner"`
	// AlwaysOn replaces the switch of a required category.
	AlwaysOn string `json:"alwaysOn"`
	// TableName heads the cookie table's name column.
	TableName string `json:"tableName"`
	// TableProvider heads the cookie table's provider column.
	TableProvider string `json:"tableProvider"`
	// TableService heads the cookie table's service and location column.
	TableService string `json:"tableService"`
	// TablePurpose heads the cookie table's purposes column.
	TablePurpose string `json:"tablePurpose"`
	// TableLifetime heads the cookie table's lifetime column.
	TableLifetime string `json:"tableLifetime"`
	// BlockedContent replaces an embedded content (an iframe) whose category
	// is refused; "{category}" is replaced by the category's label.
	BlockedContent string `json:"blockedContent"`
	// AllowContent labels the button, beside BlockedContent, that accepts
	// the content's category ("{category}" is replaced as in BlockedContent)
	// and so stores a choice: the other categories keep their answer, and
	// are refused when the visitor had not answered yet. The default
	// BlockedContent says so.
	AllowContent string `json:"allowContent"`
	// GPCNote tells, in the panel, why a category marked saleOrAdvertising
	// starts refused when the browser sends Global Privacy Control.
	GPCNote string `json:"gpcNote"`
	// ManagedBy is a short text naming who is responsible for the cookies
	// (the data controller); it may be empty.
	ManagedBy string `json:"managedBy"`
}

// textField is one field of Texts with its JSON key, so that validation,
// warnings and fallback walk every field without reflection.
type textField struct {
	key      string
	value    *string
	optional bool // may be empty even in the default language
}

// fields lists t's fields in declaration order, pointing into t.
func (t *Texts) fields() []textField {
	return []textField{
		{key: "bannerTitle", value: &t.BannerTitle},
		{key: "bannerText", value: &t.BannerText},
		{key: "acceptAll", value: &t.AcceptAll},
		{key: "refuseAll", value: &t.RefuseAll},
		{key: "customize", value: &t.Customize},
		{key: "panelTitle", value: &t.PanelTitle},
		{key: "panelText", value: &t.PanelText},
		{key: "save", value: &t.Save},
		{key: "close", value: &t.Close},
		{key: "closePanel", value: &t.ClosePanel, optional: true},
		{key: "closeToBanner", value: &t.CloseToBanner, optional: true},
		{key: "alwaysOn", value: &t.AlwaysOn},
		{key: "tableName", value: &t.TableName},
		{key: "tableProvider", value: &t.TableProvider},
		{key: "tableService", value: &t.TableService},
		{key: "tablePurpose", value: &t.TablePurpose},
		{key: "tableLifetime", value: &t.TableLifetime},
		{key: "blockedContent", value: &t.BlockedContent},
		{key: "allowContent", value: &t.AllowContent},
		{key: "gpcNote", value: &t.GPCNote},
		{key: "managedBy", value: &t.ManagedBy, optional: true},
	}
}

// TextsFor returns the texts to show in lang, with every empty field filled
// from the default language's, so the banner never shows an empty button.
// lang is matched like Language does ("EN" or "en-GB" give "en"); an unknown
// lang gives the default language's texts.
func (c *Config) TextsFor(lang string) Texts {
	t := c.Texts[c.Language(lang)]
	def := c.Texts[c.DefaultLanguage]
	defFields := def.fields()
	for i, f := range t.fields() {
		if blank(*f.value) {
			*f.value = *defFields[i].value
		}
	}
	// The close control's names came later than Close: a configuration
	// written before them still names the control.
	for _, name := range []*string{&t.ClosePanel, &t.CloseToBanner} {
		if blank(*name) {
			*name = t.Close
		}
	}
	return t
}
