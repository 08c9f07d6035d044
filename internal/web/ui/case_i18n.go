package ui

// caseMessages are the case export page's words, French then English.
var caseMessages = map[string][2]string{
	"case.title":     {"Créer un dossier", "Create a case"},
	"case.open":      {"Créer un dossier…", "Create a case…"},
	"case.intro":     {"Envoyer cette conversation (tous ses messages, l'auteur, la classe, le service, le sentiment et le lien) à un système de l'entreprise.", "Send this conversation (all its messages, the author, class, department, sentiment and link) to one of the company's systems."},
	"case.target":    {"Système", "System"},
	"case.notargets": {"Aucun système n'est configuré : un administrateur en ajoute par l'API (PUT /api/v1/case-targets/{nom}).", "No system is configured: an admin adds one through the API (PUT /api/v1/case-targets/{name})."},
	"case.preview":   {"Aperçu", "Preview"},
	"case.create":    {"Créer le dossier", "Create the case"},
	"case.force":     {"En créer un autre quand même", "Create another one anyway"},
	"case.request":   {"Requête qui serait envoyée (secrets masqués)", "Request that would be sent (secrets masked)"},
	"case.refused":   {"Refusé : %s", "Refused: %s"},
	"case.created":   {"Dossier créé dans %s.", "Case created in %s."},
	"case.list":      {"Dossiers de cette conversation", "Cases of this conversation"},
	"case.none":      {"Aucun dossier pour l'instant.", "No cases yet."},
	"case.status":    {"État", "Status"},
	"case.external":  {"Référence", "Reference"},
	"case.code":      {"Réponse", "Answer"},
	"case.by":        {"Par", "By"},
	"case.when":      {"Quand", "When"},
	"case.back":      {"Retour à la conversation", "Back to the conversation"},
	"case.s.pending": {"en cours", "pending"},
	"case.s.created": {"créé", "created"},
	"case.s.failed":  {"échec", "failed"},
}

func init() {
	for k, v := range caseMessages {
		messages[k] = v
	}
}
