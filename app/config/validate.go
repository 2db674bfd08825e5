package config

import (
	"slices"
	"strconv"
	"strings"
)

// Messages shared by several checks, so the same rule reads the same way
// wherever it fails.
const (
	languageRule = `2 or 3 lowercase letters, then optional subtags, e.g. "fr", "en", "pt-BR"`
	idRule       = `lowercase letters, digits, "_" and "-", starting with a letter, at most 32 characters`
	nameRule     = `a cookie name, or a prefix ending with "*" such as "_ga*"; no spaces, control characters, ";", "=", ",", quotes or backslashes`
	domainRule   = `a host name such as "example.org" or ".example.org": no scheme, port, path, spaces or semicolons`
)

// Validate checks everything the banner relies on and returns every problem
// found (at most 50, joined with errors.Join, one "path: message" per line),
// or nil. Parse and Load call it; call it again after changing a Config in
// Go. The rules:
//   - revision from 1 to MaxRevision; lifetimeDays from 1 to 395, and so
//     refusalLifetimeDays when set;
//   - consentMode maps category ids to Consent Mode signals;
//   - cookieDomain empty or a host name; layout, theme and position in
//     their sets; stylesheet empty, https or root-relative;
//   - language keys (of texts and of every localized text) are language
//     codes; defaultLanguage is a key of texts, whose every field but
//     managedBy is filled;
//   - at least one and at most MaxCategories categories, with valid unique
//     ids, and a label and a description in the default language;
//   - every cookie has a valid name, a provider, and a service and a purpose
//     in the default language.
func (c *Config) Validate() error {
	var ps problems
	switch {
	case c.Revision == 0:
		ps.add("revision", "missing or 0 (a whole number from 1; raise it to ask every visitor again)")
	case c.Revision < 1:
		ps.add("revision", "%d is below 1 (a whole number from 1; raise it to ask every visitor again)", c.Revision)
	case c.Revision > MaxRevision:
		ps.add("revision", "%d is above %d, the largest revision", c.Revision, MaxRevision)
	}
	switch {
	case c.LifetimeDays < 1:
		ps.add("lifetimeDays", "%d is below 1 day (allowed: 1 to %d days; %d, six months, when omitted)", c.LifetimeDays, MaxLifetimeDays, DefaultLifetimeDays)
	case c.LifetimeDays > MaxLifetimeDays:
		ps.add("lifetimeDays", "%d is above %d days (13 months, the CNIL maximum)", c.LifetimeDays, MaxLifetimeDays)
	}
	switch {
	case c.RefusalLifetimeDays < 0:
		ps.add("refusalLifetimeDays", "%d is below 1 day (allowed: 1 to %d days; lifetimeDays when omitted)", c.RefusalLifetimeDays, MaxLifetimeDays)
	case c.RefusalLifetimeDays > MaxLifetimeDays:
		ps.add("refusalLifetimeDays", "%d is above %d days (13 months, the CNIL maximum)", c.RefusalLifetimeDays, MaxLifetimeDays)
	}
	c.validateConsentMode(&ps)
	if c.CookieDomain != "" && !isCookieDomain(c.CookieDomain) {
		ps.add("cookieDomain", "%s is not a cookie domain (%s; omit it for the page's host only)", clip(quote(c.CookieDomain)), domainRule)
	}
	def := c.validateDefaultLanguage(&ps)
	if !IsLayout(c.Layout) {
		ps.add("layout", "%s is not a layout (allowed: %q, %q or %q)", clip(quote(c.Layout)), LayoutBar, LayoutBox, LayoutModal)
	}
	if !IsTheme(c.Theme) {
		ps.add("theme", "%s is not a theme (allowed: %q, %q, %q or %q)", clip(quote(c.Theme)), ThemeLight, ThemeDark, ThemeAuto, ThemeDSFR)
	}
	c.validateAppearance(&ps)
	c.validateCategories(&ps, def)
	c.validateTexts(&ps, def)
	return ps.err()
}

// validateDefaultLanguage checks defaultLanguage's syntax and returns it
// when it is usable to check the texts against, else "".
func (c *Config) validateDefaultLanguage(ps *problems) string {
	def := c.DefaultLanguage
	switch {
	case def == "":
		ps.add("defaultLanguage", "missing (a language code, a key of texts; %q when omitted)", DefaultLanguage)
		return ""
	case !isLanguage(def):
		ps.add("defaultLanguage", "%s is not a language code (%s)", clip(quote(def)), languageRule)
		return ""
	}
	return def
}

