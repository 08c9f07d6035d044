package ui

// crisisMessages are the crisis room's words, French then English.
var crisisMessages = map[string][2]string{
	"nav.crisis":           {"Crises", "Crises"},
	"crisis.title":         {"Salle de crise", "Crisis room"},
	"crisis.room":          {"Incident", "Incident"},
	"crisis.none":          {"Aucun incident.", "No incidents."},
	"crisis.open":          {"ouvert", "open"},
	"crisis.closed":        {"clos", "closed"},
	"crisis.severity":      {"Gravité", "Severity"},
	"crisis.sev.low":       {"faible", "low"},
	"crisis.sev.medium":    {"moyenne", "medium"},
	"crisis.sev.high":      {"haute", "high"},
	"crisis.sev.critical":  {"critique", "critical"},
	"crisis.started":       {"Début", "Started"},
	"crisis.community":     {"Communauté", "Community"},
	"crisis.messages":      {"Messages", "Messages"},
	"crisis.terms":         {"Termes", "Terms"},
	"crisis.rule":          {"Règle installée : %s — les messages concernés vont à la Direction générale, réponses soumises à validation.", "Rule installed: %s — matching messages go to general management, replies need approval."},
	"crisis.timeline":      {"Chronologie (volume, dont négatifs)", "Timeline (volume, negative in front)"},
	"crisis.topterms":      {"Termes principaux", "Top terms"},
	"crisis.topauthors":    {"Auteurs par audience", "Top authors by reach"},
	"crisis.followers":     {"abonnés", "followers"},
	"crisis.samples":       {"Messages types", "Sample messages"},
	"crisis.alerts":        {"Alertes (observé / attendu · score)", "Alerts (observed / expected · score)"},
	"crisis.notifications": {"Notifications", "Notifications"},
	"crisis.level":         {"niveau %d", "level %d"},
	"crisis.acked":         {"Pris en charge par %s", "Acknowledged by %s"},
	"crisis.notacked":      {"Non pris en charge : l'escalade continue.", "Not acknowledged: escalation goes on."},
	"crisis.ack":           {"Prendre en charge", "Acknowledge"},
	"crisis.actions":       {"Pilotage", "Handling"},
	"crisis.owner":         {"Responsable", "Owner"},
	"crisis.setowner":      {"Désigner", "Assign"},
	"crisis.holding":       {"Déclaration d'attente", "Holding statement"},
	"crisis.keymessage":    {"Message clé validé", "Approved key message"},
	"crisis.orText":        {"ou texte", "or text"},
	"crisis.setholding":    {"Enregistrer", "Save"},
	"crisis.postmortem":    {"Retour d'expérience", "Post-mortem"},
	"crisis.close":         {"Clore l'incident", "Close the incident"},
	"crisis.refused":       {"Refusé : %s", "Refused: %s"},
	"crisis.live":          {"Mise à jour toutes les 30 s tant que l'incident est ouvert.", "Refreshed every 30 s while the incident is open."},
}

func init() {
	for k, v := range crisisMessages {
		messages[k] = v
	}
}
