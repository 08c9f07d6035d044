package ui

// leadersMessages are the words of the opinion leaders' pages, French then English.
var leadersMessages = map[string][2]string{
	"nav.leaders":           {"Leaders d'opinion", "Opinion leaders"},
	"leaders.title":         {"Leaders d'opinion", "Opinion leaders"},
	"leaders.community":     {"Communauté", "Community"},
	"leaders.all":           {"Toutes les communautés", "All communities"},
	"leaders.show":          {"Afficher", "Show"},
	"leaders.map":           {"Carte des parties prenantes", "Stakeholder map"},
	"leaders.list":          {"Classement", "Ranking"},
	"leaders.rank":          {"Rang", "Rank"},
	"leaders.person":        {"Personne", "Person"},
	"leaders.score":         {"Influence", "Influence"},
	"leaders.reach":         {"Audience", "Reach"},
	"leaders.engagement":    {"Engagement reçu", "Engagement received"},
	"leaders.stance":        {"Position", "Stance"},
	"leaders.messages":      {"Messages (+ / = / −)", "Messages (+ / = / −)"},
	"leaders.recent":        {"Derniers messages", "Recent messages"},
	"leaders.none":          {"Pas encore de score : l'influence est calculée dans la minute qui suit l'arrivée des messages.", "No scores yet: influence is computed within a minute of messages arriving."},
	"leaders.explain":       {"Influence de 0 à 100 : position dans le graphe de qui répond à, mentionne et relaie qui (PageRank pondéré), audience et engagement reçu, avec une demi-vie de 30 jours. Position : sentiment moyen de leurs messages, de −1 (détracteur) à +1 (ambassadeur).", "Influence from 0 to 100: position in the graph of who replies to, mentions and reposts whom (weighted PageRank), reach and engagement received, with a 30-day half-life. Stance: mean sentiment of their messages, from −1 (detractor) to +1 (advocate)."},
	"stakeholder.title":     {"Carte des parties prenantes", "Stakeholder map"},
	"stakeholder.legend":    {"Légende", "Legend"},
	"stakeholder.leader":    {"leader d'opinion (5 premiers, cerclés)", "opinion leader (top five, outlined)"},
	"stakeholder.advocate":  {"ambassadeur (position ≥ 0,25)", "advocate (stance ≥ 0.25)"},
	"stakeholder.detractor": {"détracteur (position ≤ −0,25)", "detractor (stance ≤ −0.25)"},
	"stakeholder.neutral":   {"neutre ou inconnu", "neutral or unknown"},
	"stakeholder.layout":    {"Au centre le plus influent, puis par rang sur des cercles ; taille selon l'influence ; traits : réponses, mentions et relais entre eux.", "Most influential in the centre, then by rank on rings; size by influence; lines: replies, mentions and reposts between them."},
	"stakeholder.aria":      {"Carte des %d personnes les plus influentes", "Map of the %d most influential people"},
}

func init() {
	for k, v := range leadersMessages {
		messages[k] = v
	}
}
