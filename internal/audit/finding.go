//go:build !js

package audit

// Severity says whether a finding breaks a rule (a violation, exit status
// 1) or only makes the banner's information less exact (a warning, exit
// status 1 only with -strict).
type Severity string

const (
	Violation Severity = "violation"
	Warning   Severity = "warning"
)

// Kind names what a finding is about; docs/audit.md lists them all.
type Kind string

const (
	// KindCookieWithoutConsent: a cookie of an optional category, or an
	// undeclared one, for the visitor who made no choice or refused all.
	KindCookieWithoutConsent Kind = "cookie-without-consent"
	// KindStorageWithoutConsent: the same for a localStorage or
	// sessionStorage key.
	KindStorageWithoutConsent Kind = "storage-without-consent"
	// KindRequestWithoutConsent: a request to another site, not allowed as
	// necessary, for the visitor who made no choice or refused all.
	KindRequestWithoutConsent Kind = "request-without-consent"
	// KindUndeclaredCookie: a cookie of the visitor who accepted all that
	// no category's table declares: the consent given does not cover it.
	KindUndeclaredCookie Kind = "undeclared-cookie"
	// KindUnusedDeclaration: a cookie-table row of an optional category
	// that matched no cookie or storage key on any page.
	KindUnusedDeclaration Kind = "unused-declaration"
	// KindNoBanner: a page where the banner's loader did not run.
	KindNoBanner Kind = "no-banner"
	// KindNoWithdrawalLink: a page without a data-cc="preferences" control.
	KindNoWithdrawalLink Kind = "no-withdrawal-link"
	// KindFirstLayer: the first layer was not shown, or lacks "refuse all"
	// or "accept all".
	KindFirstLayer Kind = "first-layer"
	// KindPreTicked: an optional category switched on in the panel before
	// any choice.
	KindPreTicked Kind = "pre-ticked-category"
	// KindChoiceLifetime: the consent cookie lives longer than the
	// configuration says.
	KindChoiceLifetime Kind = "choice-lifetime"
)

// Finding is one fault, with everywhere it was seen. Findings about the same
// thing (the same cookie, host, category...) on several pages or for several
// visitors are one finding with several sightings.
type Finding struct {
	Kind     Kind     `json:"kind"`
	Severity Severity `json:"severity"`
	Rule     Rule     `json:"rule"`
	// Subject is what the finding is about: a cookie or storage key name,
	// a host, a category id, a cookie-table row, a button; "" for a fault
	// of the page itself (no banner, no withdrawal link).
	Subject string `json:"subject"`
	// Category is the declared category of the subject, "" when none
	// declares it.
	Category string `json:"category,omitempty"`
	// Message says it in a sentence, in the report's language.
	Message   string     `json:"message"`
	Sightings []Sighting `json:"sightings"`
	// Evidence is what was observed, the first time.
	Evidence Evidence `json:"evidence"`
	// Suggestion is set for an undeclared cookie or storage key.
	Suggestion *Suggestion `json:"suggestion,omitempty"`
}

// Sighting is one page and one visitor for whom a finding holds.
type Sighting struct {
	Page    string  `json:"page"`
	Visitor Visitor `json:"visitor,omitempty"`
}

// Evidence is the observation behind a finding: at most one field is set,
// or Detail alone.
type Evidence struct {
	Cookie  *Cookie     `json:"cookie,omitempty"`
	Storage *StorageKey `json:"storage,omitempty"`
	Request *Request    `json:"request,omitempty"`
	// Detail is a short fact in English (such as a lifetime compared with
	// the configured one).
	Detail string `json:"detail,omitempty"`
}
