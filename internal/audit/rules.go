//go:build !js

package audit

// Rule is the text a finding is judged by: the CNIL's guidelines and
// recommendation on cookies (deliberations 2020-091 and 2020-092 of
// 17 September 2020), which apply article 82 of the French Data Protection
// Act and the GDPR's definition of consent.
type Rule struct {
	ID string `json:"id"`
	// Ref is where the rule is written, the same in both languages.
	Ref string `json:"ref"`
	FR  string `json:"fr"`
	EN  string `json:"en"`
}

// The rules the audit checks, one per CNIL requirement.
var (
	RuleConsentFirst = Rule{
		ID:  "consent-first",
		Ref: "Loi Informatique et Libertés, art. 82 ; CNIL, lignes directrices 2020-091, art. 2",
		FR:  "Aucun traceur non exempté ne peut être lu ou déposé avant le consentement de l'utilisateur.",
		EN:  "No tracker that is not exempt may be read or written before the user consents.",
	}
	RuleRefusal = Rule{
		ID:  "refusal-respected",
		Ref: "CNIL, lignes directrices 2020-091, art. 2 ; recommandation 2020-092, § 2",
		FR:  "Un refus doit être respecté : aucun traceur soumis au consentement n'est utilisé après un refus.",
		EN:  "A refusal must be respected: no tracker that needs consent is used after a refusal.",
	}
	RuleInformed = Rule{
		ID:  "informed",
		Ref: "RGPD, art. 4(11) et 13 ; CNIL, recommandation 2020-092, § 3",
		FR:  "L'utilisateur est informé de chaque traceur : sa finalité, son émetteur, sa durée de conservation.",
		EN:  "The user is told about each tracker: its purpose, who sets it, how long it is kept.",
	}
	RuleAccurate = Rule{
		ID:  "accurate-information",
		Ref: "RGPD, art. 5(1)(a) ; CNIL, recommandation 2020-092, § 3",
		FR:  "L'information donnée doit être exacte : ne pas demander le consentement pour des traceurs qui ne sont pas utilisés.",
		EN:  "The information given must be accurate: do not ask consent for trackers that are not used.",
	}
	RuleWithdrawal = Rule{
		ID:  "withdrawal",
		Ref: "RGPD, art. 7(3) ; CNIL, lignes directrices 2020-091, art. 2",
		FR:  "Retirer son consentement doit être aussi simple que le donner, à tout moment, depuis chaque page.",
		EN:  "Withdrawing consent must be as easy as giving it, at any time, from every page.",
	}
	RuleEqualChoice = Rule{
		ID:  "equal-choice",
		Ref: "CNIL, recommandation 2020-092, § 2",
		FR:  "Le premier niveau propose de tout refuser avec la même facilité que de tout accepter.",
		EN:  "The first layer offers to refuse all as easily as to accept all.",
	}
	RuleNoPreTicked = Rule{
		ID:  "no-pre-ticked",
		Ref: "CJUE, C-673/17 Planet49 ; CNIL, lignes directrices 2020-091, art. 2",
		FR:  "Des cases pré-cochées ne valent pas consentement.",
		EN:  "Pre-ticked boxes are not consent.",
	}
	RuleChoiceLifetime = Rule{
		ID:  "choice-lifetime",
		Ref: "CNIL, recommandation 2020-092, § 2",
		FR:  "Le choix est conservé pour une durée limitée (six mois recommandés, treize mois au plus), celle que le site annonce.",
		EN:  "The choice is kept for a limited time (six months recommended, thirteen at most), the one the site states.",
	}
)
