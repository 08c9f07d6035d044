// Package rules is the first analyzer of Switchboard: language by function
// words, sentiment and class by small hand-written French and English word
// lists. It is transparent (every decision names the words behind it) and
// needs no model file; the trained engine in package analyze replaces it.
package rules

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Version is recorded on every analysis this analyzer makes.
const Version = "rules-1"

// Analyzer is the word-list analyzer. Its zero value is ready to use.
type Analyzer struct{}

// Analyze reads m's text and returns its language, sentiment and class.
func (Analyzer) Analyze(m *message.Message) message.Analysis {
	words := tokens(m.Text)
	a := message.Analysis{ModelVersion: Version, Lang: m.Lang}
	if a.Lang == "" {
		a.Lang = language(words)
	}
	a.SentimentScore, a.Sentiment = sentiment(words)
	a.Class, a.Confidence, a.Signals = classify(words, a.Sentiment)
	return a
}

// tokens folds case and accents and splits on anything but letters, digits and apostrophes.
func tokens(text string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

func language(words []string) string {
	fr, en := 0, 0
	for _, w := range words {
		if frWords[w] {
			fr++
		}
		if enWords[w] {
			en++
		}
	}
	switch {
	case fr == 0 && en == 0:
		return "other"
	case fr >= en:
		return "fr"
	default:
		return "en"
	}
}

// sentiment sums word polarities, flipping those within three words after a negation.
func sentiment(words []string) (float64, message.Sentiment) {
	score, negate := 0.0, 0
	for _, w := range words {
		if negations[w] {
			negate = 3
			continue
		}
		v := polarity[w]
		if negate > 0 {
			v = -v
			negate--
		}
		score += v
	}
	s := math.Tanh(score / 2)
	switch {
	case s <= -0.3:
		return s, message.Negative
	case s >= 0.3:
		return s, message.Positive
	}
	return s, message.Neutral
}

// classify scores each class by its cue words (and multi-word cues), and
// returns the best with a confidence from a softmax over the scores.
func classify(words []string, s message.Sentiment) (message.Class, float64, []string) {
	scores := map[message.Class]float64{}
	hits := map[message.Class][]string{}
	joined := " " + strings.Join(words, " ") + " "
	for class, cues := range classCues {
		for _, c := range cues {
			if strings.Contains(joined, " "+c.text+" ") {
				scores[class] += c.weight
				hits[class] = append(hits[class], c.text)
			}
		}
	}
	if s == message.Negative {
		scores[message.ClassComplaint] += 0.8
	}
	if s == message.Positive {
		scores[message.ClassPraise] += 0.8
	}
	return best(scores, hits)
}

func best(scores map[message.Class]float64, hits map[message.Class][]string) (message.Class, float64, []string) {
	top, topScore, sum := message.ClassNoise, 0.4, math.Exp(0.4) // noise is the prior when nothing speaks
	for _, c := range message.Classes {
		v := scores[c]
		if c == message.ClassNoise {
			continue
		}
		sum += math.Exp(v)
		if v > topScore {
			top, topScore = c, v
		}
	}
	conf := math.Exp(topScore) / sum
	signals := hits[top]
	sort.Strings(signals)
	return top, math.Round(conf*1000) / 1000, signals
}
