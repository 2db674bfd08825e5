//go:build !js

package audit

import "fmt"

// Languages lists the languages of the reports.
func Languages() []string { return []string{"fr", "en"} }

// Message says a finding in one sentence, in French or English.
func Message(f Finding, lang string) string {
	fr := lang == "fr"
	pick := func(a, b string) string {
		if fr {
			return a
		}
		return b
	}
	cat := func() string {
		if f.Category == "" {
			return pick("non déclaré", "undeclared")
		}
		return pick("catégorie ", "category ") + f.Category
	}
	switch f.Kind {
	case KindCookieWithoutConsent:
		return fmt.Sprintf(pick("Le cookie %s (%s) est déposé sans consentement.", "Cookie %s (%s) is set without consent."), f.Subject, cat())
	case KindStorageWithoutConsent:
		return fmt.Sprintf(pick("La clé de stockage %s (%s) est écrite sans consentement.", "Storage key %s (%s) is written without consent."), f.Subject, cat())
	case KindRequestWithoutConsent:
		return fmt.Sprintf(pick("La page appelle %s, un site tiers, sans consentement.", "The page calls %s, another site, without consent."), f.Subject)
	case KindUndeclaredCookie:
		return fmt.Sprintf(pick("Le cookie %s n'est déclaré dans aucune catégorie.", "Cookie %s is declared in no category."), f.Subject)
	case KindUnusedDeclaration:
		return fmt.Sprintf(pick("Le cookie déclaré %s (%s) n'a été vu sur aucune page.", "Declared cookie %s (%s) was seen on no page."), f.Subject, cat())
	case KindNoBanner:
		return pick("Le bandeau ne s'exécute pas sur la page.", "The banner does not run on the page.")
	case KindNoWithdrawalLink:
		return pick(`La page n'a pas de lien data-cc="preferences" pour retirer son consentement.`, `The page has no data-cc="preferences" link to withdraw consent.`)
	case KindFirstLayer:
		switch f.Subject {
		case "refuse-all":
			return pick("Le premier niveau du bandeau n'a pas de bouton « Tout refuser ».", `The banner's first layer has no "refuse all" button.`)
		case "accept-all":
			return pick("Le premier niveau du bandeau n'a pas de bouton « Tout accepter ».", `The banner's first layer has no "accept all" button.`)
		}
		return pick("Le bandeau ne s'affiche pas pour un nouveau visiteur.", "The banner does not show to a new visitor.")
	case KindPreTicked:
		return fmt.Sprintf(pick("La catégorie %s est cochée d'avance.", "Category %s is ticked in advance."), f.Subject)
	case KindChoiceLifetime:
		return fmt.Sprintf(pick("Le choix est conservé plus longtemps que la configuration ne l'annonce (%s).", "The choice is kept longer than the configuration says (%s)."), f.Evidence.Detail)
	}
	return string(f.Kind)
}

// VisitorName names a visitor in a report.
func VisitorName(v Visitor, lang string) string {
	names := map[Visitor][2]string{
		NoChoice:  {"sans choix", "no choice"},
		RefuseAll: {"tout refusé", "refused all"},
		AcceptAll: {"tout accepté", "accepted all"},
	}
	n, ok := names[v]
	if !ok {
		return string(v)
	}
	if lang == "fr" {
		return n[0]
	}
	return n[1]
}
