//go:build !js && embeddist

package main

import (
	"embed"
	"io/fs"
)

// distFiles is build.sh's output compiled into the binary (./build.sh build
// builds the server with -tags embeddist after writing dist/), so that the
// one file dist/cookie-consent is the whole product: it starts from any
// directory, or from a scratch container, with no flag. The server binary
// itself is not matched by these patterns.
//
//go:embed dist/consent.js dist/start.js dist/consent.wasm* dist/theme.css
var distFiles embed.FS

// embeddedDist returns the bundle compiled into the binary.
func embeddedDist() (fs.FS, bool) {
	sub, err := fs.Sub(distFiles, "dist")
	return sub, err == nil
}
