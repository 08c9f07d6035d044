package knowledge

import "strings"

// foldAccents removes the accents of Latin letters ("réseau" → "reseau") so
// a word typed without its accents still matches.
func foldAccents(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return accentFolder.Replace(s)
		}
	}
	return s
}

var accentFolder = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "á", "a", "ã", "a", "å", "a",
	"ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "í", "i", "ì", "i", "ñ", "n",
	"ô", "o", "ö", "o", "ó", "o", "ò", "o", "õ", "o",
	"ù", "u", "û", "u", "ü", "u", "ú", "u", "ÿ", "y",
	"œ", "oe", "æ", "ae",
)
