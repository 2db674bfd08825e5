package proofserver

import (
	"flag"
	"fmt"
	"strings"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/operator"
	"github.com/opendata-portals/cookie-consent/proof"
)

// Defaults of the proof flags.
const (
	// defaultRetentionMonths: the longest a choice is valid (13 months, the
	// CNIL's maximum) plus about a year to answer a complaint about it.
	defaultRetentionMonths = 24
	// defaultRatePerMinute: a visitor makes one to three choices per visit;
	// this leaves room for many visitors behind one NAT address while one
	// client cannot flood the database. The burst is twice as large.
	defaultRatePerMinute = 60
	// defaultTotalPerMinute bounds what one server records, whoever sends
	// it: 20 choices a second, several times a large portal's average
	// (a million page views a day), so that the database grows by at most
	// 1.7 million records a day per server, whatever clients do
	// (docs/proof-hardening.md works out the sizes).
	defaultTotalPerMinute = 1200
	// defaultMinFreeMB: below this much free space on the SQLite file's
	// disk, choices are refused (507) before the disk fills.
	defaultMinFreeMB = 512
	// minTokenLength: an operator token must be hard to guess.
	minTokenLength = 16
)

// Flags are the server's flags for the proof of consent.
type Flags struct {
	db           *string
	retention    *int
	token        *string
	origins      *string
	rate         *int
	total        *int
	minFree      *int
	realIPHeader *string
	publicURL    *string
	demo         *string
	// demoToken is the file holding the token -demo made, if it made one.
	demoToken string
}

// AddFlags declares the proof flags on the server's flag set.
func AddFlags(f *flag.FlagSet) *Flags {
	return &Flags{
		db: f.String("proof-db", "", "record every visitor choice (proof of consent) in this SQLite `file`, or in the PostgreSQL database of a postgres:// URL; empty: recording off"),
		retention: f.Int("proof-retention-months", defaultRetentionMonths,
			"delete proof records older than this many `months` (0 keeps them forever)"),
		token: f.String("operator-token", "", "`token` giving access to the operator pages and API (or set "+operator.TokenEnv+"; at least 16 characters)"),
		origins: f.String("allowed-origins", "",
			"comma-separated `origins` of the portal pages allowed to record choices, e.g. https://data.example.org (this server's own origin always is)"),
		rate: f.Int("proof-rate", defaultRatePerMinute, "recording requests allowed per client and `minute`, in bursts of twice as many (0: no limit)"),
		total: f.Int("proof-rate-total", defaultTotalPerMinute,
			"choices this server records per `minute`, from all clients together (0: no limit); past it, 503"),
		minFree: f.Int("proof-min-free-mb", defaultMinFreeMB,
			"refuse choices (507) when the SQLite file's disk has less than this many `MB` free (0: no check)"),
		publicURL: f.String("public-url", "",
			"this server's public `URL` as browsers reach it, e.g. https://consent.example.org: its origin may record and is the operator pages' own. "+
				"Needed behind a reverse proxy that sets its own Host header"),
		realIPHeader: f.String("real-ip-header", "",
			"behind a reverse proxy, the request `header` holding the client's address (X-Forwarded-For or X-Real-IP), for the rate limit"),
		demo: f.String("demo", "",
			"record the demo page's choices in this `directory` (proof.db) and make an operator token for this run (./build.sh serve); with -config, only if that file enables proof"),
	}
}

// Settings are the proof flags checked against each other and the
// configuration.
type Settings struct {
	dsn          string
	retention    int
	token        string
	origins      []string
	rate         int
	total        int
	minFreeMB    int
	realIPHeader string
	// publicOrigin is -public-url's origin, "" without it.
	publicOrigin string
	demoToken    string
}

