//go:build !js

package audit

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/opendata-portals/cookie-consent/internal/pagestyle"
)

// The HTML report is one self-contained page: its CSS inline (the look it
// shares with the operator pages, internal/pagestyle, then report.css), no script, no image, no external resource, so it
// reads offline and can be attached to a ticket or a CI run.
var (
	//go:embed report.html
	reportHTML string
	//go:embed report.css
	reportOwnCSS string
	reportCSS    = pagestyle.CSS + reportOwnCSS

	reportTemplate = template.Must(template.New("report").Parse(reportHTML))
)

// StyleSheet is the report's inline stylesheet, for a server that serves
// the report to allow it by hash in its Content-Security-Policy.
func StyleSheet() string { return reportCSS }

// labels are the report's fixed texts.
type labels struct {
	Title, Violations, Warnings, PagesAudited, PagesFailed, When, Config, Revision, ChoiceKept, Days,
	Start, Allowed, None, Visitors, VisitorsText, Findings, NoFinding, Where, Suggestion, Pages, Page,
	Seen, Cookie, Domain, Path, Lifetime, Flags, Category, NoCookie, Storage, Requests, Rules, Rule, Source,
	Pass, Fail, Incomplete, Violation, Warning, Session, Undeclared, ThirdParty, SuggestIn, SuggestNone,
	EvCookie, EvStorage, EvRequest, EvInitiator, EvDetail, Expires string
}

var reportLabels = map[string]labels{
	"fr": {
		Title: "Audit des cookies", Violations: "Violations", Warnings: "Avertissements", PagesAudited: "Pages auditées",
		PagesFailed: "Pages en échec", When: "Date", Config: "Configuration", Revision: "révision", ChoiceKept: "choix conservé",
		Days: "jours (consentement / refus)", Start: "Départ", Allowed: "Hôtes autorisés avant consentement", None: "aucun",
		Visitors:     "Visiteurs",
		VisitorsText: "chaque page est visitée par trois visiteurs au profil vide : sans choix, tout refusé, tout accepté (par les boutons du bandeau).",
		Findings:     "Constats", NoFinding: "Aucun constat : le portail respecte sa configuration et les règles vérifiées.",
		Where: "Où", Suggestion: "Proposition", Pages: "Pages", Page: "Page", Seen: "Ce que chaque visiteur a reçu",
		Cookie: "Cookie", Domain: "Domaine", Path: "Chemin", Lifetime: "Durée", Flags: "Attributs", Category: "Catégorie",
		NoCookie: "Aucun cookie.", Storage: "Stockage", Requests: "Requêtes vers d'autres sites", Rules: "Règles vérifiées",
		Rule: "Règle", Source: "Source", Pass: "Conforme : aucune violation.", Fail: "Non conforme : %d violation(s), %d avertissement(s).",
		Incomplete: "Audit incomplet : %s", Violation: "Violation", Warning: "Avertissement", Session: "session",
		Undeclared: "non déclaré", ThirdParty: "tiers", SuggestIn: "À ajouter à la catégorie %s :",
		SuggestNone: "La configuration n'a pas de catégorie optionnelle où le déclarer ; ligne à adapter :",
		EvCookie:    "Cookie", EvStorage: "Clé", EvRequest: "Requête", EvInitiator: "Initiée par", EvDetail: "Détail", Expires: "expire le",
	},
	"en": {
		Title: "Cookie audit", Violations: "Violations", Warnings: "Warnings", PagesAudited: "Pages audited",
		PagesFailed: "Pages failed", When: "Date", Config: "Configuration", Revision: "revision", ChoiceKept: "choice kept",
		Days: "days (consent / refusal)", Start: "Start", Allowed: "Hosts allowed before consent", None: "none",
		Visitors:     "Visitors",
		VisitorsText: "each page is visited by three visitors with an empty profile: no choice, refused all, accepted all (with the banner's buttons).",
		Findings:     "Findings", NoFinding: "No finding: the portal keeps to its configuration and to the rules checked.",
		Where: "Where", Suggestion: "Suggestion", Pages: "Pages", Page: "Page", Seen: "What each visitor got",
		Cookie: "Cookie", Domain: "Domain", Path: "Path", Lifetime: "Lifetime", Flags: "Flags", Category: "Category",
		NoCookie: "No cookie.", Storage: "Storage", Requests: "Requests to other sites", Rules: "Rules checked",
		Rule: "Rule", Source: "Source", Pass: "Compliant: no violation.", Fail: "Not compliant: %d violation(s), %d warning(s).",
		Incomplete: "Audit incomplete: %s", Violation: "Violation", Warning: "Warning", Session: "session",
		Undeclared: "undeclared", ThirdParty: "third-party", SuggestIn: "To add to category %s:",
		SuggestNone: "The configuration has no optional category to declare it in; a row to adapt:",
		EvCookie:    "Cookie", EvStorage: "Key", EvRequest: "Request", EvInitiator: "Initiated by", EvDetail: "Detail", Expires: "expires",
	},
}

