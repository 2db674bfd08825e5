package proof

import (
	"maps"
	"sort"
	"time"
)

// Kind classifies a choice for the operator's daily counts.
type Kind string

// The kinds of choice. They are stored, so their values never change.
const (
	AcceptAll Kind = "accept_all" // every category accepted
	RefuseAll Kind = "refuse_all" // every optional category refused
	Custom    Kind = "custom"     // anything in between
)

// Kinds lists the kinds in the order the operator pages show them.
var Kinds = []Kind{AcceptAll, RefuseAll, Custom}

// Record is one stored choice. ID and TS (the consent cookie's "id" and
// "ts") are its key: the same pair is the same choice, so posting it again
// stores nothing new, while the same ID with a later TS is the visitor
// changing their mind. ReceivedAt is the server's clock, which the
// retention, the exports and the counts go by (TS is the visitor's clock).
type Record struct {
	ID         string          `json:"id"`
	TS         int64           `json:"ts"`
	Rev        int             `json:"rev"`
	TextsHash  string          `json:"textsHash"`
	Lang       string          `json:"lang"`
	Categories map[string]bool `json:"categories"`
	Origin     string          `json:"origin"`
	Path       string          `json:"path"`
	Kind       Kind            `json:"choice"`
	ReceivedAt int64           `json:"receivedAt"`
}

// Time is when the visitor made the choice, by their clock.
func (r Record) Time() time.Time { return time.Unix(r.TS, 0).UTC() }

// Received is when the server stored the choice.
func (r Record) Received() time.Time { return time.Unix(r.ReceivedAt, 0).UTC() }

// sameChoice reports whether two records describe the same choice: every
// field the visitor's browser sent is equal (ReceivedAt and the derived Kind
// are the server's).
func (r Record) sameChoice(o Record) bool {
	return r.ID == o.ID && r.TS == o.TS && r.Rev == o.Rev && r.TextsHash == o.TextsHash &&
		r.Lang == o.Lang && r.Origin == o.Origin && r.Path == o.Path && maps.Equal(r.Categories, o.Categories)
}

// classify tells accept-all, refuse-all and custom apart. required says
// which categories cannot be refused.
func classify(categories map[string]bool, required map[string]bool) Kind {
	all, none := true, true
	for id, on := range categories {
		if !on {
			all = false
		}
		if on && !required[id] {
			none = false
		}
	}
	switch {
	case all:
		return AcceptAll
	case none:
		return RefuseAll
	default:
		return Custom
	}
}

// Answers lists the accepted and the refused categories, each sorted, as
// the operator pages and the CSV export show them.
func (r Record) Answers() (accepted, refused []string) {
	for id, on := range r.Categories {
		if on {
			accepted = append(accepted, id)
		} else {
			refused = append(refused, id)
		}
	}
	sort.Strings(accepted)
	sort.Strings(refused)
	return accepted, refused
}
