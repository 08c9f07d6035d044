package rules

import (
	"testing"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func TestAnalyze(t *testing.T) {
	cases := []struct {
		text  string
		lang  string
		sent  message.Sentiment
		class message.Class
	}{
		{"Mon colis est perdu et personne ne répond, c'est inadmissible", "fr", message.Negative, message.ClassComplaint},
		{"L'appli plante à chaque mise à jour, comment faire ?", "fr", message.Negative, message.ClassTechnical},
		{"Thanks so much, the team was awesome!", "en", message.Positive, message.ClassPraise},
		{"How much is the business subscription? Can I get a demo?", "en", message.Neutral, message.ClassLead},
		{"My lawyer will contact you about the GDPR request", "en", message.Neutral, message.ClassLegal},
		{"Intoxication alimentaire après votre menu, plusieurs blessés", "fr", message.Neutral, message.ClassCrisis},
		{"Je ne suis pas content du tout", "fr", message.Negative, message.ClassComplaint},
	}
	for _, c := range cases {
		a := Analyzer{}.Analyze(&message.Message{Text: c.text})
		if a.Lang != c.lang || a.Sentiment != c.sent || a.Class != c.class {
			t.Errorf("%q: got %s %s %s (%.2f, %v)", c.text, a.Lang, a.Sentiment, a.Class, a.Confidence, a.Signals)
		}
		if a.ModelVersion != Version || a.Confidence <= 0 || a.Confidence > 1 {
			t.Errorf("%q: version %q confidence %v", c.text, a.ModelVersion, a.Confidence)
		}
	}
	if a := (Analyzer{}).Analyze(&message.Message{Text: "hola", Lang: "es"}); a.Lang != "es" {
		t.Errorf("platform hint ignored: %s", a.Lang)
	}
	if a := (Analyzer{}).Analyze(&message.Message{Text: "🙂🙂"}); a.Lang != "other" || a.Class != message.ClassNoise {
		t.Errorf("emoji only: %+v", a)
	}
}
