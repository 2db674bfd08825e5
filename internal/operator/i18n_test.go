package operator

import (
	"maps"
	"net/http"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/proof/prooftest"
)

func TestBothLanguagesHaveEveryText(t *testing.T) {
	fr := slices.Sorted(maps.Keys(translations[langFrench]))
	en := slices.Sorted(maps.Keys(translations[langEnglish]))
	assert.Equal(t, fr, en)
	same := map[string]bool{"page": true, "total": true, "pages": true, "site2": true, "verdict": true, "violations": true} // the same word in both
	for _, k := range fr {
		if !same[k] {
			assert.NotEqual(t, translations[langFrench][k], translations[langEnglish][k], "%s is translated", k)
		}
	}
}

func TestAcceptedLanguage(t *testing.T) {
	tests := []struct{ header, want string }{
		{"", "fr"},
		{"de-DE, it", "fr"},
		{"en-GB,en;q=0.9", "en"},
		{"fr-FR,fr;q=0.9,en;q=0.8", "fr"},
		{"en-US,fr;q=0.5", "en"},
		{"de;q=1, fr;q=0.3, en;q=0.7", "en"},
		{"en;q=0, fr;q=0", "fr"},
		{"en, fr", "en"},
		{"en;q=oops", "en"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, acceptedLang(tt.header), "%q", tt.header)
	}
}

// TestOperatorPagesSpeakFrenchByDefault: French without any hint, English
// from Accept-Language, and the switch, remembered in a cookie, wins over
// both.
func TestOperatorPagesSpeakFrenchByDefault(t *testing.T) {
	pt := newPagesTest(t, prooftest.Databases(t)[0].DSN)
	withLang := func(l string) map[string]string {
		return map[string]string{"Authorization": bearer["Authorization"], "Accept-Language": l}
	}

	html := string(body(t, pt.do(t, "GET", "/operator/", "", withLang(""))))
	assert.Contains(t, html, `<html lang="fr">`)
	for _, s := range []string{"Choix reçus", "Audits des cookies", "Dernier audit des cookies", "Aucun audit enregistré", ">Afficher</button>", ">Exporter en CSV</a>", "Tout accepter", "Se déconnecter", `href="/operator/?lang=en"`, ">English</a>"} {
		assert.Contains(t, html, s)
	}
	html = string(body(t, pt.do(t, "GET", "/operator/consents", "", withLang("fr-FR"))))
	assert.Contains(t, html, ">Rechercher</button>")
	assert.Contains(t, html, "<code>cookies_preferences</code>", "the introduction's markup is kept")

	html = string(body(t, pt.do(t, "GET", "/operator/", "", withLang("en-GB,en;q=0.9"))))
	assert.Contains(t, html, `<html lang="en">`)
	for _, s := range []string{"Choices received", ">Show</button>", ">Export CSV</a>", "Accept all", `href="/operator/?lang=fr"`, ">Français</a>"} {
		assert.Contains(t, html, s)
	}

	// The switch: this page in English, then every page, whatever the browser says.
	resp := pt.do(t, "GET", "/operator/consents?lang=en", "", withLang("fr"))
	assert.Contains(t, string(body(t, resp)), ">Look up</button>")
	var remembered *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == langCookie {
			remembered = c
		}
	}
	require.NotNil(t, remembered)
	assert.Equal(t, "en", remembered.Value)
	assert.Equal(t, Path, remembered.Path)
	assert.Equal(t, http.SameSiteStrictMode, remembered.SameSite)
	h := withLang("fr")
	h["Cookie"] = remembered.Name + "=" + remembered.Value
	assert.Contains(t, string(body(t, pt.do(t, "GET", "/operator/", "", h))), "Choices received")

	login := string(body(t, pt.do(t, "GET", "/operator/login", "", withLang(""))))
	assert.Contains(t, login, "Connexion de l&#39;opérateur")
	assert.Contains(t, login, `href="/operator/login?lang=en"`)
	resp = pt.do(t, "GET", "/operator/?from=nope", "", withLang(""))
	assert.Contains(t, string(body(t, resp)), "from : &#34;nope&#34; n&#39;est pas une date (AAAA-MM-JJ)")
}
