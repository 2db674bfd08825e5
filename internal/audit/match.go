//go:build !js

package audit

import (
	"strings"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// Declaration is one row of a category's cookie table, with its category.
type Declaration struct {
	// Pattern is the row's name: a cookie name, or a prefix ending in "*".
	Pattern  string
	Category string
	// Required: the category is always on (exempt cookies).
	Required bool
}

// Declarations lists every row of every category's cookie table, in the
// configuration's order.
func Declarations(cfg *config.Config) []Declaration {
	var out []Declaration
	for _, cat := range cfg.Categories {
		for _, c := range cat.Cookies {
			out = append(out, Declaration{Pattern: c.Name, Category: cat.ID, Required: cat.Required})
		}
	}
	return out
}

// MatchesCookie reports whether a cookie-table name matches a cookie (or
// storage key) name, exactly as the loader does when it deletes the cookies
// of a withdrawn category (matchesCookie in web/loader/cookie.js): a name
// ending in "*" matches every name it is a prefix of, any other only itself.
func MatchesCookie(pattern, name string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(name, prefix)
	}
	return name == pattern
}

// Match returns the declaration that covers the name: an exact row first,
// else the longest prefix, so that a specific row wins over a family.
func Match(decls []Declaration, name string) (Declaration, bool) {
	best, found := Declaration{}, false
	for _, d := range decls {
		if !MatchesCookie(d.Pattern, name) {
			continue
		}
		if d.Pattern == name {
			return d, true
		}
		if !found || len(d.Pattern) > len(best.Pattern) {
			best, found = d, true
		}
	}
	return best, found
}
