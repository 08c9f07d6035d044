package message

// Class is one routing class of the default taxonomy.
type Class string

// The default routing taxonomy.
const (
	ClassComplaint Class = "complaint"
	ClassTechnical Class = "technical"
	ClassValues    Class = "values"
	ClassLegal     Class = "legal"
	ClassCrisis    Class = "crisis"
	ClassPraise    Class = "praise"
	ClassLead      Class = "lead"
	ClassNoise     Class = "noise"
)

// Classes lists the default taxonomy in a stable order.
var Classes = []Class{ClassComplaint, ClassTechnical, ClassValues, ClassLegal, ClassCrisis, ClassPraise, ClassLead, ClassNoise}

// Valid reports whether c is a class of the default taxonomy.
func (c Class) Valid() bool {
	for _, k := range Classes {
		if k == c {
			return true
		}
	}
	return false
}

// Sentiment is the polarity of a message.
type Sentiment string

// The three sentiments.
const (
	Negative Sentiment = "negative"
	Neutral  Sentiment = "neutral"
	Positive Sentiment = "positive"
)

// Valid reports whether s is one of the three sentiments.
func (s Sentiment) Valid() bool { return s == Negative || s == Neutral || s == Positive }

// Analysis is what the analyzer understood of a message's text.
type Analysis struct {
	Lang           string    `json:"lang"`
	Sentiment      Sentiment `json:"sentiment"`
	SentimentScore float64   `json:"sentiment_score"`
	Class          Class     `json:"class"`
	Confidence     float64   `json:"confidence"`
	ModelVersion   string    `json:"model_version"`
	// Signals are the strongest pieces of evidence behind the class, for people to read.
	Signals []string `json:"signals,omitempty"`
}
