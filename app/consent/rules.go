package consent

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Errors returned by Check: the cookie is well formed but no longer answers
// the site's current question, so the banner asks again.
var (
	ErrExpired    = errors.New("consent: choice expired")
	ErrRevision   = errors.New("consent: choice made under another configuration revision")
	ErrCategories = errors.New("consent: choice does not match the configured categories")
	ErrFuture     = errors.New("consent: choice dated in the future")
)

// clockSkew tolerates visitors whose clock runs ahead of the one that wrote
// the cookie (a choice stamped a little in the future is still theirs).
const clockSkew = 24 * time.Hour

// Rules is what the site's configuration asks of a stored choice.
type Rules struct {
	Revision int           // the configuration's revision; any other revision asks again
	Lifetime time.Duration // how long a consent (any optional category accepted) is valid
	// RefusalLifetime is how long a refusal (every optional category
	// refused) is valid; zero means Lifetime.
	RefusalLifetime time.Duration
	Categories      []string // every category id, in display order
	Required        []string // categories that cannot be refused
}

// Check reports whether the choice still answers the configuration now.
// Every configured category must be answered (a new purpose needs a new
// consent), no unknown category may appear, required ones must be on.
func (c Choice) Check(r Rules, now time.Time) error {
	if c.Rev != r.Revision {
		return fmt.Errorf("%w: cookie %d, configuration %d", ErrRevision, c.Rev, r.Revision)
	}
	made := c.Time()
	if made.After(now.Add(clockSkew)) {
		return ErrFuture
	}
	if !now.Before(made.Add(r.LifetimeOf(c))) {
		return ErrExpired
	}
	if len(c.Categories) != len(r.Categories) {
		return fmt.Errorf("%w: %d answered, %d configured", ErrCategories, len(c.Categories), len(r.Categories))
	}
	for _, id := range r.Categories {
		if _, ok := c.Categories[id]; !ok {
			return fmt.Errorf("%w: %q not answered", ErrCategories, id)
		}
	}
	for _, id := range r.Required {
		if !c.Categories[id] {
			return fmt.Errorf("%w: required %q refused", ErrCategories, id)
		}
	}
	return nil
}

// LifetimeOf is how long the choice stays valid: RefusalLifetime when it
// accepts no optional category, Lifetime otherwise. It is also the cookie's
// Max-Age, so the browser forgets the choice when the site would.
func (r Rules) LifetimeOf(c Choice) time.Duration {
	if r.RefusalLifetime > 0 && c.Refusal(r) {
		return r.RefusalLifetime
	}
	return r.Lifetime
}

// Refusal reports whether the choice accepts none of the categories that can
// be refused.
func (c Choice) Refusal(r Rules) bool {
	for id, on := range c.Categories {
		if on && !slices.Contains(r.Required, id) {
			return false
		}
	}
	return true
}

// Current returns the visitor's valid choice found in a cookie string, or
// false when there is none that still answers the rules: missing, expired,
// malformed, oversized, tampered and older-revision cookies all mean "ask".
func Current(cookies string, r Rules, now time.Time) (Choice, bool) {
	c, err := Read(cookies)
	if err != nil || c.Check(r, now) != nil {
		return Choice{}, false
	}
	return c, true
}
