package loadgen

type phrasebook struct {
	openings, bodies, closings []string
}

var french = phrasebook{
	openings: []string{"Bonjour,", "Salut", "Franchement,", "Encore une fois,", "Je vous écris parce que", "Euh", "Allô ?", "Sérieusement", "Merci d'avance :", "Bonsoir,"},
	bodies: []string{
		"mon colis n'est toujours pas arrivé après trois semaines, c'est inadmissible",
		"l'appli plante dès que j'ouvre mes factures, erreur 503",
		"on m'a facturé deux fois le même abonnement, je veux un remboursement",
		"comment configurer la box pour le wifi 5 GHz ?",
		"vos conditions de travail dans les entrepôts, vous en êtes fiers ?",
		"je demande la suppression de mes données personnelles au titre du RGPD",
		"plusieurs clients intoxiqués après le plat du jour, que se passe-t-il ?",
		"bravo à l'équipe du magasin de Lyon, service impeccable",
		"vous faites des tarifs pour les entreprises ? j'aurais besoin d'un devis pour 40 postes",
		"gagnez un iPhone en cliquant ici, concours express",
		"le service client ne répond jamais, j'attends depuis une heure",
		"impossible de me connecter depuis la mise à jour, mot de passe refusé",
		"super idée la nouvelle fonctionnalité, j'adore",
		"mon vol a été annulé sans explication et personne au guichet",
		"est-ce que vous recrutez des alternants en marketing ?",
	},
	closings: []string{"Merci.", "Cordialement", "c'est abusé", "mdr", "svp", "😡", "je ne recommande pas", "vivement une réponse", "bonne journée"},
}

var english = phrasebook{
	openings: []string{"Hi,", "Hey", "Honestly,", "Again,", "Quick question:", "Ugh", "Seriously", "Hello team,", "FYI", "So"},
	bodies: []string{
		"my package still hasn't arrived after three weeks, unacceptable",
		"the app crashes every time I open my invoices, error 503",
		"you charged me twice for the same plan, I want a refund",
		"how do I set up the router for 5 GHz wifi?",
		"are you proud of the working conditions in your warehouses?",
		"I request deletion of my personal data under GDPR",
		"several customers got food poisoning after today's special, what is going on?",
		"kudos to the Leeds store team, flawless service",
		"do you have business pricing? need a quote for 40 seats",
		"win a free iPhone, click here, giveaway ends tonight",
		"customer service never answers, been on hold for an hour",
		"can't log in since the update, password rejected",
		"love the new feature, great idea",
		"my flight got cancelled with no explanation and nobody at the desk",
		"are you hiring interns in marketing?",
	},
	closings: []string{"Thanks.", "Regards", "smh", "lol", "pls", "😡", "would not recommend", "waiting for an answer", "have a good day"},
}

var tags = []string{"service", "panne", "outage", "remboursement", "refund", "greve", "rgpd", "merci", "fail", "promo"}

var brands = []string{"AcmeTel", "AirNord", "BanqueVerte", "ShopMax", "EnergiePlus"}

var emoji = []string{"🙃", "😡", "👍", "🙏", "😂", "💸", "📦", "✈️"}
