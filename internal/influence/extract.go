package influence

import (
	"regexp"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// A handle in a text: @name or @name@host (Mastodon), not inside an email
// address or a word.
var handlePattern = regexp.MustCompile(`(?:^|[^\w@./])(RT |QT |"|via )?@([A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)`)

// Mention is one handle a message names, with what the message does with it.
type Mention struct {
	Handle string // without the leading @
	Kind   string // store.InteractionMention, InteractionRepost or InteractionQuote
}

// Mentions finds the handles a text names, once each: "RT @x" and "via @x"
// repost x, "QT @x" and a quotation opening with "@x: quote x, any other
// @x mentions x.
func Mentions(text string) []Mention {
	var out []Mention
	seen := map[string]bool{}
	for _, m := range handlePattern.FindAllStringSubmatchIndex(text, -1) {
		handle := strings.TrimRight(text[m[4]:m[5]], ".")
		key := strings.ToLower(handle)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, Mention{Handle: handle, Kind: mentionKind(text, m)})
	}
	return out
}

func mentionKind(text string, m []int) string {
	if m[2] < 0 {
		return store.InteractionMention
	}
	switch text[m[2]:m[3]] {
	case "RT ", "via ":
		return store.InteractionRepost
	case "QT ":
		return store.InteractionQuote
	}
	if strings.HasPrefix(text[m[5]:], ":") { // "@x: what x said"
		return store.InteractionQuote
	}
	return store.InteractionMention
}

// Resolver finds the authors of one channel with the given handles,
// compared without case, keyed by the lower-cased handle.
type Resolver func(channel string, handles []string) (map[string]int64, error)

// Extract turns one stored message into graph edges: a reply to the parent
// message's author, and a mention, repost or quote of every named handle
// that is an author of the same channel (as written, with or without its
// @, without case). Unknown handles, the author's own and a second edge to the same
// person in one message are left out; unresolved says a handle was unknown
// (the message is worth reading again once more authors are known).
func Extract(src store.InteractionSource, resolve Resolver) (edges []store.Interaction, unresolved bool, err error) {
	var out []store.Interaction
	done := map[int64]bool{} // a reply's leading @parent is the reply, not a mention too
	edge := func(target int64, kind string) {
		if target != 0 && target != src.AuthorID && !done[target] {
			done[target] = true
			out = append(out, store.Interaction{MessageID: src.MessageID, CommunityID: src.CommunityID,
				Source: src.AuthorID, Target: target, Kind: kind, At: src.CreatedAt})
		}
	}
	edge(src.ParentAuthorID, store.InteractionReply)
	mentions := Mentions(src.Text)
	if len(mentions) == 0 {
		return out, false, nil
	}
	handles := make([]string, 0, 2*len(mentions))
	for _, m := range mentions {
		handles = append(handles, m.Handle, "@"+m.Handle)
	}
	ids, err := resolve(src.Channel, handles)
	if err != nil {
		return nil, false, err
	}
	for _, m := range mentions {
		key := strings.ToLower(m.Handle)
		id := ids[key]
		if id == 0 {
			id = ids["@"+key]
		}
		unresolved = unresolved || id == 0
		edge(id, m.Kind)
	}
	return out, unresolved, nil
}
