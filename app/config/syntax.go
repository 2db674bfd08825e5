package config

import "strings"

// isID reports whether s is a category id: a lowercase ASCII letter, then up
// to 31 lowercase letters, digits, "_" or "-". Ids travel in the consent
// cookie, in HTML attributes and in JS, where this set needs no escaping.
func isID(s string) bool {
	if len(s) == 0 || len(s) > 32 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		b := s[i]
		if !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '-') {
			return false
		}
	}
	return true
}

// isLanguage reports whether s is a language code as configuration keys
// write it: 2 or 3 lowercase letters, then subtags of 2 to 8 letters or
// digits ("fr", "en", "pt-BR", "zh-Hant").
func isLanguage(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts[0]) < 2 || len(parts[0]) > 3 {
		return false
	}
	for _, b := range []byte(parts[0]) {
		if b < 'a' || b > 'z' {
			return false
		}
	}
	for _, p := range parts[1:] {
		if len(p) < 2 || len(p) > 8 {
			return false
		}
		for _, b := range []byte(p) {
			if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
				return false
			}
		}
	}
	return true
}

// maxCookieName bounds a cookie name; browsers limit name and value together
// to 4 KB, and real names are short.
const maxCookieName = 256

// isCookieName reports whether s can name a cookie to delete with
// document.cookie: printable ASCII without space, ";", "=", ",", '"' or "\",
// with "*" allowed only as the last character of a prefix pattern ("_ga*").
func isCookieName(s string) bool {
	if s == "" || len(s) > maxCookieName {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b <= ' ' || b >= 0x7f:
			return false
		case b == ';' || b == '=' || b == ',' || b == '"' || b == '\\':
			return false
		case b == '*' && i != len(s)-1:
			return false
		}
	}
	return true
}

// isCookieDomain reports whether s can be a cookie's Domain attribute: a
// host name of at least two labels ("example.org"), optionally with a
// leading dot, made of letters, digits and inner "-", the last label not
// all digits (an IP address or a bare top-level domain would make browsers
// drop the cookie, and the banner would ask on every page).
func isCookieDomain(s string) bool {
	s = strings.TrimPrefix(s, ".")
	if len(s) == 0 || len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, b := range []byte(l) {
			if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-') {
				return false
			}
		}
	}
	last := labels[len(labels)-1]
	return strings.Trim(last, "0123456789") != ""
}
