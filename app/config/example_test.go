package config_test

import (
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
)

// Example_backend is how a portal's Go backend reads the visitor's choice
// (docs/api.md shows its two middle lines, docs_test.go checks they are
// these): consent.Current checks the cookie against the configuration's
// rules (revision, lifetime, categories).
func Example_backend() {
	cfg := config.Default()
	given := consent.New(cfg.Revision, map[string]bool{"necessary": true, "statistics": true, "first_party": false, "third_party": false}, time.Now())
	r := httptest.NewRequest("GET", "/explore/", nil)
	r.Header.Set("Cookie", "sessionid=abc; "+consent.CookieName+"="+consent.Encode(given))

	choice, ok := consent.Current(r.Header.Get("Cookie"), cfg.Rules(), time.Now())
	statisticsOK := ok && choice.Accepted("statistics")

	fmt.Println(statisticsOK, choice.Accepted("third_party"))
	// Output: true false
}
