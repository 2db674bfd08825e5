package config

import (
	"fmt"
	"math"
	"strings"

	"github.com/opendata-portals/cookie-consent/app/consent"
)

// deriveChoiceLifetime writes the lifetime of the consent cookie
// (cookies_preferences), wherever a category lists it, from LifetimeDays
// and RefusalLifetimeDays, in every language of Texts: the cookie table
// then always says how long the choice is really kept, whatever the file
// says, and a change of lifetimeDays cannot leave "6 mois" behind.
func (c *Config) deriveChoiceLifetime() {
	for i := range c.Categories {
		for j := range c.Categories[i].Cookies {
			ck := &c.Categories[i].Cookies[j]
			if ck.Name != consent.CookieName {
				continue
			}
			ck.Lifetime = Localized{}
			langs := []string{c.DefaultLanguage}
			for lang := range c.Texts {
				langs = append(langs, lang)
			}
			for _, lang := range langs {
				if lang != "" {
					ck.Lifetime[lang] = c.choiceLifetimeIn(lang)
				}
			}
		}
	}
}

// choiceLifetimeIn says how long a choice is kept, in lang: "6 mois", or
// "6 mois (1 mois après un refus)" when a refusal is kept for another time.
func (c *Config) choiceLifetimeIn(lang string) string {
	w := durationWordsFor(lang, c.DefaultLanguage)
	s := w.duration(c.LifetimeDays)
	if c.RefusalLifetimeDays > 0 && c.RefusalLifetimeDays != c.LifetimeDays {
		s += " " + fmt.Sprintf(w.afterRefusal, w.duration(c.RefusalLifetimeDays))
	}
	return s
}

// durationWords are the words of a lifetime in one language.
type durationWords struct {
	day, days, month, months, year string
	afterRefusal                   string // "(%s after a refusal)"
}

// durationLanguages are the languages a lifetime is written in; another
// language gets the default language's words, else English.
var durationLanguages = map[string]durationWords{
	"fr": {"jour", "jours", "mois", "mois", "1 an", "(%s après un refus)"},
	"en": {"day", "days", "month", "months", "1 year", "(%s after a refusal)"},
	"de": {"Tag", "Tage", "Monat", "Monate", "1 Jahr", "(%s nach einer Ablehnung)"},
	"es": {"día", "días", "mes", "meses", "1 año", "(%s tras un rechazo)"},
	"it": {"giorno", "giorni", "mese", "mesi", "1 anno", "(%s dopo un rifiuto)"},
	"nl": {"dag", "dagen", "maand", "maanden", "1 jaar", "(%s na een weigering)"},
	"pt": {"dia", "dias", "mês", "meses", "1 ano", "(%s após uma recusa)"},
}

func durationWordsFor(lang, def string) durationWords {
	for _, l := range []string{lang, def, "en"} {
		base, _, _ := strings.Cut(strings.ToLower(l), "-")
		if w, ok := durationLanguages[base]; ok {
			return w
		}
	}
	return durationLanguages["en"]
}

// duration writes a number of days as a reader counts them: in months when
// it is within a day of a whole number of average months (182 days is "6
// months", 395 is "13 months", 365 is "1 year"), else in days.
func (w durationWords) duration(days int) string {
	const daysPerMonth = 365.25 / 12
	if months := int(math.Round(float64(days) / daysPerMonth)); months >= 1 &&
		math.Abs(float64(days)-math.Round(float64(months)*daysPerMonth)) <= 1 {
		switch {
		case months == 12:
			return w.year
		case months == 1:
			return "1 " + w.month
		default:
			return fmt.Sprintf("%d %s", months, w.months)
		}
	}
	if days == 1 {
		return "1 " + w.day
	}
	return fmt.Sprintf("%d %s", days, w.days)
}
