package influence

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

func TestMentionsKinds(t *testing.T) {
	got := Mentions(`RT @united: great flight! thanks @JetBlue and @ana@example.social, mail me at bob@mail.com. "@delta: lost bag" via @cnn @JetBlue`)
	want := []Mention{
		{"united", store.InteractionRepost}, {"JetBlue", store.InteractionMention},
		{"ana@example.social", store.InteractionMention}, {"delta", store.InteractionQuote},
		{"cnn", store.InteractionRepost},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Mentions = %+v\nwant %+v", got, want)
	}
}

func TestExtractReplyMentionAndUnknownHandle(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	known := map[string]int64{"bob": 2, "@carol@example.social": 3, "ana": 1}
	var asked []string
	resolve := func(channel string, handles []string) (map[string]int64, error) {
		if channel != "mastodon" {
			t.Errorf("resolved on channel %q", channel)
		}
		asked = append(asked, handles...)
		out := map[string]int64{}
		for _, h := range handles {
			if id, ok := known[strings.ToLower(h)]; ok {
				out[strings.ToLower(h)] = id
			}
		}
		return out, nil
	}
	src := store.InteractionSource{MessageID: 10, Channel: "mastodon", AuthorID: 1, CommunityID: 7, ParentAuthorID: 2,
		Text: "@bob I agree, ask @Carol@Example.social or @nobody; @ana says hi", CreatedAt: at}
	got, unresolved, err := Extract(src, resolve)
	if err != nil || !unresolved {
		t.Fatalf("extract: unresolved %v, %v; want @nobody unresolved", unresolved, err)
	}
	want := []store.Interaction{
		{MessageID: 10, CommunityID: 7, Source: 1, Target: 2, Kind: store.InteractionReply, At: at},
		{MessageID: 10, CommunityID: 7, Source: 1, Target: 3, Kind: store.InteractionMention, At: at},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Extract = %+v\nwant %+v (bob once as the reply, nobody unknown, ana is the author)", got, want)
	}
	if len(asked) != 8 {
		t.Errorf("asked for %v, want each of the 4 handles with and without @", asked)
	}
	if _, _, err := Extract(src, func(string, []string) (map[string]int64, error) { return nil, errors.New("down") }); err == nil {
		t.Error("a failing resolver was ignored")
	}
}
