package config

import (
	"net/url"
	"slices"
	"strings"
)

// The values of Position. A bar uses the vertical word (top or bottom), a
// box the corner, on the right when the position names no side; a modal is
// always centred and ignores it. One field serves every layout, so that a
// data-layout override never meets a position it cannot use.
const (
	PositionBottom      = "bottom" // default: a bar at the bottom, a box in the bottom right corner
	PositionTop         = "top"
	PositionBottomLeft  = "bottom-left"
	PositionBottomRight = "bottom-right"
	PositionTopLeft     = "top-left"
	PositionTopRight    = "top-right"
)

// positions lists the values of Position in the order the documentation and
// the error messages give them.
var positions = []string{PositionBottom, PositionTop, PositionBottomLeft, PositionBottomRight, PositionTopLeft, PositionTopRight}

// IsPosition reports whether s is a position, so that the banner can check a
// data-position attribute before it overrides Position.
func IsPosition(s string) bool {
	return slices.Contains(positions, s)
}

// Positions lists the positions, for the loader to check data-position as
// Go does.
func Positions() []string { return slices.Clone(positions) }

// Edges splits a valid position into the edge of the page the bar or box
// sits on ("top" or "bottom") and the side of the box ("left" or "right").
// An invalid position gives the default's edges.
func Edges(position string) (vertical, horizontal string) {
	if !IsPosition(position) {
		position = PositionBottom
	}
	vertical, horizontal, _ = strings.Cut(position, "-")
	if horizontal == "" {
		horizontal = "right"
	}
	return vertical, horizontal
}

// maxStylesheetURL bounds the stylesheet's URL: it is inlined in every
// consent.js, and a real one is short.
const maxStylesheetURL = 2048

// stylesheetRule is what a stylesheet URL may be, in every message about it.
const stylesheetRule = `an https URL such as "https://portal.example.org/css/consent.css", or a path from the page's origin such as "/css/consent.css"`

// IsStylesheetURL reports whether s may be the integrator's stylesheet: an
// absolute https URL with a host and without credentials, or a root-relative
// path ("/css/consent.css", resolved against the page's origin). Plain http
// would be blocked as mixed content on https portals, and other schemes
// (data:, javascript:) have no business in a <link>. Spaces, quotes, angle
// brackets and control characters are refused so that the URL can go
// anywhere unescaped.
func IsStylesheetURL(s string) bool {
	if s == "" || len(s) > maxStylesheetURL || strings.ContainsAny(s, "\"'<>\\` ") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return false
		}
	}
	if strings.HasPrefix(s, "/") {
		return !strings.HasPrefix(s, "//") // "//host/x" is another origin, without a scheme
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil
}

// validateAppearance checks the fields that only change how the banner
// looks: position and stylesheet.
func (c *Config) validateAppearance(ps *problems) {
	if !IsPosition(c.Position) {
		ps.add("position", "%s is not a position (allowed: %s; %q when omitted)", clip(quote(c.Position)), quoteAll(positions), PositionBottom)
	}
	if c.Stylesheet != "" && !IsStylesheetURL(c.Stylesheet) {
		ps.add("stylesheet", "%s is not a stylesheet URL (%s; omit it for the default theme only)", clip(quote(c.Stylesheet)), stylesheetRule)
	}
}

// quoteAll renders values as `"a", "b" or "c"`.
func quoteAll(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quote(v)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
