// Package operator serves the operator's pages: the daily counts of
// choices, the look-up of one consent id, the CSV export, and the login
// that guards them.
package operator

import (
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/opendata-portals/cookie-consent/internal/pagestyle"
	"github.com/opendata-portals/cookie-consent/internal/ratelimit"
	"github.com/opendata-portals/cookie-consent/internal/respond"
	"github.com/opendata-portals/cookie-consent/proof"
)

// The operator's pages, server-rendered, with no JavaScript:
//
//	/operator/              daily counts of accept-all, refuse-all and custom choices, as a chart and a table
//	/operator/consents?id=  every record of one consent id
//	/operator/export.csv    the records received in a date range, as CSV
//	/operator/audits        the reports of the cookie audit (audits.go)
//	/operator/login         the token form, which opens an 8-hour session (cookie)
//	/operator/logout        ends it
//
// Every page also accepts "Authorization: Bearer <token>" instead of the
// session, for scripts (curl). The token never appears in a URL.
var (
	//go:embed pages.html
	operatorPagesHTML string
	// operatorCSS is the look the operator pages share with the audit's
	// reports.
	operatorCSS = pagestyle.CSS

	operatorPages = template.Must(template.New("operator").Option("missingkey=error").
			Funcs(template.FuncMap{"markup": func(s string) template.HTML { return template.HTML(s) }}). // our own translations only
			Parse(operatorPagesHTML))
	// operatorCSP allows the one stylesheet (by hash) and nothing else: no
	// script, no image, no frame, forms only to this server.
	operatorCSP = "default-src 'none'; style-src " + respond.CSPHash([]byte(operatorCSS)) +
		"; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

// Path is where the operator's pages live; the session cookie is sent
// only there.
const Path = "/operator"

// TokenEnv is the environment variable that may hold the operator token
// instead of -operator-token, which other users of the machine can read in
// the process list.
const TokenEnv = "CONSENT_OPERATOR_TOKEN"

// Pages serves the operator's pages for one token. A nil *Pages answers
// 404 everywhere, saying how to turn them on.
type Pages struct {
	operatorAuth
	store        *proof.Store
	metrics      Metrics
	realIPHeader string
	now          func() time.Time
	logf         func(format string, args ...any)
}

// Options are what the pages need from the server that mounts them.
type Options struct {
	Token string
	Store *proof.Store
	// RealIPHeader is -real-ip-header: where a reverse proxy puts the
	// client's address, for the limit on failed authentications.
	RealIPHeader string
	// PublicOrigin is -public-url's origin ("" when not given): the
	// origin the login and logout forms must come from.
	PublicOrigin string
	Metrics      Metrics
	Now          func() time.Time
	// Logf writes one line to the server's log.
	Logf func(format string, args ...any)
}

// New serves the pages for o.Token.
func New(o Options) *Pages {
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return &Pages{
		operatorAuth: newOperatorAuth(o.Token, o.Store, o.PublicOrigin),
		store:        o.Store,
		metrics:      o.Metrics,
		realIPHeader: o.RealIPHeader,
		now:          o.Now,
		logf:         o.Logf,
	}
}

// Ranges of the operator's date forms.
const (
	defaultDays  = 30
	maxChartDays = 366
	dateLayout   = "2006-01-02"
)

// ServeHTTP routes /operator/...
func (p *Pages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("Content-Security-Policy", operatorCSP)
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("X-Frame-Options", "DENY")
	if p == nil {
		respond.Plain(w, http.StatusNotFound, "404 the operator pages are off: start the server with -operator-token or "+TokenEnv)
		return
	}
	if lang, switched := pageLang(r); switched {
		http.SetCookie(w, p.rememberLang(r, lang))
	}
	switch r.URL.Path {
	case Path:
		http.Redirect(w, r, Path+"/", http.StatusMovedPermanently)
	case Path + "/login":
		p.serveLogin(w, r)
	case Path + "/logout":
		p.serveLogout(w, r)
	case Path + "/":
		if p.authorized(w, r) && allowMethods(w, r, http.MethodGet, http.MethodHead) {
			p.serveOverview(w, r)
		}
	case Path + "/consents":
		if p.authorized(w, r) && allowMethods(w, r, http.MethodGet, http.MethodHead) {
			p.serveLookupPage(w, r)
		}
	case Path + "/export.csv":
		if p.authorized(w, r) && allowMethods(w, r, http.MethodGet, http.MethodHead) {
			p.serveExport(w, r)
		}
	case Path + "/audits":
		if p.authorized(w, r) && allowMethods(w, r, http.MethodGet, http.MethodHead) {
			p.serveAudits(w, r)
		}
	default:
		if name, ok := strings.CutPrefix(r.URL.Path, Path+"/audits/"); ok && name != "" {
			if p.authorized(w, r) && allowMethods(w, r, http.MethodGet, http.MethodHead) {
				p.serveAuditReport(w, r, name)
			}
			return
		}
		respond.Plain(w, http.StatusNotFound, "404 page not found")
	}
}

// allowMethods answers 405 unless the request's method is one of methods.
func allowMethods(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	respond.Plain(w, http.StatusMethodNotAllowed, "405 method not allowed")
	return false
}

// page is what every operator template gets, plus its own fields: its
// language, its texts in that language (see i18n.go) and the switch to
// the other one.
type page struct {
	Title     string
	CSS       template.CSS
	Lang      string
	T         map[string]string
	SwitchURL string
}

// newPage is a page titled with the text of titleKey, in the request's
// language.
func newPage(r *http.Request, titleKey string) page {
	lang, _ := pageLang(r)
	return page{Title: tr(lang, titleKey), CSS: template.CSS(operatorCSS), Lang: lang, T: translations[lang], SwitchURL: switchURL(r, lang)}
}

// render executes a template into a buffer first, so that an error never
// sends half a page.
func render(w http.ResponseWriter, code int, name string, data any) {
	var b strings.Builder
	if err := operatorPages.ExecuteTemplate(&b, name, data); err != nil {
		respond.Plain(w, http.StatusInternalServerError, "500 "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(b.String()))
}

type loginPage struct {
	page
	Error string
}

// maxLoginForm bounds the login form's body.
const maxLoginForm = 4096

// serveLogin shows the token form and checks it; a good token opens a
// session. A client that failed too often is locked out (auth.go).
func (p *Pages) serveLogin(w http.ResponseWriter, r *http.Request) {
	if !allowMethods(w, r, http.MethodGet, http.MethodHead, http.MethodPost) {
		return
	}
	if r.Method != http.MethodPost {
		render(w, http.StatusOK, "login", loginPage{page: newPage(r, "login")})
		return
	}
	pg := newPage(r, "login")
	if !p.sameOrigin(w, r) {
		return
	}
	if wait, locked := p.lockedOut(r); locked {
		w.Header().Set("Retry-After", ratelimit.RetryAfter(wait))
		render(w, http.StatusTooManyRequests, "login", loginPage{page: pg, Error: tr(pg.Lang, "errTooMany")})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginForm)
	if err := r.ParseForm(); err != nil {
		render(w, http.StatusBadRequest, "login", loginPage{page: pg, Error: tr(pg.Lang, "errForm")})
		return
	}
	if !p.tokenOK(r.PostForm.Get("token")) {
		p.failed(r, "login form")
		render(w, http.StatusUnauthorized, "login", loginPage{page: pg, Error: tr(pg.Lang, "errToken")})
		return
	}
	session, err := p.openSession(r, p.now())
	if err != nil {
		p.dbError("operator: opening a session: %v", err)
		respond.Plain(w, http.StatusInternalServerError, "500 the session could not be opened")
		return
	}
	http.SetCookie(w, session)
	http.Redirect(w, r, Path+"/", http.StatusSeeOther)
}

// dateRange reads the from and to dates of a form (YYYY-MM-DD, UTC, both
// days included), defaulting to the last defaultDays days.
func dateRange(r *http.Request, now time.Time, lang string) (from, to time.Time, err error) {
	today := now.UTC().Truncate(24 * time.Hour)
	to, from = today, today.AddDate(0, 0, -(defaultDays-1))
	q := r.URL.Query()
	if s := q.Get("from"); s != "" {
		if from, err = time.Parse(dateLayout, s); err != nil {
			return from, to, errors.New(tr(lang, "errDate", "from", respond.Clip(s)))
		}
	}
	if s := q.Get("to"); s != "" {
		if to, err = time.Parse(dateLayout, s); err != nil {
			return from, to, errors.New(tr(lang, "errDate", "to", respond.Clip(s)))
		}
	}
	if to.Before(from) {
		return from, to, errors.New(tr(lang, "errRange"))
	}
	return from, to, nil
}

type kindTotal struct {
	Kind  proof.Kind
	Label string
	N     int64
}

type dayRow struct {
	Day    string
	Counts []int64 // in kindStyles order
	Total  int64
}

type overviewPage struct {
	page
	From, To  string
	ExportURL string
	Error     string
	Total     int64
	Totals    []kindTotal
	Days      []dayRow
	Chart     chart
	// LatestAudit is the latest cookie audit's report, if any.
	LatestAudit *auditRow
}

// serveOverview shows the daily counts of a date range.
func (p *Pages) serveOverview(w http.ResponseWriter, r *http.Request) {
	data := overviewPage{page: newPage(r, "overview")}
	from, to, err := dateRange(r, p.now(), data.Lang)
	data.From, data.To = from.Format(dateLayout), to.Format(dateLayout)
	data.ExportURL = Path + "/export.csv?from=" + data.From + "&to=" + data.To
	if err == nil && to.Sub(from) >= maxChartDays*24*time.Hour {
		err = errors.New(tr(data.Lang, "errLong", maxChartDays))
	}
	if err != nil {
		data.Error = err.Error()
		render(w, http.StatusBadRequest, "overview", data)
		return
	}
	days, err := p.store.Daily(r.Context(), from, to)
	if err != nil {
		p.logf("proof: daily counts: %v", err)
		respond.Plain(w, http.StatusInternalServerError, "500 the counts could not be read")
		return
	}
	totals := map[proof.Kind]int64{}
	for _, d := range days {
		row := dayRow{Day: d.Day.Format(dateLayout), Total: d.Total()}
		for _, k := range kindStyles {
			row.Counts = append(row.Counts, d.Counts[k.Kind])
			totals[k.Kind] += d.Counts[k.Kind]
		}
		data.Days = append(data.Days, row)
		data.Total += row.Total
	}
	for _, k := range kindStyles {
		data.Totals = append(data.Totals, kindTotal{Kind: k.Kind, Label: tr(data.Lang, "kind."+string(k.Kind)), N: totals[k.Kind]})
	}
	data.Chart = newChart(days, data.Lang)
	data.LatestAudit = p.latestAudit(r)
	render(w, http.StatusOK, "overview", data)
}

type lookupRow struct {
	TS                         int64
	Chosen, Received           string
	Kind                       proof.Kind
	Accepted, Refused          string
	Rev                        int
	TextsHash, ShortHash, Lang string
	Page                       string
}

type lookupPage struct {
	page
	ID      string
	Error   string
	Records []lookupRow
}

// serveLookupPage shows every record of one consent id.
func (p *Pages) serveLookupPage(w http.ResponseWriter, r *http.Request) {
	data := lookupPage{page: newPage(r, "lookup"), ID: r.URL.Query().Get("id")}
	if data.ID == "" {
		render(w, http.StatusOK, "lookup", data)
		return
	}
	if !proof.IsID(data.ID) {
		data.Error = tr(data.Lang, "errNotID")
		render(w, http.StatusBadRequest, "lookup", data)
		return
	}
	records, err := p.store.ByID(r.Context(), data.ID)
	if err != nil {
		p.logf("proof: looking up a consent id: %v", err)
		respond.Plain(w, http.StatusInternalServerError, "500 the look-up failed")
		return
	}
	if len(records) == 0 {
		data.Error = tr(data.Lang, "errNoRecord")
		render(w, http.StatusNotFound, "lookup", data)
		return
	}
	for _, rec := range records {
		on, off := rec.Answers()
		data.Records = append(data.Records, lookupRow{
			TS: rec.TS, Chosen: rec.Time().Format(time.RFC3339), Received: rec.Received().Format(time.RFC3339),
			Kind: rec.Kind, Accepted: strings.Join(on, ", "), Refused: strings.Join(off, ", "), Rev: rec.Rev,
			TextsHash: rec.TextsHash, ShortHash: rec.TextsHash[:12], Lang: rec.Lang, Page: rec.Origin + rec.Path,
		})
	}
	render(w, http.StatusOK, "lookup", data)
}

// serveExport streams the records received in a date range as CSV. Once
// the first byte is sent an error can no longer change the status: it is
// logged and the file ends early (the last line is then incomplete).
func (p *Pages) serveExport(w http.ResponseWriter, r *http.Request) {
	lang, _ := pageLang(r)
	from, to, err := dateRange(r, p.now(), lang)
	if err != nil {
		respond.Plain(w, http.StatusBadRequest, "400 "+err.Error())
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "text/csv; charset=utf-8")
	hdr.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="consents-%s-%s.csv"`, from.Format(dateLayout), to.Format(dateLayout)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	cw, err := proof.NewCSVWriter(w)
	if err == nil {
		err = p.store.Each(r.Context(), from, to.AddDate(0, 0, 1), cw.Write)
	}
	if err == nil {
		err = cw.Flush()
	}
	if err != nil && r.Context().Err() == nil {
		p.logf("proof: CSV export: %v", err)
	}
}
