package knowledge

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// synth makes a realistic synthetic library: words drawn with Zipf's law
// (as in real text: a few words in every answer, most in few) from a
// vocabulary of support words and pseudo-words, stop words mixed in,
// English and French answers, communities and classes.
type synth struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

// supportWords are frequent words of customer care, at the head of the
// vocabulary so that they get Zipf's largest frequencies.
var supportWords = strings.Fields(`account password refund order delivery payment card help
issue problem login error app update phone email support service charge cancel subscription
reset access game server store shipping return invoice price plan network connexion facture
remboursement commande livraison compte paiement abonnement panne réseau mot passe aide`)

var stopWords = strings.Fields("the a to my is and i it of for in on not you le la les de et je mon pas")

func newSynth(seed uint64, vocab int) *synth {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	s := &synth{r: r, zipf: rand.NewZipf(r, 1.07, 2, uint64(vocab-1))}
	s.vocab = append(s.vocab, supportWords...)
	for len(s.vocab) < vocab {
		s.vocab = append(s.vocab, s.pseudoWord())
	}
	return s
}

// pseudoWord returns a pronounceable word of 2 to 4 syllables.
func (s *synth) pseudoWord() string {
	cons, vows := "bcdfghjklmnprstvz", "aeiou"
	var b strings.Builder
	for range 2 + s.r.IntN(3) {
		b.WriteByte(cons[s.r.IntN(len(cons))])
		b.WriteByte(vows[s.r.IntN(len(vows))])
	}
	if s.r.IntN(3) == 0 {
		b.WriteString([]string{"s", "ing", "ed", "ment", "tion"}[s.r.IntN(5)])
	}
	return b.String()
}

// text returns n words, a third of them stop words.
func (s *synth) text(n int) string {
	w := make([]string, n)
	for i := range w {
		if s.r.IntN(3) == 0 {
			w[i] = stopWords[s.r.IntN(len(stopWords))]
		} else {
			w[i] = s.vocab[s.zipf.Uint64()]
		}
	}
	return strings.Join(w, " ")
}

// answer returns the i-th synthetic answer: a title of 3 to 8 words, a body
// of 30 to 120, 1 to 20 example questions of 8 to 40 words.
func (s *synth) answer(i int) Answer {
	a := Answer{
		ID:       fmt.Sprintf("a%05d", i),
		Title:    s.text(3 + s.r.IntN(6)),
		Body:     "Hello {{author.name}}, " + s.text(30+s.r.IntN(91)),
		Language: []string{"en", "en", "en", "fr"}[s.r.IntN(4)],
		State:    StateApproved,
		Version:  1,
		Uses:     s.r.IntN(50),
	}
	for range 1 + s.r.IntN(20) {
		a.Examples = append(a.Examples, s.text(8+s.r.IntN(33)))
	}
	if s.r.IntN(4) == 0 {
		a.Communities = []string{fmt.Sprintf("community-%d", s.r.IntN(20))}
	}
	if s.r.IntN(3) == 0 {
		a.Classes = []message.Class{message.Classes[s.r.IntN(len(message.Classes))]}
	}
	return a
}

// query returns a message of 10 to 60 words, like a tweet or a short mail.
func (s *synth) query() Query {
	return Query{Text: s.text(10 + s.r.IntN(51)), Language: []string{"en", "en", "en", "fr"}[s.r.IntN(4)]}
}
