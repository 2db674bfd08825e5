package operator

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The operator's pages speak French (the default: the product is for
// French portals) and English. The language is, in order: ?lang= (the
// switch in every page's header, remembered in a cookie), that cookie,
// then the browser's Accept-Language; French when none of them says.
const (
	langFrench  = "fr"
	langEnglish = "en"
	// langCookie remembers the switch, for /operator only.
	langCookie = "cc_operator_lang"
)

// translations are every text of the operator's pages, by language. The
// templates read them with missingkey=error, and a test checks that both
// languages have the same keys, so no page can show a hole.
var translations = map[string]map[string]string{
	langFrench: {
		"site":               "Preuve du consentement",
		"nav":                "Opérateur",
		"overview":           "Vue d'ensemble",
		"lookup":             "Rechercher un identifiant de consentement",
		"navLookup":          "Rechercher un consentement",
		"logout":             "Se déconnecter",
		"switch":             "English",
		"switchLang":         "en",
		"loginTitle":         "Connexion de l'opérateur",
		"login":              "Se connecter",
		"token":              "Jeton d'opérateur",
		"choicesReceived":    "Choix reçus",
		"from":               "Du",
		"to":                 "Au",
		"show":               "Afficher",
		"exportCSV":          "Exporter en CSV",
		"total":              "Total",
		"byDay":              "Par jour (UTC)",
		"day":                "Jour",
		"kind.accept_all":    "Tout accepter",
		"kind.refuse_all":    "Tout refuser",
		"kind.custom":        "Personnalisé",
		"chartTitle":         "Choix reçus par jour (%d jours, UTC)",
		"lookupIntro":        "L'identifiant se trouve dans le cookie <code>cookies_preferences</code> du visiteur (<code>\"id\"</code>) : c'est ce qu'un visiteur donne pour savoir à quoi il a consenti.",
		"consentID":          "Identifiant de consentement",
		"lookUp":             "Rechercher",
		"records":            "%d choix avec cet identifiant, du plus ancien au plus récent",
		"chosen":             "Choisi (horloge du visiteur)",
		"received":           "Reçu",
		"choice":             "Choix",
		"accepted":           "Acceptées",
		"refused":            "Refusées",
		"revision":           "Révision",
		"textsShown":         "Textes affichés",
		"page":               "Page",
		"errTooMany":         "Trop de tentatives échouées : attendez quelques minutes.",
		"errForm":            "Le formulaire n'a pas pu être lu.",
		"errToken":           "Jeton incorrect.",
		"errNotID":           "Ce n'est pas un identifiant de consentement : 16 à 64 caractères A-Z a-z 0-9 _ -.",
		"errNoRecord":        "Aucun enregistrement pour cet identifiant.",
		"errDate":            "%s : %q n'est pas une date (AAAA-MM-JJ)",
		"errRange":           "la période finit avant de commencer",
		"errLong":            "le graphique montre au plus %d jours : exportez le CSV pour une période plus longue",
		"audits":             "Audits des cookies",
		"latestAudit":        "Dernier audit des cookies",
		"auditLine":          "%d violation(s), %d avertissement(s) sur %d page(s) de %s, %s.",
		"readReport":         "Lire le rapport",
		"allAudits":          "Tous les audits",
		"noAuditOverview":    "Aucun audit enregistré : lancez <code>cookie-consent audit -proof-db …</code> (voir docs/audit.md).",
		"auditsIntro":        "Ce que les pages du portail ont vraiment fait des cookies, vu par trois nouveaux visiteurs dans un vrai navigateur (<code>cookie-consent audit -proof-db …</code>), du plus récent au plus ancien.",
		"noAuditList":        "Aucun audit enregistré : lancez <code>cookie-consent audit -proof-db …</code> avec le <code>-proof-db</code> du serveur (voir docs/audit.md).",
		"started":            "Commencé",
		"site2":              "Site",
		"verdict":            "Verdict",
		"violations":         "Violations",
		"warnings":           "Avertissements",
		"pages":              "Pages",
		"report":             "Rapport",
		"pagesFailed":        "(+%d en échec)",
		"verdict.clean":      "Conforme",
		"verdict.violation":  "Non conforme",
		"verdict.incomplete": "Incomplet",
	},
	langEnglish: {
		"site":               "Proof of consent",
		"nav":                "Operator",
		"overview":           "Overview",
		"lookup":             "Look up a consent id",
		"navLookup":          "Look up a consent",
		"logout":             "Log out",
		"switch":             "Français",
		"switchLang":         "fr",
		"loginTitle":         "Operator login",
		"login":              "Log in",
		"token":              "Operator token",
		"choicesReceived":    "Choices received",
		"from":               "From",
		"to":                 "To",
		"show":               "Show",
		"exportCSV":          "Export CSV",
		"total":              "Total",
		"byDay":              "By day (UTC)",
		"day":                "Day",
		"kind.accept_all":    "Accept all",
		"kind.refuse_all":    "Refuse all",
		"kind.custom":        "Custom",
		"chartTitle":         "Choices received per day (%d days, UTC)",
		"lookupIntro":        "The id is in the visitor's <code>cookies_preferences</code> cookie (<code>\"id\"</code>): it is what a visitor gives when asking what they consented to.",
		"consentID":          "Consent id",
		"lookUp":             "Look up",
		"records":            "%d choice(s) with this id, oldest first",
		"chosen":             "Chosen (visitor's clock)",
		"received":           "Received",
		"choice":             "Choice",
		"accepted":           "Accepted",
		"refused":            "Refused",
		"revision":           "Revision",
		"textsShown":         "Texts shown",
		"page":               "Page",
		"errTooMany":         "Too many failed attempts: wait a few minutes.",
		"errForm":            "The form could not be read.",
		"errToken":           "Wrong token.",
		"errNotID":           "Not a consent id: 16 to 64 characters A-Z a-z 0-9 _ -.",
		"errNoRecord":        "No record of this consent id.",
		"errDate":            "%s: %q is not a date (YYYY-MM-DD)",
		"errRange":           "the range ends before it starts",
		"errLong":            "the chart shows at most %d days: export the CSV for longer ranges",
		"audits":             "Cookie audits",
		"latestAudit":        "Latest cookie audit",
		"auditLine":          "%d violation(s), %d warning(s) on %d page(s) of %s, %s.",
		"readReport":         "Read the report",
		"allAudits":          "All audits",
		"noAuditOverview":    "No audit stored yet: run <code>cookie-consent audit -proof-db …</code> (see docs/audit.md).",
		"auditsIntro":        "What the portal's pages really did with cookies, as three fresh visitors saw them in a real browser (<code>cookie-consent audit -proof-db …</code>), latest first.",
		"noAuditList":        "No audit stored yet: run <code>cookie-consent audit -proof-db …</code> with the server's <code>-proof-db</code> (see docs/audit.md).",
		"started":            "Started",
		"site2":              "Site",
		"verdict":            "Verdict",
		"violations":         "Violations",
		"warnings":           "Warnings",
		"pages":              "Pages",
		"report":             "Report",
		"pagesFailed":        "(+%d failed)",
		"verdict.clean":      "Compliant",
		"verdict.violation":  "Not compliant",
		"verdict.incomplete": "Incomplete",
	},
}

