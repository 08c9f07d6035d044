package analyze

import (
	"reflect"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Token
	}{
		{"fr elisions and hyphen", "l'appli c'est peut-être nulle", []Token{
			{"l'", Word}, {"appli", Word}, {"c'", Word}, {"est", Word}, {"peut-être", Word}, {"nulle", Word}}},
		{"fr typographic apostrophe", "j’adore aujourd'hui", []Token{
			{"j’", Word}, {"adore", Word}, {"aujourd'hui", Word}}},
		{"en contractions kept", "I don't like it", []Token{
			{"I", Word}, {"don't", Word}, {"like", Word}, {"it", Word}}},
		{"mentions hashtags urls", "@SNCF_Direct #grève https://t.co/abc?x=1.", []Token{
			{"@SNCF_Direct", Mention}, {"#grève", Hashtag}, {"https://t.co/abc?x=1", URL}, {".", Punct}}},
		{"www url", "voir www.example.fr/page, merci", []Token{
			{"voir", Word}, {"www.example.fr/page", URL}, {",", Punct}, {"merci", Word}}},
		{"emoji sequences", "top 👍🏽🇫🇷👨‍👩‍👧 ❤️", []Token{
			{"top", Word}, {"👍🏽", Emoji}, {"🇫🇷", Emoji}, {"👨‍👩‍👧", Emoji}, {"❤️", Emoji}}},
		{"emoticons", "nul :( mais bon :-) <3 xD", []Token{
			{"nul", Word}, {":(", Emoticon}, {"mais", Word}, {"bon", Word}, {":-)", Emoticon}, {"<3", Emoticon}, {"xD", Emoticon}}},
		{"no emoticon inside words", "ratio:P8 ok", []Token{
			{"ratio", Word}, {":", Punct}, {"P8", Word}, {"ok", Word}}},
		{"numbers and punctuation runs", "12,50€ ou 3.5 ?!!!", []Token{
			{"12,50", Number}, {"€", Punct}, {"ou", Word}, {"3.5", Number}, {"?", Punct}, {"!!!", Punct}}},
		{"bare at and hash", "@ # rien", []Token{{"@", Punct}, {"#", Punct}, {"rien", Word}}},
		{"empty", "  \n\t", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokenize(tt.in); !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("Tokenize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, lang string
		want           []string // Text, with ! before negated terms
	}{
		{"fr negation ne pas", "je ne suis pas contente, mais bon", "fr",
			[]string{"je", "ne", "!suis", "pas", "!contente", ",", "mais", "bon"}},
		{"fr pas alone", "pas content du tout !", "fr",
			[]string{"pas", "!content", "!du", "!tout", "!"}},
		{"fr plus only after ne", "il n'y a plus rien. plus fort", "fr",
			[]string{"il", "n'", "!y", "!a", "plus", "rien", ".", "plus", "fort"}},
		{"en n't", "I don't like it but ok", "en",
			[]string{"i", "don't", "!like", "!it", "but", "ok"}},
		{"en scope limit", "not a b c d e", "en",
			[]string{"not", "!a", "!b", "!c", "!d", "e"}},
		{"folding and squashing", "NUUUUL Ça Marche Pôôôô", "fr",
			[]string{"nuul", "ca", "marche", "poo"}},
		{"placeholders", "@bob 0612345678 https://x.io 😡", "fr",
			[]string{"<user>", "<num6>", "<url>", "😡"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, term := range Normalize(Tokenize(tt.in), tt.lang) {
				s := term.Text
				if term.Neg {
					s = "!" + s
				}
				got = append(got, s)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStemAndFlags(t *testing.T) {
	terms := Normalize(Tokenize("Remboursements CONTENTES nuuuul"), "fr")
	if terms[0].Stem != "rembours" || terms[1].Stem != "content" {
		t.Errorf("french stems = %q, %q", terms[0].Stem, terms[1].Stem)
	}
	if !terms[1].Upper || terms[0].Upper || !terms[2].Elongated {
		t.Errorf("flags wrong: %+v", terms)
	}
	en := Normalize(Tokenize("connections waited"), "en")
	if en[0].Stem != "connect" || en[1].Stem != "wait" {
		t.Errorf("english stems = %q, %q", en[0].Stem, en[1].Stem)
	}
	if Stem("connections", "de") != "connections" {
		t.Error("unknown language should not stem")
	}
}

func TestFoldSquash(t *testing.T) {
	for in, want := range map[string]string{"Ça": "ca", "ÉLÈVE": "eleve", "naïve cœur": "naive coeur", "abc": "abc", "Straße": "strasse"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	if got, ok := Squash("soooo cool"); got != "soo cool" || !ok {
		t.Errorf("Squash = %q %v", got, ok)
	}
	if got, ok := Squash("cool"); got != "cool" || ok {
		t.Errorf("Squash(cool) = %q %v", got, ok)
	}
	if got := SquashHard("nuul"); got != "nul" {
		t.Errorf("SquashHard = %q", got)
	}
}
