package channel

import (
	"html"
	"strings"
)

// PlainText turns HTML content (a post, a feed item) into plain text: paragraphs and line
// breaks become new lines, every tag is removed, entities are decoded. The
// result is shown as text, never as HTML.
func PlainText(content string) string {
	var b strings.Builder
	for len(content) > 0 {
		i := strings.IndexByte(content, '<')
		if i < 0 {
			b.WriteString(html.UnescapeString(content))
			break
		}
		b.WriteString(html.UnescapeString(content[:i]))
		j := strings.IndexByte(content[i:], '>')
		if j < 0 {
			break // an unclosed tag: drop the rest
		}
		tag := strings.ToLower(content[i+1 : i+j])
		if strings.HasPrefix(tag, "br") || strings.HasPrefix(tag, "/p") {
			b.WriteByte('\n')
		}
		content = content[i+j+1:]
	}
	return strings.TrimSpace(b.String())
}
