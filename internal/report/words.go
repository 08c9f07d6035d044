package report

import "strings"

// words are the report's texts, French then English.
var words = map[string][2]string{
	"subject":         {"Rapport hebdomadaire · %s · %s", "Weekly report · %s · %s"},
	"title":           {"Rapport hebdomadaire de la communauté %s", "Weekly report of the %s community"},
	"period":          {"Du %s au %s, comparé à la semaine précédente.", "From %s to %s, compared with the week before."},
	"volume":          {"Volume", "Volume"},
	"messages":        {"Messages", "Messages"},
	"bychannel":       {"Par canal", "By channel"},
	"byclass":         {"Par classe", "By class"},
	"bydepartment":    {"Par service", "By department"},
	"thisweek":        {"Cette semaine", "This week"},
	"lastweek":        {"Semaine précédente", "Week before"},
	"change":          {"Évolution", "Change"},
	"new":             {"nouveau", "new"},
	"sentiment":       {"Sentiment", "Sentiment"},
	"negative":        {"Négatifs", "Negative"},
	"mean":            {"Score moyen", "Mean score"},
	"day":             {"Jour", "Day"},
	"sla":             {"Délais (SLA) : part dans les temps", "Service levels (SLA): share on time"},
	"department":      {"Service", "Department"},
	"kind":            {"Mesure", "Measure"},
	"first_response":  {"première réponse", "first response"},
	"resolution":      {"résolution", "resolution"},
	"count":           {"Nombre", "Count"},
	"backlog":         {"En attente (non résolus)", "Backlog (not resolved)"},
	"terms":           {"Termes en hausse", "Rising terms"},
	"term":            {"Terme", "Term"},
	"usual":           {"Habituel", "Usual"},
	"ratio":           {"Rapport", "Ratio"},
	"incidents":       {"Incidents de la semaine", "Incidents of the week"},
	"noincidents":     {"Aucun incident cette semaine.", "No incidents this week."},
	"severity":        {"Gravité", "Severity"},
	"started":         {"Début", "Started"},
	"status":          {"État", "Status"},
	"none":            {"Rien cette semaine.", "Nothing this week."},
	"dashboard":       {"Voir le tableau de bord", "Open the dashboard"},
	"footer":          {"Envoyé par Switchboard. Les chiffres viennent des agrégats du tableau de bord (mis à jour en continu).", "Sent by Switchboard. The figures come from the dashboard's rollups (kept current as messages arrive)."},
	"dateformat":      {"02/01/2006", "2 Jan 2006"},
	"dayformat":       {"Mon 02/01", "Mon 2 Jan"},
	"colon":           {" : ", ": "},
	"class.complaint": {"Réclamation", "Complaint"},
	"class.technical": {"Technique", "Technical"},
	"class.values":    {"Valeurs", "Values"},
	"class.legal":     {"Juridique", "Legal"},
	"class.crisis":    {"Crise", "Crisis"},
	"class.praise":    {"Éloge", "Praise"},
	"class.lead":      {"Prospect", "Lead"},
	"class.noise":     {"Bruit", "Noise"},
	"sev.low":         {"faible", "low"},
	"sev.medium":      {"moyenne", "medium"},
	"sev.high":        {"haute", "high"},
	"sev.critical":    {"critique", "critical"},
	"st.open":         {"ouvert", "open"},
	"st.closed":       {"clos", "closed"},
	"unknown":         {"(aucun)", "(none)"},
}

// word gives the text of key in lang (English when not French); a key
// without text is shown after its last dot ("class.other" as "other").
func word(lang, key string) string {
	w, ok := words[key]
	if !ok {
		return key[strings.LastIndex(key, ".")+1:]
	}
	if lang == "fr" {
		return w[0]
	}
	return w[1]
}

var frenchDays = map[string]string{"Mon": "lun.", "Tue": "mar.", "Wed": "mer.", "Thu": "jeu.", "Fri": "ven.", "Sat": "sam.", "Sun": "dim."}
