// Package respond holds the small HTTP helpers that every part of the
// server shares: the short plain-text error, the check of a request target,
// the cache lifetimes and the CSP hash-source. They live here, named for
// what they do, so that the bundle, the proof API and the operator pages
// need not import each other for them.
package respond