// Check checks the flags. It returns nil settings when recording is off
// (no -proof-db), and an error when the configuration asks for recording
// that cannot happen or a flag is wrong; notes are printed at start.
func (f *Flags) Check(cfg *config.Config, getenv func(string) string) (s *Settings, notes []string, err error) {
	token := *f.token
	if token == "" {
		token = getenv(operator.TokenEnv)
	}
	if *f.db == "" {
		if cfg.Proof.Enabled {
			return nil, nil, fmt.Errorf("the configuration enables proof of consent (proof.enabled) but -proof-db is not set: " +
				"no choice would be recorded. Give -proof-db FILE (SQLite) or a postgres:// URL, or set proof.enabled to false")
		}
		if token != "" || *f.origins != "" || *f.publicURL != "" {
			notes = append(notes, "-operator-token, -allowed-origins and -public-url do nothing without -proof-db")
		}
		return nil, notes, nil
	}
	s = &Settings{dsn: *f.db, retention: *f.retention, token: token, rate: *f.rate, total: *f.total, minFreeMB: *f.minFree,
		realIPHeader: strings.TrimSpace(*f.realIPHeader), demoToken: f.demoToken}
	if *f.publicURL != "" {
		o, err := PublicOrigin(*f.publicURL)
		if err != nil {
			return nil, nil, err
		}
		s.publicOrigin = o
	}
	switch {
	case s.retention < 0:
		return nil, nil, fmt.Errorf("-proof-retention-months: %d is negative (0 keeps records forever)", s.retention)
	case s.retention > 0 && s.retention*31 < cfg.LifetimeDays:
		return nil, nil, fmt.Errorf("-proof-retention-months: %d months is shorter than a choice lasts (lifetimeDays %d): "+
			"the proof would be deleted while the choice is still in use", s.retention, cfg.LifetimeDays)
	case s.rate < 0:
		return nil, nil, fmt.Errorf("-proof-rate: %d is negative (0: no limit)", s.rate)
	case s.total < 0:
		return nil, nil, fmt.Errorf("-proof-rate-total: %d is negative (0: no limit)", s.total)
	case s.minFreeMB < 0:
		return nil, nil, fmt.Errorf("-proof-min-free-mb: %d is negative (0: no check)", s.minFreeMB)
	case token != "" && len(token) < minTokenLength:
		// The message never repeats the token.
		return nil, nil, fmt.Errorf("the operator token is %d characters long: at least %d are needed", len(token), minTokenLength)
	}
	for _, o := range strings.Split(*f.origins, ",") {
		o = strings.TrimSuffix(strings.TrimSpace(o), "/")
		if o == "" {
			continue
		}
		if err := proof.CheckOrigin(o); err != nil {
			return nil, nil, fmt.Errorf("-allowed-origins: %q is not an origin such as https://data.example.org", o)
		}
		s.origins = append(s.origins, o)
	}
	where := "the SQLite file " + s.dsn
	if proof.IsPostgresURL(s.dsn) {
		where = "a PostgreSQL database" // the URL may hold a password: never printed
	}
	keep := fmt.Sprintf("kept %d months", s.retention)
	if s.retention == 0 {
		keep = "kept forever"
	}
	notes = append(notes, fmt.Sprintf("proof of consent: recording into %s, %s", where, keep))
	if !cfg.Proof.Enabled {
		notes = append(notes, "the configuration does not enable proof of consent (proof.enabled): the loader sends no choice, the API and operator pages are on")
	}
	if s.publicOrigin == "" {
		notes = append(notes, "no -public-url: a page may record from this server's own origin only when the browser's Origin names the Host it was sent to "+
			"(behind a reverse proxy that sets its own Host, give -public-url)")
	} else {
		notes = append(notes, "public origin "+s.publicOrigin+": its pages may record, the operator forms must come from it")
	}
	if s.token == "" {
		notes = append(notes, "no operator token (-operator-token or "+operator.TokenEnv+"): the operator pages and look-ups are off")
	}
	return s, notes, nil
}

// PublicOrigin checks a -public-url value and returns its origin: http or
// https, a host, an optional port, nothing after but an optional "/" (the
// server's routes are at the root: a proxy mounting it under a path
// prefix rewrites them, and only the origin matters to browsers).
func PublicOrigin(raw string) (string, error) {
	o := strings.TrimSuffix(strings.TrimSpace(raw), "/")
	if err := proof.CheckOrigin(o); err != nil {
		return "", fmt.Errorf("-public-url: %q is not a URL such as https://consent.example.org (scheme, host and port only)", raw)
	}
	return strings.ToLower(o), nil
}
