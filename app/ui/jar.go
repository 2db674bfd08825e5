// Package ui holds the go-app components of the banner: the first layer and
// the preferences panel. They only talk to the page through a Jar, so the
// same components render natively (tests, server-side prerendering) and in
// the browser.
package ui

import "strings"

// Jar is the page's cookie store: document.cookie in the browser.
type Jar interface {
	// Cookies returns every cookie visible to the page, as document.cookie does.
	Cookies() string
	// SetCookie stores one cookie given as a Set-Cookie-like string, as an
	// assignment to document.cookie does.
	SetCookie(string)
}

// MemoryJar is a Jar for tests and server-side rendering: it keeps the name
// and value of each cookie set, and forgets one set with Max-Age=0.
type MemoryJar struct {
	names  []string
	values map[string]string
}

// Cookies implements Jar.
func (j *MemoryJar) Cookies() string {
	parts := make([]string, 0, len(j.names))
	for _, n := range j.names {
		parts = append(parts, n+"="+j.values[n])
	}
	return strings.Join(parts, "; ")
}

// SetCookie implements Jar.
func (j *MemoryJar) SetCookie(s string) {
	pair, attrs, _ := strings.Cut(s, ";")
	name, value, _ := strings.Cut(pair, "=")
	name = strings.TrimSpace(name)
	if j.values == nil {
		j.values = map[string]string{}
	}
	if _, ok := j.values[name]; !ok {
		j.names = append(j.names, name)
	}
	j.values[name] = value
	if strings.Contains(strings.ReplaceAll(attrs, " ", ""), "Max-Age=0") {
		j.delete(name)
	}
}

func (j *MemoryJar) delete(name string) {
	delete(j.values, name)
	for i, n := range j.names {
		if n == name {
			j.names = append(j.names[:i], j.names[i+1:]...)
			return
		}
	}
}
