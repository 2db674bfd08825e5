package proof

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// Recorder turns a checked Submission into a stored Record. It knows every
// texts document the database holds, so a submission is accepted only if
// its texts hash names texts the operator can show, and its categories are
// exactly the ones those texts list (required ones on). Texts another
// server added to the same database are found on first use.
type Recorder struct {
	store *Store
	mu    sync.RWMutex
	known map[string]knownTexts
}

// knownTexts is what a submission is checked against.
type knownTexts struct {
	lang     string
	ids      []string // category ids in display order
	required map[string]bool
	revs     []int // the revisions the texts were published under
}

// RejectError is a well-formed submission that does not match the texts it
// names: the server answers 422 with its message.
type RejectError struct{ Msg string }

func (e *RejectError) Error() string { return e.Msg }

// NewRecorder stores the texts cfg shows in each of its languages (a new
// configuration adds new rows; an unchanged one adds nothing) and returns a
// recorder that accepts submissions referring to them or to any texts an
// earlier configuration stored.
func NewRecorder(ctx context.Context, s *Store, cfg *config.Config, now time.Time) (*Recorder, error) {
	r := &Recorder{store: s, known: map[string]knownTexts{}}
	langs := make([]string, 0, len(cfg.Texts))
	for lang := range cfg.Texts {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		shown := ShownIn(cfg, lang)
		hash, err := s.PutTexts(ctx, shown, cfg.Revision, now)
		if err != nil {
			return nil, fmt.Errorf("storing the texts of %q: %w", lang, err)
		}
		k := knownOf(shown)
		if k.revs, err = s.TextsRevisions(ctx, hash); err != nil {
			return nil, fmt.Errorf("reading the revisions of the texts of %q: %w", lang, err)
		}
		r.known[hash] = k
	}
	return r, nil
}

func knownOf(s Shown) knownTexts {
	k := knownTexts{lang: s.Lang, required: map[string]bool{}}
	for _, c := range s.Categories {
		k.ids = append(k.ids, c.ID)
		if c.Required {
			k.required[c.ID] = true
		}
	}
	return k
}

// lookup finds the texts a hash names, published under revision rev, in
// memory or else in the database (another server, or a newer
// configuration, may have published them since).
func (r *Recorder) lookup(ctx context.Context, hash string, rev int) (knownTexts, bool, error) {
	r.mu.RLock()
	k, ok := r.known[hash]
	r.mu.RUnlock()
	if ok && slices.Contains(k.revs, rev) {
		return k, true, nil
	}
	if !ok {
		st, found, err := r.store.Texts(ctx, hash)
		if err != nil || !found {
			return knownTexts{}, false, err
		}
		shown, err := ParseShown(st.Canonical, hash)
		if err != nil {
			return knownTexts{}, false, err
		}
		k = knownOf(shown)
	}
	revs, err := r.store.TextsRevisions(ctx, hash)
	if err != nil {
		return knownTexts{}, false, err
	}
	k.revs = revs
	r.mu.Lock()
	if len(r.known) < maxKnownTexts {
		r.known[hash] = k
	}
	r.mu.Unlock()
	return k, true, nil
}

// maxKnownTexts bounds the cache; texts versions are few (one per language
// per configuration change).
const maxKnownTexts = 10000

// Record checks a submission against the texts it names and stores it,
// received now. Errors: *RejectError for a submission that does not match
// its texts, ErrConflict, ErrClosed, or the database's.
func (r *Recorder) Record(ctx context.Context, sub Submission, now time.Time) (Record, Outcome, error) {
	k, ok, err := r.lookup(ctx, sub.TextsHash, sub.Rev)
	if err != nil {
		return Record{}, 0, err
	}
	if !ok {
		return Record{}, 0, &RejectError{"textsHash: no texts with this hash are known to this server (a loader from another site or configuration?)"}
	}
	if !slices.Contains(k.revs, sub.Rev) {
		return Record{}, 0, &RejectError{fmt.Sprintf("rev: %d, but the texts with this hash were published under revision %s",
			sub.Rev, joinInts(k.revs))}
	}
	if sub.Lang != k.lang {
		return Record{}, 0, &RejectError{fmt.Sprintf("lang: %q, but the texts with this hash are in %q", sub.Lang, k.lang)}
	}
	if err := k.checkCategories(sub.Categories); err != nil {
		return Record{}, 0, err
	}
	rec := Record{
		ID: sub.ID, TS: sub.TS, Rev: sub.Rev, TextsHash: sub.TextsHash, Lang: sub.Lang,
		Categories: sub.Categories, Origin: sub.Origin, Path: sub.Path,
		Kind: classify(sub.Categories, k.required), ReceivedAt: now.Unix(),
	}
	o, err := r.store.Add(ctx, rec)
	return rec, o, err
}

// checkCategories requires exactly the categories the visitor was shown,
// with the required ones accepted: anything else was not made by our banner.
func (k knownTexts) checkCategories(cats map[string]bool) error {
	var missing []string
	for _, id := range k.ids {
		on, ok := cats[id]
		switch {
		case !ok:
			missing = append(missing, id)
		case k.required[id] && !on:
			return &RejectError{fmt.Sprintf("categories.%s: required, cannot be refused", id)}
		}
	}
	if len(missing) > 0 {
		return &RejectError{"categories: missing " + strings.Join(missing, ", ")}
	}
	if len(cats) != len(k.ids) {
		var extra []string
		for id := range cats {
			if !contains(k.ids, id) {
				extra = append(extra, id)
			}
		}
		sort.Strings(extra)
		return &RejectError{"categories: not shown to the visitor: " + strings.Join(extra, ", ")}
	}
	return nil
}

// joinInts writes revisions as "1", "1 and 2", "1, 2 and 3".
func joinInts(revs []int) string {
	var parts []string
	for _, r := range revs {
		parts = append(parts, strconv.Itoa(r))
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Store is the recorder's database.
func (r *Recorder) Store() *Store { return r.store }
