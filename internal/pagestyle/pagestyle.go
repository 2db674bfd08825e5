// Package pagestyle is the look the server's own HTML pages share: the
// operator pages and the audit's reports, which the operator pages also
// show. One stylesheet, so that both read as one product and neither copies
// the other; each page inlines it and allows it by its hash in its CSP.
package pagestyle

import _ "embed"

// CSS is the shared stylesheet.
//
//go:embed pages.css
var CSS string
