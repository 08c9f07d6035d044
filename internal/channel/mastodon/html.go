package mastodon

import "github.com/switchboard-crm/switchboard/internal/channel"

// textOf turns a status's HTML content into plain text.
func textOf(content string) string { return channel.PlainText(content) }
