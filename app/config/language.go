package config

import (
	"slices"
	"strings"
)

// Language picks the language to show: the first candidate that matches a
// key of Texts, else DefaultLanguage. The banner passes, in this order, the
// script's data-lang, the page's <html lang>, the django_language cookie and
// navigator.languages.
//
// For each candidate in turn, compared case-insensitively with "_" read as
// "-": an exact key first ("pt-br" gives "pt-BR"), then a key of the same
// primary subtag, the bare one first ("en-GB" gives "en", "pt-PT" gives
// "pt-BR" when there is no "pt"). Empty and malformed candidates are skipped.
// The result is always a key of Texts as written in the configuration, or
// DefaultLanguage.
func (c *Config) Language(candidates ...string) string {
	if len(c.Texts) == 0 {
		return c.DefaultLanguage
	}
	keys := make([]string, 0, len(c.Texts))
	for k := range c.Texts {
		keys = append(keys, k)
	}
	// Sorted, a bare key ("en") comes before the regional ones that share
	// its primary subtag ("en-GB"), and the choice among them is stable.
	slices.Sort(keys)
	for _, cand := range candidates {
		tag, ok := normalizeTag(cand)
		if !ok {
			continue
		}
		primary := primarySubtag(tag)
		for _, k := range keys {
			if strings.EqualFold(k, tag) {
				return k
			}
		}
		for _, k := range keys {
			if strings.EqualFold(primarySubtag(k), primary) {
				return k
			}
		}
	}
	return c.DefaultLanguage
}

// normalizeTag turns a language tag from the browser or a cookie into
// lowercase with "-" separators, and reports whether it looks like a BCP 47
// tag at all (letters for the primary subtag, then letters and digits).
func normalizeTag(s string) (string, bool) {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-"))
	if s == "" || len(s) > 35 {
		return "", false
	}
	for i, part := range strings.Split(s, "-") {
		if len(part) == 0 || len(part) > 8 {
			return "", false
		}
		for _, r := range part {
			letter := r >= 'a' && r <= 'z'
			digit := r >= '0' && r <= '9'
			if !letter && (i == 0 || !digit) {
				return "", false
			}
		}
		if i == 0 && len(part) < 2 {
			return "", false
		}
	}
	return s, true
}

// primarySubtag is the language part of a tag: "en" for "en-GB".
func primarySubtag(tag string) string {
	if i := strings.IndexByte(tag, '-'); i >= 0 {
		return tag[:i]
	}
	return tag
}
