package ui

// reportMessages are the words of the weekly report's page, French then English.
var reportMessages = map[string][2]string{
	"rep.title":      {"Rapport hebdomadaire", "Weekly report"},
	"rep.link":       {"Rapport hebdomadaire par e-mail", "Weekly e-mail report"},
	"rep.intro":      {"Chaque semaine, le rapport de la communauté (volume, tonalité, délais, en attente, termes en hausse, incidents) part par e-mail aux destinataires.", "Every week, the community's report (volume, sentiment, SLA, backlog, rising terms, incidents) goes by e-mail to the recipients."},
	"rep.settings":   {"Réglages", "Settings"},
	"rep.none":       {"Pas encore de réglages : aucun rapport n'est envoyé.", "No settings yet: no report is sent."},
	"rep.recipients": {"Destinataires (une adresse par ligne, 50 au plus)", "Recipients (one address a line, 50 at most)"},
	"rep.weekday":    {"Jour", "Day"},
	"rep.hour":       {"Heure (0 à 23)", "Hour (0 to 23)"},
	"rep.timezone":   {"Fuseau horaire (nom IANA, par exemple Europe/Paris)", "Time zone (IANA name, such as Europe/Paris)"},
	"rep.lang":       {"Langue du rapport", "Report language"},
	"rep.lang.fr":    {"français", "French"},
	"rep.lang.en":    {"anglais", "English"},
	"rep.enabled":    {"Envoyer le rapport chaque semaine", "Send the report every week"},
	"rep.save":       {"Enregistrer", "Save"},
	"rep.refused":    {"Réglages refusés, rien n'a été modifié : %s", "Settings refused, nothing was changed: %s"},
	"rep.saved":      {"Réglages enregistrés.", "Settings saved."},
	"rep.preview":    {"Aperçu du rapport de cette semaine", "Preview this week's report"},
	"rep.sendnow":    {"Envoyer maintenant", "Send now"},
	"rep.sendhint":   {"Envoie tout de suite le rapport des sept derniers jours aux destinataires enregistrés.", "Sends the report of the last seven days to the saved recipients at once."},
	"rep.sentnow":    {"Rapport envoyé.", "Report sent."},
	"rep.sendfailed": {"L'envoi a échoué : %s", "Sending failed: %s"},
	"rep.nosettings": {"enregistrez d'abord les réglages du rapport", "save the report's settings first"},
	"rep.badlang":    {"Langue inconnue : fr ou en.", "Unknown language: fr or en."},
	"rep.history":    {"Rapports envoyés", "Reports sent"},
	"rep.manual":     {"envoi immédiat", "send now"},
	"rep.week":       {"Semaine", "Week"},
	"rep.status":     {"État", "Status"},
	"rep.claimed":    {"Commencé", "Started"},
	"rep.sentat":     {"Envoyé", "Sent"},
	"rep.error":      {"Erreur", "Error"},
	"rep.nohistory":  {"Aucun rapport envoyé.", "No report sent yet."},
	"rep.st.sent":    {"envoyé", "sent"},
	"rep.st.failed":  {"échec", "failed"},
	"rep.st.sending": {"en cours", "sending"},
	"rep.day.0":      {"dimanche", "Sunday"},
	"rep.day.1":      {"lundi", "Monday"},
	"rep.day.2":      {"mardi", "Tuesday"},
	"rep.day.3":      {"mercredi", "Wednesday"},
	"rep.day.4":      {"jeudi", "Thursday"},
	"rep.day.5":      {"vendredi", "Friday"},
	"rep.day.6":      {"samedi", "Saturday"},
	"rep.back":       {"Retour à la communauté", "Back to the community"},
}

func init() {
	for k, v := range reportMessages {
		messages[k] = v
	}
}
