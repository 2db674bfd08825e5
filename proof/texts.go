package proof

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// ShownVersion is the format version of Shown's canonical JSON. Changing the
// format changes every hash, so it is part of the hashed document.
const ShownVersion = 1

// Shown is everything the banner and the preferences panel show a visitor in
// one language: the interface texts (with the default language's filling the
// gaps, exactly as the banner does) and every category with its label,
// description and cookie table. Its canonical JSON is what TextsHash hashes
// and what the server stores and serves, so an operator can show, for any
// record, the very texts the visitor answered.
type Shown struct {
	V          int             `json:"v"`
	Lang       string          `json:"lang"`
	Texts      config.Texts    `json:"texts"`
	Categories []ShownCategory `json:"categories"`
}

// ShownCategory is one category as the panel shows it in one language.
type ShownCategory struct {
	ID          string        `json:"id"`
	Required    bool          `json:"required"`
	Label       string        `json:"label"`
	Description string        `json:"description"`
	Cookies     []ShownCookie `json:"cookies"`
}

// ShownCookie is one row of a category's cookie table in one language.
type ShownCookie struct {
	Name     string `json:"name"`
	Provider string `json:"provider"`
	Service  string `json:"service"`
	Purpose  string `json:"purpose"`
	Lifetime string `json:"lifetime"`
}

// ShownIn returns what a visitor whose language is lang is shown. lang is
// matched as the banner matches it (config.Language), so the result's Lang
// is always a language of cfg.Texts.
func ShownIn(cfg *config.Config, lang string) Shown {
	lang = cfg.Language(lang)
	def := cfg.DefaultLanguage
	s := Shown{V: ShownVersion, Lang: lang, Texts: cfg.TextsFor(lang), Categories: make([]ShownCategory, 0, len(cfg.Categories))}
	for _, c := range cfg.Categories {
		sc := ShownCategory{
			ID:          c.ID,
			Required:    c.Required,
			Label:       c.Label.In(lang, def),
			Description: c.Description.In(lang, def),
			Cookies:     make([]ShownCookie, 0, len(c.Cookies)),
		}
		for _, k := range c.Cookies {
			sc.Cookies = append(sc.Cookies, ShownCookie{
				Name:     k.Name,
				Provider: k.Provider,
				Service:  k.Service.In(lang, def),
				Purpose:  k.Purpose.In(lang, def),
				Lifetime: k.Lifetime.In(lang, def),
			})
		}
		s.Categories = append(s.Categories, sc)
	}
	return s
}

// Canonical is Shown's canonical JSON: compact, fields in declaration order,
// HTML characters escaped as encoding/json does. The same Shown always gives
// the same bytes, so the hash can be recomputed from the stored document.
func (s Shown) Canonical() []byte {
	b, _ := json.Marshal(s) // strings, bools and slices always marshal
	return b
}

// Hash is the texts hash of a Shown: the lowercase hex sha256 of its
// canonical JSON (64 characters).
func (s Shown) Hash() string {
	return HashOf(s.Canonical())
}

// HashOf is the texts hash of a canonical document.
func HashOf(canonical []byte) string {
	sum := sha256.Sum256(canonical)
	return hex.EncodeToString(sum[:])
}

// TextsHashes maps each language of cfg.Texts to the hash of what a visitor
// in that language is shown. The server puts it in the loader, which sends
// the hash of the banner's language with each choice.
func TextsHashes(cfg *config.Config) map[string]string {
	out := make(map[string]string, len(cfg.Texts))
	for lang := range cfg.Texts {
		out[lang] = ShownIn(cfg, lang).Hash()
	}
	return out
}

// hashPattern is a texts hash as TextsHash writes it.
var hashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// IsHash reports whether s has the form of a texts hash.
func IsHash(s string) bool { return hashPattern.MatchString(s) }

// ParseShown decodes a stored canonical document and checks that it hashes
// to hash, so that a texts row altered in the database is noticed rather
// than shown as what the visitor saw.
func ParseShown(canonical []byte, hash string) (Shown, error) {
	if HashOf(canonical) != hash {
		return Shown{}, errTextsAltered
	}
	var s Shown
	if err := json.Unmarshal(canonical, &s); err != nil {
		return Shown{}, err
	}
	return s, nil
}
