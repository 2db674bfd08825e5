// Package proof keeps the proof of consent the GDPR asks a site to be able to
// show: one record per visitor choice (its random consent id and timestamp,
// the configuration revision, a hash of the exact texts shown, the categories
// and the page's origin and path), stored in SQLite (pure Go, one file) or
// PostgreSQL through one database/sql layer, with versioned migrations and a
// retention period. No IP address or anything else that identifies the
// visitor is stored: the consent id is random and lives in the visitor's own
// cookie, which is what they show when they ask "what did I consent to?".
//
// The server (the main package) turns HTTP requests into calls of this
// package: DecodeSubmission checks a request body, Recorder.Record checks it
// against the texts the server knows and stores it, Store answers the
// operator's look-ups, exports and daily counts.
//
// The package never runs in the browser; it is a top-level package rather
// than one of app/, whose packages are also built for js/wasm.
package proof