// pageLang is the language of the page answering r, and whether the
// request switched to it (?lang=), which a cookie then remembers.
func pageLang(r *http.Request) (lang string, switched bool) {
	if l := r.URL.Query().Get("lang"); translations[l] != nil {
		return l, true
	}
	if c, err := r.Cookie(langCookie); err == nil && translations[c.Value] != nil {
		return c.Value, false
	}
	return acceptedLang(r.Header.Get("Accept-Language")), false
}

// rememberLang is the cookie that keeps a switch to lang, for /operator
// only.
func (p *Pages) rememberLang(r *http.Request, lang string) *http.Cookie {
	return &http.Cookie{Name: langCookie, Value: lang, Path: Path, MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: p.isHTTPS(r), SameSite: http.SameSiteStrictMode}
}

// acceptedLang picks French or English from an Accept-Language header:
// the one the browser weighs more (the first named on a tie), French when
// it names neither.
func acceptedLang(header string) string {
	best, bestQ := langFrench, 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if translations[base] == nil {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if q > bestQ { // on a tie, the first named wins
			best, bestQ = base, q
		}
	}
	return best
}

// tr is the text of key in lang, formatted with args when given.
func tr(lang, key string, args ...any) string {
	s, ok := translations[lang][key]
	if !ok {
		s = translations[langFrench][key]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// switchURL is the current page in the other language.
func switchURL(r *http.Request, lang string) string {
	q := url.Values{}
	for k, v := range r.URL.Query() {
		q[k] = v
	}
	q.Set("lang", tr(lang, "switchLang"))
	return r.URL.Path + "?" + q.Encode()
}
