// Package config is the site's configuration of the consent banner: the one
// JSON file an integrator writes to describe the cookie categories, the
// cookies of each category, the texts in every language, the revision that
// asks every visitor again when raised, the consent cookie's lifetime and its
// optional domain.
//
// It is pure Go, without syscall/js, so that the server (which checks the file
// at start and prints its warnings), the wasm banner (which reads it in the
// browser) and the tests share exactly the same rules.
//
// The default configuration, embedded as default.json, is built from the data
// portal's cookie charter: the four categories it names (necessary,
// statistics, first_party, third_party), the necessary cookies of its table,
// the cookies of the audience tools its statistics text names (Matomo, Google
// Analytics, AT Internet / Piano), and French and English texts that follow
// the CNIL's rules for a first layer. The consent cookie's lifetime in the
// cookie tables is always derived from lifetimeDays (see lifetime.go).
//
// Every problem in a file is reported, in one pass (a structural problem
// does not hide the others, see prune.go), as a [*Problem] whose path is the
// JSON path of the faulty value, for example
//
//	categories[2].id: "Stats" is not a valid id (lowercase letters, digits, "_" and "-", starting with a letter, at most 32 characters)
//	lifetimeDays: 500 is above 395 days (13 months, the CNIL maximum)
//
// so that the integrator finds it in the file without reading any Go code.
package config