type htmlView struct {
	Lang, Site, When, Verdict, VerdictClass string
	// CSS is our own file, embedded: trusted.
	CSS          template.CSS
	T            labels
	R            *Report
	Findings     []htmlFinding
	VisitorNames []string
	Pages        []htmlPage
	Rules        []htmlRule
}

type htmlFinding struct {
	Severity, SeverityLabel, Message, RuleText, RuleRef string
	Where                                               []htmlWhere
	Evidence                                            []htmlPair
	Suggestion, SuggestionText                          string
}

type htmlWhere struct{ Page, Visitors string }
type htmlPair struct{ Label, Value string }
type htmlRule struct{ Text, Ref string }

type htmlPage struct {
	URL, Error string
	Cells      []string
	Visitors   []htmlVisitor
}

type htmlVisitor struct {
	Name, Error string
	Cookies     []htmlCookie
	Storage     []string
	Requests    []string
}

type htmlCookie struct{ Name, Domain, Path, Lifetime, Flags, Category string }

// WriteHTML writes the report as one self-contained HTML page in lang ("fr"
// or "en"; the report's own language when empty).
func (r *Report) WriteHTML(w io.Writer, lang string) error {
	if lang == "" {
		lang = r.Lang
	}
	t, ok := reportLabels[lang]
	if !ok {
		lang, t = "fr", reportLabels["fr"]
	}
	v := htmlView{Lang: lang, CSS: template.CSS(reportCSS), T: t, R: r, When: r.StartedAt.Format("2006-01-02 15:04 MST")}
	v.Site = siteOf(r.Start)
	switch r.ExitCode() {
	case ExitViolation:
		v.Verdict, v.VerdictClass = fmt.Sprintf(t.Fail, r.Summary.Violations, r.Summary.Warnings), "fail"
	case ExitCannotRun:
		v.Verdict, v.VerdictClass = fmt.Sprintf(t.Incomplete, cmp.Or(r.Incomplete, "no page could be audited")), "incomplete"
	default:
		v.Verdict, v.VerdictClass = t.Pass, "pass"
	}
	for _, f := range r.Findings {
		v.Findings = append(v.Findings, findingView(f, lang, t))
	}
	for _, vis := range Visitors() {
		v.VisitorNames = append(v.VisitorNames, VisitorName(vis, lang))
	}
	for _, p := range r.Pages {
		v.Pages = append(v.Pages, pageView(p, lang, t))
	}
	for _, rule := range []Rule{RuleConsentFirst, RuleRefusal, RuleInformed, RuleAccurate, RuleWithdrawal, RuleEqualChoice, RuleNoPreTicked, RuleChoiceLifetime} {
		v.Rules = append(v.Rules, htmlRule{Text: ruleText(rule, lang), Ref: rule.Ref})
	}
	return reportTemplate.Execute(w, v)
}

func ruleText(r Rule, lang string) string {
	if lang == "fr" {
		return r.FR
	}
	return r.EN
}

// siteOf names the audited site by its first start URL's host.
func siteOf(start []string) string {
	if len(start) == 0 {
		return ""
	}
	if u, err := url.Parse(start[0]); err == nil && u.Host != "" {
		return u.Host
	}
	return start[0]
}

