//go:build !js

package audit

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
)

// lifetimeSlack is how much longer than configured the consent cookie may
// have left when read: the seconds between the click and the reading, with
// room for a slow machine. Any real excess is whole days.
const lifetimeSlack = time.Hour

// Judge turns what the visitors saw into findings, against the
// configuration. allowed lists the hosts that pages may request before
// consent (host names, or "*.example.org" for a domain and its
// sub-domains); the banner's own host is always allowed.
func Judge(cfg *config.Config, pages []Page, allowed []string) []Finding {
	j := &judge{cfg: cfg, decls: Declarations(cfg), allowed: allowed, byKey: map[string]*Finding{}}
	// Every page's visitors without consent first, so that a cookie seen
	// without consent on one page is not also called undeclared from
	// another page's visitor who accepted.
	for _, p := range pages {
		if p.Error == "" {
			j.page(p)
		}
	}
	for _, p := range pages {
		if p.Error != "" {
			continue
		}
		for _, o := range p.Observations {
			if o.Visitor == AcceptAll {
				j.undeclared(p.URL, o)
			}
		}
	}
	j.unused(pages)
	out := make([]Finding, 0, len(j.order))
	for _, k := range j.order {
		out = append(out, *j.byKey[k])
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		if a.Severity != b.Severity {
			if a.Severity == Violation {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Subject, b.Subject))
	})
	return out
}

type judge struct {
	cfg     *config.Config
	decls   []Declaration
	allowed []string
	byKey   map[string]*Finding
	order   []string
}

// add records a sighting of the finding, merging it with the earlier
// finding of the same kind and subject.
func (j *judge) add(f Finding, s Sighting) {
	key := string(f.Kind) + "\x00" + f.Subject
	have, ok := j.byKey[key]
	if !ok {
		f.Sightings = []Sighting{}
		if s != (Sighting{}) {
			f.Sightings = append(f.Sightings, s)
		}
		j.byKey[key] = &f
		j.order = append(j.order, key)
		return
	}
	if f.Kind == KindCookieWithoutConsent || f.Kind == KindStorageWithoutConsent || f.Kind == KindRequestWithoutConsent {
		// Seen before any choice is the graver rule.
		if s.Visitor == NoChoice {
			have.Rule = RuleConsentFirst
		}
	}
	if s != (Sighting{}) && !slices.Contains(have.Sightings, s) {
		have.Sightings = append(have.Sightings, s)
	}
}

func (j *judge) page(p Page) {
	// The banner's own host serves its script, wasm and configuration: it
	// is necessary for every visitor.
	bannerHost := ""
	if o, ok := p.Observation(NoChoice); ok && o.Banner != nil {
		bannerHost = hostOf(o.Banner.ScriptURL)
	}
	for _, o := range p.Observations {
		switch o.Visitor {
		case NoChoice, RefuseAll:
			j.withoutConsent(p.URL, o, bannerHost)
			if o.Visitor == RefuseAll {
				j.choiceLifetime(p.URL, o, j.cfg.RefusalLifetime())
			}
		case AcceptAll:
			j.choiceLifetime(p.URL, o, j.cfg.Lifetime())
		}
		if o.Visitor == NoChoice && o.Banner != nil {
			j.banner(p.URL, *o.Banner)
		}
	}
}

// ruleFor is the rule a visitor without consent is protected by.
func ruleFor(v Visitor) Rule {
	if v == NoChoice {
		return RuleConsentFirst
	}
	return RuleRefusal
}

// withoutConsent judges what a visitor who has not consented has: only the
// consent cookie, cookies and keys of required categories, and requests to
// allowed hosts.
func (j *judge) withoutConsent(page string, o Observation, bannerHost string) {
	s := Sighting{Page: page, Visitor: o.Visitor}
	for _, c := range o.Cookies {
		if c.Name == consent.CookieName && !c.ThirdParty {
			continue
		}
		d, declared := Match(j.decls, c.Name)
		if declared && d.Required {
			continue
		}
		f := Finding{Kind: KindCookieWithoutConsent, Severity: Violation, Rule: ruleFor(o.Visitor), Subject: c.Name, Category: d.Category, Evidence: Evidence{Cookie: &c}}
		if !declared {
			sg := Suggest(j.cfg, c.Name, &c, o.At)
			f.Suggestion = &sg
		}
		j.add(f, s)
	}
	for _, k := range o.Storage {
		d, declared := Match(j.decls, k.Key)
		if declared && d.Required {
			continue
		}
		f := Finding{Kind: KindStorageWithoutConsent, Severity: Violation, Rule: ruleFor(o.Visitor), Subject: k.Key, Category: d.Category, Evidence: Evidence{Storage: &k}}
		if !declared {
			sg := Suggest(j.cfg, k.Key, nil, o.At)
			f.Suggestion = &sg
		}
		j.add(f, s)
	}
	for _, r := range o.Requests {
		if (bannerHost != "" && r.Host == bannerHost) || HostAllowed(j.allowed, r.Host) {
			continue
		}
		j.add(Finding{Kind: KindRequestWithoutConsent, Severity: Violation, Rule: ruleFor(o.Visitor), Subject: r.Host, Evidence: Evidence{Request: &r}}, s)
	}
}

