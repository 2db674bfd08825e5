package proof

import (
	"os"

	"github.com/opendata-portals/cookie-consent/app/config"
)

var osStat = os.Stat

// testShown is what the default configuration shows in French.
func testShown() Shown { return ShownIn(config.Default(), "fr") }
