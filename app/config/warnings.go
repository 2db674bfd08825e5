package config

import "strings"

// Warnings lists what is allowed but probably unintended, one "path: message"
// line each, for the server to print at start: a language of texts that lacks
// a text the default language has (it falls back to the default language's),
// a translation in a language that has no texts (it is never shown), a cookie
// without a lifetime in the default language (visitors are entitled to know
// it). It does not repeat Validate's problems; a valid default configuration
// has no warning.
func (c *Config) Warnings() []string {
	var out []string
	warn := func(path, msg string) { out = append(out, path+": "+msg) }
	def := c.DefaultLanguage
	defTexts, hasDef := c.Texts[def]
	langs := sortedKeys(c.Texts)

	if hasDef {
		defFields := defTexts.fields()
		for _, lang := range langs {
			if lang == def {
				continue
			}
			t := c.Texts[lang]
			for i, f := range t.fields() {
				if blank(*f.value) && !blank(*defFields[i].value) {
					warn(key(key("texts", lang), f.key), "missing, falls back to "+def)
				}
			}
		}
	}

	// localized checks one localized text against the languages of texts.
	localized := func(path string, l Localized) {
		for _, lang := range langs {
			if lang != def && l.get(lang) == "" && l.get(def) != "" {
				warn(key(path, lang), "missing, falls back to "+def)
			}
		}
		for _, k := range sortedKeys(l) {
			if !hasTextsFold(c.Texts, k) {
				warn(key(path, k), "texts has no language "+quote(k)+", so this translation is never shown")
			}
		}
	}
	for i, cat := range c.Categories {
		path := index("categories", i)
		localized(field(path, "label"), cat.Label)
		localized(field(path, "description"), cat.Description)
		for j, ck := range cat.Cookies {
			cpath := index(field(path, "cookies"), j)
			localized(field(cpath, "service"), ck.Service)
			localized(field(cpath, "purpose"), ck.Purpose)
			if hasDef && ck.Lifetime.get(def) == "" {
				warn(key(field(cpath, "lifetime"), def), `missing, the cookie table shows no lifetime (e.g. "Session", "13 mois")`)
			}
			localized(field(cpath, "lifetime"), ck.Lifetime)
		}
	}
	return out
}

// hasTextsFold reports whether texts has the language k, ignoring case, as
// Localized.In matches it.
func hasTextsFold(texts map[string]Texts, k string) bool {
	for lang := range texts {
		if strings.EqualFold(lang, k) {
			return true
		}
	}
	return false
}
