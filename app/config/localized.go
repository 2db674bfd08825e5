package config

import "strings"

// Localized is one text in several languages, keyed by language code ("fr",
// "en", "pt-BR"), for the texts that belong to a category or a cookie.
type Localized map[string]string

// In returns the text in lang, else in fallback (usually the default
// language), else "", so that a missing translation shows the default text
// rather than a hole. Language codes are compared case-insensitively, an exact
// key first; a text of only spaces counts as missing.
func (l Localized) In(lang, fallback string) string {
	if s := l.get(lang); s != "" {
		return s
	}
	return l.get(fallback)
}

// get returns the non-blank text of lang, matching the key exactly first,
// then case-insensitively.
func (l Localized) get(lang string) string {
	if lang == "" {
		return ""
	}
	if s, ok := l[lang]; ok && !blank(s) {
		return s
	}
	for k, s := range l {
		if strings.EqualFold(k, lang) && !blank(s) {
			return s
		}
	}
	return ""
}

// blank reports whether s shows nothing: a text of only spaces is as missing
// as an empty one (a button without a visible label is not accessible).
func blank(s string) bool {
	return strings.TrimSpace(s) == ""
}
