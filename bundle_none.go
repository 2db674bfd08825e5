//go:build !js && !embeddist

package main

import "io/fs"

// embeddedDist reports that this binary carries no bundle: it was built
// without -tags embeddist (go run ., go test), so the server reads dist/
// from the disk.
func embeddedDist() (fs.FS, bool) { return nil, false }