func findingView(f Finding, lang string, t labels) htmlFinding {
	h := htmlFinding{Severity: string(f.Severity), Message: Message(f, lang), RuleText: ruleText(f.Rule, lang), RuleRef: f.Rule.Ref}
	h.SeverityLabel = t.Warning
	if f.Severity == Violation {
		h.SeverityLabel = t.Violation
	}
	// One line per page, with the visitors it was seen for.
	var order []string
	byPage := map[string][]string{}
	for _, s := range f.Sightings {
		if _, ok := byPage[s.Page]; !ok {
			order = append(order, s.Page)
		}
		if s.Visitor != "" {
			byPage[s.Page] = append(byPage[s.Page], VisitorName(s.Visitor, lang))
		}
	}
	for _, p := range order {
		h.Where = append(h.Where, htmlWhere{Page: p, Visitors: strings.Join(byPage[p], ", ")})
	}
	e := f.Evidence
	if c := e.Cookie; c != nil {
		h.Evidence = append(h.Evidence, htmlPair{t.EvCookie, fmt.Sprintf("%s; domain %s; path %s; %s; %s", c.Name, c.Domain, c.Path,
			expiryText(*c, t), flagsText(*c, t))})
	}
	if k := e.Storage; k != nil {
		h.Evidence = append(h.Evidence, htmlPair{t.EvStorage, k.Area + "Storage: " + k.Key})
	}
	if r := e.Request; r != nil {
		h.Evidence = append(h.Evidence, htmlPair{t.EvRequest, r.Type + " " + r.URL})
		if r.Initiator != "" {
			h.Evidence = append(h.Evidence, htmlPair{t.EvInitiator, r.Initiator})
		}
	}
	if e.Detail != "" && e.Cookie == nil {
		h.Evidence = append(h.Evidence, htmlPair{t.EvDetail, e.Detail})
	}
	if s := f.Suggestion; s != nil {
		data, _ := json.MarshalIndent(s.Entry, "", "  ")
		h.Suggestion = string(data)
		h.SuggestionText = t.SuggestNone
		if s.Category != "" {
			h.SuggestionText = fmt.Sprintf(t.SuggestIn, s.Category)
		}
	}
	return h
}

// expiryText says when a cookie expires, or that it lasts the session.
func expiryText(c Cookie, t labels) string {
	if c.Expires == nil {
		return t.Session
	}
	return t.Expires + " " + c.Expires.UTC().Format(time.DateOnly)
}

func flagsText(c Cookie, t labels) string {
	var flags []string
	if c.HTTPOnly {
		flags = append(flags, "HttpOnly")
	}
	if c.Secure {
		flags = append(flags, "Secure")
	}
	if c.SameSite != "" {
		flags = append(flags, "SameSite="+c.SameSite)
	}
	if c.ThirdParty {
		flags = append(flags, t.ThirdParty)
	}
	if len(flags) == 0 {
		return "—"
	}
	return strings.Join(flags, " ")
}

func pageView(p Page, lang string, t labels) htmlPage {
	h := htmlPage{URL: p.URL, Error: p.Error}
	for _, vis := range Visitors() {
		o, ok := p.Observation(vis)
		if !ok {
			h.Cells = append(h.Cells, "—")
			continue
		}
		cell := fmt.Sprintf("%d %s, %d %s, %d %s", len(o.Cookies), strings.ToLower(t.Cookie)+"(s)", len(o.Storage), strings.ToLower(t.Storage), len(o.Requests), "req.")
		h.Cells = append(h.Cells, cell)
		hv := htmlVisitor{Name: VisitorName(vis, lang), Error: o.Error}
		for _, c := range o.Cookies {
			cat := c.Category
			if cat == "" {
				cat = t.Undeclared
			}
			life := t.Session
			if c.Expires != nil {
				fr, en := lifetimeWords(c.Lifetime(o.At))
				life = en
				if lang == "fr" {
					life = fr
				}
			}
			hv.Cookies = append(hv.Cookies, htmlCookie{Name: c.Name, Domain: c.Domain, Path: c.Path, Lifetime: life, Flags: flagsText(c, t), Category: cat})
		}
		for _, k := range o.Storage {
			hv.Storage = append(hv.Storage, k.Area+":"+k.Key)
		}
		for _, r := range o.Requests {
			hv.Requests = append(hv.Requests, r.Type+" "+r.URL)
		}
		h.Visitors = append(h.Visitors, hv)
	}
	return h
}
