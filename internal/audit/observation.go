//go:build !js

package audit

import "time"

// Visitor names one of the three visitors who see every page, each with an
// empty profile.
type Visitor string

const (
	// NoChoice makes no choice: what a visitor who ignores the banner gets.
	NoChoice Visitor = "none"
	// RefuseAll clicks "Tout refuser" on the banner's first layer.
	RefuseAll Visitor = "refuse"
	// AcceptAll clicks "Tout accepter" on the banner's first layer.
	AcceptAll Visitor = "accept"
)

// Visitors lists the visitors in the order they see a page.
func Visitors() []Visitor { return []Visitor{NoChoice, RefuseAll, AcceptAll} }

// Observation is what one visitor ended up with on one page, once the page
// had settled (and, for the visitors who answer the banner, once the answer
// had settled and the page had been loaded again).
type Observation struct {
	Visitor Visitor `json:"visitor"`
	// Error says why the visit could not be completed ("" when it was);
	// what was seen until then is kept.
	Error    string       `json:"error,omitempty"`
	Cookies  []Cookie     `json:"cookies"`
	Storage  []StorageKey `json:"storage"`
	Requests []Request    `json:"requests"`
	// Banner is what the page showed of the banner, for the visitor who
	// makes no choice only.
	Banner *BannerState `json:"banner,omitempty"`
	// At is when the cookies were read, to turn their expiry into a lifetime.
	At time.Time `json:"at"`
	// finalURL is the page's URL after any redirect.
	finalURL string
}

// Cookie is one cookie of the visitor's browser, first- or third-party,
// set by JavaScript or by a response. Its value is never kept: it may
// identify the visitor.
type Cookie struct {
	Name   string `json:"name"`
	Domain string `json:"domain"`
	Path   string `json:"path"`
	// Expires is when the browser drops the cookie; nil for a session cookie.
	Expires    *time.Time `json:"expires,omitempty"`
	HTTPOnly   bool       `json:"httpOnly"`
	Secure     bool       `json:"secure"`
	SameSite   string     `json:"sameSite,omitempty"`
	ThirdParty bool       `json:"thirdParty"`
	// Category is the declared category whose table names the cookie, ""
	// when none does.
	Category string `json:"category,omitempty"`
}

// Lifetime is how long the cookie had left when it was read; 0 for a
// session cookie.
func (c Cookie) Lifetime(at time.Time) time.Duration {
	if c.Expires == nil {
		return 0
	}
	return c.Expires.Sub(at)
}

// StorageKey is one key of the page's localStorage or sessionStorage.
type StorageKey struct {
	// Area is "local" or "session".
	Area string `json:"area"`
	Key  string `json:"key"`
	// Category is the declared category whose table names the key.
	Category string `json:"category,omitempty"`
}

// Request is one request the page made to another site than its own.
type Request struct {
	// URL is the request's URL without its query string or fragment,
	// which often carry the visitor's identifiers.
	URL  string `json:"url"`
	Host string `json:"host"`
	// Type is Chromium's resource type: Script, Image, XHR, Fetch, ...
	Type string `json:"type"`
	// Initiator is the URL of the script (or document) that caused the
	// request, when Chromium knows it.
	Initiator string `json:"initiator,omitempty"`
}

// BannerState is what the page showed of the banner to the visitor who
// makes no choice.
type BannerState struct {
	// Script: the loader ran (window.cookieConsent exists).
	Script bool `json:"script"`
	// ScriptURL is the loader's URL, whose host is the banner's own.
	ScriptURL string `json:"scriptURL,omitempty"`
	// WithdrawalLink: a data-cc="preferences" control is on the page.
	WithdrawalLink bool `json:"withdrawalLink"`
	// FirstLayer: the first layer was shown.
	FirstLayer bool `json:"firstLayer"`
	// RefuseAll and AcceptAll: the first layer has both buttons.
	RefuseAll bool `json:"refuseAll"`
	AcceptAll bool `json:"acceptAll"`
	// PreTicked lists the optional categories whose switch was on when the
	// preferences panel opened for a visitor without a choice; nil when the
	// panel was not opened on this page (it is opened on the first page
	// showing the banner only).
	PreTicked []string `json:"preTicked,omitempty"`
	// PanelChecked: the panel was opened and its switches read.
	PanelChecked bool `json:"panelChecked"`
}

// Page is one audited page and what each visitor saw on it.
type Page struct {
	URL string `json:"url"`
	// Error says why the page could not be audited at all (it did not
	// load, or answered with an HTTP error).
	Error        string        `json:"error,omitempty"`
	Observations []Observation `json:"observations"`
}

// Observation returns what the visitor saw on the page, if it visited it.
func (p Page) Observation(v Visitor) (Observation, bool) {
	for _, o := range p.Observations {
		if o.Visitor == v {
			return o, true
		}
	}
	return Observation{}, false
}