// validateTexts checks the language keys of texts and that the default
// language def (when usable) has every text but managedBy.
func (c *Config) validateTexts(ps *problems, def string) {
	checkLanguageKeys(ps, "texts", sortedKeys(c.Texts))
	if def == "" {
		return
	}
	t, ok := c.Texts[def]
	if !ok {
		if len(c.Texts) == 0 {
			ps.add("texts", "missing (the interface texts per language, at least in the default language %q)", def)
		} else {
			ps.add(key("texts", def), "missing (defaultLanguage is %q, so its texts are required; texts has: %s)", def, strings.Join(sortedKeys(c.Texts), ", "))
		}
		return
	}
	for _, f := range t.fields() {
		if !f.optional && blank(*f.value) {
			ps.add(key(key("texts", def), f.key), "missing (every text is required in the default language %q, except managedBy)", def)
		}
	}
}

// validateCategories checks the categories and their cookies; def is the
// default language, or "" when it is itself broken.
func (c *Config) validateCategories(ps *problems, def string) {
	switch {
	case len(c.Categories) == 0:
		ps.add("categories", "missing: at least one category is needed (the default configuration has a required %q one)", "necessary")
		return
	case len(c.Categories) > MaxCategories:
		ps.add("categories", "%d categories, above %d (the consent cookie lists them all and must stay under 4 KB)", len(c.Categories), MaxCategories)
	}
	first := map[string]int{} // id -> index of its first category
	for i, cat := range c.Categories {
		path := index("categories", i)
		switch {
		case cat.ID == "":
			ps.add(field(path, "id"), "missing (%s)", idRule)
		case !isID(cat.ID):
			ps.add(field(path, "id"), "%s is not a valid id (%s)", clip(quote(cat.ID)), idRule)
		default:
			if j, dup := first[cat.ID]; dup {
				ps.add(field(path, "id"), "%q is already the id of %s (ids must be unique)", cat.ID, index("categories", j))
			} else {
				first[cat.ID] = i
			}
		}
		checkLocalized(ps, field(path, "label"), cat.Label, def, "every category needs a label")
		checkLocalized(ps, field(path, "description"), cat.Description, def, "every category needs a description of its purposes")
		for j, ck := range cat.Cookies {
			cpath := index(field(path, "cookies"), j)
			switch {
			case ck.Name == "":
				ps.add(field(cpath, "name"), "missing (%s)", nameRule)
			case ck.Name == "*":
				ps.add(field(cpath, "name"), `"*" alone would match every cookie, the necessary ones too: give a prefix such as "_ga*"`)
			case !isCookieName(ck.Name):
				ps.add(field(cpath, "name"), "%s is not a cookie name (%s)", clip(quote(ck.Name)), nameRule)
			}
			if blank(ck.Provider) {
				ps.add(field(cpath, "provider"), `missing (who sets the cookie, e.g. "Opendatasoft" or "Matomo")`)
			}
			checkLocalized(ps, field(cpath, "service"), ck.Service, def, "every cookie needs its service and location")
			checkLocalized(ps, field(cpath, "purpose"), ck.Purpose, def, "every cookie needs its purpose")
			checkLocalized(ps, field(cpath, "lifetime"), ck.Lifetime, "", "")
		}
	}
}

// checkLocalized checks a localized text's language keys and, when def is
// not "", that it has a text in def; why says why that text is required.
func checkLocalized(ps *problems, path string, l Localized, def, why string) {
	checkLanguageKeys(ps, path, sortedKeys(l))
	if def != "" && l.get(def) == "" {
		ps.add(key(path, def), "missing (%s in the default language %q)", why, def)
	}
}

// checkLanguageKeys reports the keys that are not language codes, and those
// that name the same language as an earlier one but for case ("pt-br" and
// "pt-BR"), which would make the choice of text arbitrary.
func checkLanguageKeys(ps *problems, path string, keys []string) {
	seen := map[string]string{} // lowercase key -> key
	for _, k := range keys {
		if !isLanguage(k) {
			ps.add(key(path, k), "%s is not a language code (%s)", clip(quote(k)), languageRule)
			continue
		}
		if other, dup := seen[strings.ToLower(k)]; dup {
			ps.add(key(path, k), "the same language as %s (language codes ignore case): keep one", key(path, other))
			continue
		}
		seen[strings.ToLower(k)] = k
	}
}

// sortedKeys returns a map's keys in order, so that problems and warnings
// come out the same on every run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// quote renders a value from the file in a message, in double quotes with
// Go's escapes, so that spaces and control characters show.
func quote(s string) string {
	return strconv.Quote(s)
}
