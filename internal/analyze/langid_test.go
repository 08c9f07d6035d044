package analyze

import "testing"

func TestIdentify(t *testing.T) {
	tests := []struct{ text, hint, want string }{
		{"je suis pas content du tout, remboursez-moi", "", "fr"},
		{"@SNCF encore un train en retard, merci pour rien 😡", "", "fr"},
		{"franchement l'appli plante tout le temps depuis la mise à jour", "", "fr"},
		{"not happy with this at all, where is my refund?", "", "en"},
		{"@united thanks for losing my bag again https://t.co/x", "", "en"},
		{"the app keeps crashing since the last update", "", "en"},
		{"no estoy contento con el servicio de atención", "", "es"},
		{"Ich bin mit dem Kundenservice überhaupt nicht zufrieden", "", "de"},
		{"Non sono per niente contento del servizio clienti", "", "it"},
		{"não estou nada feliz com o atendimento de vocês", "", "pt"},
		{"Это очень плохой сервис", "", LangOther},
		{"😡😡😡 https://t.co/x @bob", "", LangOther},
		{"ok", "", LangOther},
		{"this text is english", "fr-CA", "fr"},
		{"ce texte est français", "en", "en"},
		{"tekst po polsku", "pl", LangOther},
		{"je suis pas content du tout", "und", "fr"},
		{"not happy with this at all", "zxx", "en"},
		{"Dit is een Nederlandse zin over het weer van vandaag", "", LangOther},
		{"Nie podoba mi się ta usługa, jestem rozczarowany", "", LangOther},
	}
	for _, tt := range tests {
		if got := Identify(tt.text, tt.hint); got != tt.want {
			t.Errorf("Identify(%q, %q) = %q, want %q", tt.text, tt.hint, got, tt.want)
		}
	}
}

// TestIdentifyTweets checks language id on the real French and English
// tweets of the shared data, ignoring their lang field.
func TestIdentifyTweets(t *testing.T) {
	for _, set := range []string{"sentiment-fr/dev.jsonl", "sentiment-en/dev.jsonl"} {
		ex := readShared(t, set)
		right := 0
		for _, e := range ex {
			if Identify(e.Text, "") == e.Lang {
				right++
			}
		}
		acc := float64(right) / float64(len(ex))
		t.Logf("%s: language id accuracy %.3f on %d tweets", set, acc, len(ex))
		if acc < 0.9 {
			t.Errorf("%s: language id accuracy %.3f < 0.9", set, acc)
		}
	}
}