// undeclared judges the visitor who accepted all: every cookie must be in a
// table, else the visitor consented without being told about it, and its
// consent does not cover it (a violation). A cookie already reported
// without consent carries its suggestion there.
func (j *judge) undeclared(page string, o Observation) {
	for _, c := range o.Cookies {
		if c.Name == consent.CookieName && !c.ThirdParty {
			continue
		}
		if _, declared := Match(j.decls, c.Name); declared {
			continue
		}
		if _, reported := j.byKey[string(KindCookieWithoutConsent)+"\x00"+c.Name]; reported {
			continue
		}
		sg := Suggest(j.cfg, c.Name, &c, o.At)
		j.add(Finding{Kind: KindUndeclaredCookie, Severity: Violation, Rule: RuleInformed, Subject: c.Name, Evidence: Evidence{Cookie: &c}, Suggestion: &sg},
			Sighting{Page: page, Visitor: o.Visitor})
	}
}

// choiceLifetime checks that the consent cookie the banner wrote lives no
// longer than the configuration says.
func (j *judge) choiceLifetime(page string, o Observation, limit time.Duration) {
	for _, c := range o.Cookies {
		if c.Name != consent.CookieName || c.ThirdParty {
			continue
		}
		if life := c.Lifetime(o.At); life > limit+lifetimeSlack {
			j.add(Finding{Kind: KindChoiceLifetime, Severity: Violation, Rule: RuleChoiceLifetime, Subject: c.Name, Evidence: Evidence{
				Cookie: &c,
				Detail: fmt.Sprintf("kept %.1f days, the configuration says %d", life.Hours()/24, int(limit.Hours()/24)),
			}}, Sighting{Page: page, Visitor: o.Visitor})
		}
	}
}

// banner judges what the page showed of the banner before any choice.
func (j *judge) banner(page string, b BannerState) {
	s := Sighting{Page: page, Visitor: NoChoice}
	if !b.WithdrawalLink {
		j.add(Finding{Kind: KindNoWithdrawalLink, Severity: Violation, Rule: RuleWithdrawal}, s)
	}
	if !b.Script {
		j.add(Finding{Kind: KindNoBanner, Severity: Violation, Rule: RuleConsentFirst}, s)
		return
	}
	switch {
	case !b.FirstLayer:
		j.add(Finding{Kind: KindFirstLayer, Severity: Violation, Rule: RuleEqualChoice, Subject: "first-layer"}, s)
	default:
		if !b.RefuseAll {
			j.add(Finding{Kind: KindFirstLayer, Severity: Violation, Rule: RuleEqualChoice, Subject: "refuse-all"}, s)
		}
		if !b.AcceptAll {
			j.add(Finding{Kind: KindFirstLayer, Severity: Violation, Rule: RuleEqualChoice, Subject: "accept-all"}, s)
		}
	}
	for _, id := range b.PreTicked {
		j.add(Finding{Kind: KindPreTicked, Severity: Violation, Rule: RuleNoPreTicked, Subject: id, Category: id}, s)
	}
}

// unused reports the rows of optional categories that matched nothing any
// visitor had on any page. Rows of required categories are left out: an
// anonymous visitor cannot see the cookies that only a login or a form sets
// (a session id, a CSRF token), so their absence proves nothing.
func (j *judge) unused(pages []Page) {
	audited := false
	seen := map[string]bool{}
	for _, p := range pages {
		if p.Error != "" {
			continue
		}
		audited = true
		for _, o := range p.Observations {
			for _, c := range o.Cookies {
				seen[c.Name] = true
			}
			for _, k := range o.Storage {
				seen[k.Key] = true
			}
		}
	}
	if !audited {
		return
	}
	for _, d := range j.decls {
		if d.Required {
			continue
		}
		used := false
		for name := range seen {
			if MatchesCookie(d.Pattern, name) {
				used = true
				break
			}
		}
		if !used {
			j.add(Finding{Kind: KindUnusedDeclaration, Severity: Warning, Rule: RuleAccurate, Subject: d.Pattern, Category: d.Category}, Sighting{})
		}
	}
}

// HostAllowed reports whether host matches one of the patterns: a host name,
// or "*.example.org" for example.org and every host under it.
func HostAllowed(patterns []string, host string) bool {
	host = strings.ToLower(host)
	for _, p := range patterns {
		p = strings.ToLower(strings.TrimSpace(p))
		if domain, ok := strings.CutPrefix(p, "*."); ok {
			if host == domain || strings.HasSuffix(host, "."+domain) {
				return true
			}
		} else if host == p {
			return true
		}
	}
	return false
}

// hostOf is the host name of a URL, "" when it has none.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
