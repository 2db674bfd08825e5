//go:build !js

package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestTheFrameNoticeSaysWhatItsButtonDoes: the notice of a blocked iframe
// names the category on its button and says that the button stores a
// cookie choice; clicking it does just that: third_party accepted, the
// categories not answered yet refused, the first layer gone.
func TestTheFrameNoticeSaysWhatItsButtonDoes(t *testing.T) {
	site := gatedSite(t, serverURL, "/gated.html")
	v := newVisitor(t)
	v.open(site.URL + "/gated.html")
	v.waitFor(".cc-banner")

	assert.Equal(t, "Autoriser « Cookies tiers (third-party) » et afficher le contenu",
		eval[string](v, notice+`.shadowRoot.querySelector("button").textContent`))
	text := eval[string](v, notice+`.shadowRoot.querySelector("p").textContent`)
	assert.Contains(t, text, "« Cookies tiers (third-party) »")
	assert.Contains(t, text, "enregistre votre choix de cookies")
	assert.Contains(t, text, "restent refusées si vous n'avez pas encore répondu")

	v.clickIn(notice+`.shadowRoot`, "button")
	choice, _ := v.waitChoice(site.URL)
	assert.Equal(t, map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": true}, choice.Categories)
	v.waitTrue(`!document.querySelector("cookie-consent-notice")`, "the notice goes")
	assert.False(t, v.visible(".cc-banner"), "the choice is made: the first layer goes")
}
