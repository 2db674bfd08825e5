//go:build !js

package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is this release's number, kept with CHANGELOG.md.
const version = "0.1.0-dev"

// commit is set by ./build.sh (-ldflags -X main.commit=...) from git; a
// binary built otherwise falls back to the VCS stamp of its build info.
var commit string

// versionLine is what -version prints: the release, the commit the binary
// was built from (with "-modified" for uncommitted changes) and the Go
// version, so that an operator can tell which build a portal runs.
func versionLine() string {
	commit := commit
	if info, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = "-modified"
				}
			}
		}
		if rev != "" && commit == "" {
			commit = rev + modified
		}
	}
	if commit == "" {
		commit = "unknown"
	}
	return fmt.Sprintf("cookie-consent %s (commit %s, %s)", version, commit, runtime.Version())
}
