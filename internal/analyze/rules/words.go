package rules

import "github.com/switchboard-crm/switchboard/internal/message"

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Function words, folded (no accents), that tell French from English.
var frWords = set("le", "la", "les", "des", "du", "un", "une", "et", "est", "je", "vous", "nous", "pas", "ne",
	"pour", "avec", "sur", "dans", "mon", "ma", "mes", "votre", "vos", "c", "j", "qui", "que", "depuis", "toujours",
	"tres", "merci", "bonjour", "l", "d", "qu", "n", "chaque", "faire", "a", "au", "aux", "ce", "cette", "il", "elle", "on", "mais", "ou", "y", "suis", "ai", "avez")
var enWords = set("the", "an", "and", "is", "are", "i", "you", "we", "not", "for", "with", "on", "in", "my",
	"your", "it", "this", "that", "of", "to", "have", "has", "was", "been", "still", "very", "thanks", "thank", "hi",
	"hello", "but", "or", "am", "do", "does", "did", "can", "me", "what", "why", "how", "just")

var negations = set("pas", "jamais", "plus", "rien", "aucun", "aucune", "not", "never", "no", "dont", "don", "isn", "wasn", "aren", "didn", "doesn", "won", "cannot", "cant", "sans", "without")

// Polarity of common opinion words, written for this analyzer.
var polarity = map[string]float64{
	"merci": 1.5, "thanks": 1.5, "thank": 1.5, "bravo": 2, "super": 2, "genial": 2.5, "excellent": 2.5, "parfait": 2.5,
	"top": 1.5, "great": 2, "love": 2.5, "adore": 2.5, "awesome": 2.5, "amazing": 2.5, "perfect": 2.5, "good": 1.5,
	"bien": 1, "bon": 1, "content": 1.5, "contente": 1.5, "happy": 1.5, "satisfait": 1.5, "recommande": 2, "recommend": 2,
	"nul": -2.5, "nulle": -2.5, "honte": -2.5, "scandale": -3, "scandaleux": -3, "inadmissible": -3, "inacceptable": -3,
	"lamentable": -3, "deplorable": -3, "decu": -2, "decue": -2, "decevant": -2, "colere": -2.5, "marre": -2.5,
	"pire": -2.5, "arnaque": -3, "escroquerie": -3, "voleurs": -3, "retard": -1.5, "annule": -1.5, "perdu": -1.5,
	"panne": -1.5, "bug": -1, "plante": -1, "probleme": -1, "bad": -2, "worst": -3, "terrible": -3, "awful": -3,
	"horrible": -3, "hate": -3, "angry": -2.5, "disappointed": -2, "disappointing": -2, "unacceptable": -3, "scam": -3,
	"ridiculous": -2.5, "useless": -2.5, "delayed": -1.5, "cancelled": -1.5, "canceled": -1.5, "lost": -1.5,
	"broken": -2, "fail": -2, "failed": -2, "rude": -2.5, "never": -0.5, "still": -0.5, "toujours": -0.3,
}

type cue struct {
	text   string
	weight float64
}

func cues(weight float64, texts ...string) []cue {
	out := make([]cue, len(texts))
	for i, t := range texts {
		out[i] = cue{t, weight}
	}
	return out
}

// Cue words per class, folded; multi-word cues match as phrases.
var classCues = map[message.Class][]cue{
	message.ClassComplaint: cues(1.2, "rembourse", "remboursement", "refund", "retard", "delayed", "delay", "annule",
		"cancelled", "canceled", "colis", "livraison", "delivery", "facture", "facturation", "billing", "bill", "charged",
		"attente", "service client", "customer service", "personne ne repond", "no one", "nobody", "reclamation",
		"perdu", "lost", "bagage", "luggage", "baggage", "inadmissible", "unacceptable", "honte", "scandaleux", "marre"),
	message.ClassTechnical: cues(1.4, "bug", "plante", "crash", "crashes", "erreur", "error", "connexion", "login",
		"mot de passe", "password", "mise a jour", "update", "installer", "install", "configurer", "configure",
		"application", "appli", "app", "wifi", "box", "reseau", "network", "ne fonctionne pas", "doesn t work",
		"not working", "comment faire", "how do i", "how to", "parametres", "settings", "compatible", "code"),
	message.ClassValues: cues(1.5, "ecologie", "environnement", "environment", "climat", "climate", "carbone", "carbon",
		"diversite", "diversity", "salaries", "employees", "employes", "greve", "strike", "conditions de travail",
		"working conditions", "recrutement", "recrutez", "hiring", "job", "emploi", "stage", "internship", "ethique",
		"ethical", "boycott", "rse", "engagement", "engagements", "discrimination", "harcelement", "harassment", "sexisme"),
	message.ClassLegal: cues(1.8, "avocat", "lawyer", "attorney", "juridique", "legal", "contrat", "contract", "cgv",
		"conditions generales", "terms", "rgpd", "gdpr", "donnees personnelles", "personal data", "plainte", "lawsuit",
		"tribunal", "court", "mise en demeure", "droit", "rights", "copyright", "diffamation", "defamation", "cnil"),
	message.ClassCrisis: cues(2.2, "intoxication", "empoisonnement", "poisoning", "explosion", "incendie", "fire",
		"blesse", "blesses", "injured", "deces", "mort", "death", "died", "fuite de donnees", "data breach", "data leak",
		"piratage", "hacked", "rappel", "recall", "danger", "dangereux", "dangerous", "scandale", "scandal", "urgent"),
	message.ClassPraise: cues(1.3, "merci", "thanks", "thank you", "bravo", "super", "genial", "excellent", "love",
		"adore", "great", "awesome", "top", "recommande", "recommend", "idee", "idea", "suggestion", "suggere", "suggest"),
	message.ClassLead: cues(1.6, "prix", "price", "pricing", "tarif", "tarifs", "devis", "quote", "demo", "demonstration",
		"acheter", "buy", "purchase", "commander", "abonnement", "subscription", "offre", "offer", "partenariat",
		"partnership", "revendeur", "reseller", "disponible", "available", "entreprise", "business", "combien", "how much"),
	message.ClassNoise: cues(1.5, "gagnez", "win", "giveaway", "concours", "crypto", "bitcoin", "follow", "abonnez",
		"promo", "click", "cliquez", "lol", "mdr"),
}
