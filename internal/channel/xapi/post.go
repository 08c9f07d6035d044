package xapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// Tweet is the part of a post Switchboard reads.
type Tweet struct {
	ID               string    `json:"id"`
	Text             string    `json:"text"`
	AuthorID         string    `json:"author_id"`
	CreatedAt        time.Time `json:"created_at"`
	Lang             string    `json:"lang"`
	ReferencedTweets []struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	} `json:"referenced_tweets"`
}

// User is the part of a user Switchboard reads.
type User struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Username      string `json:"username"`
	PublicMetrics struct {
		FollowersCount int64 `json:"followers_count"`
	} `json:"public_metrics"`
}

// Includes are the expansions of an answer.
type Includes struct {
	Users []User `json:"users"`
}

// streamLine is one line of the filtered stream.
type streamLine struct {
	Data     *Tweet   `json:"data"`
	Includes Includes `json:"includes"`
	Errors   []struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
	} `json:"errors"`
}

// errOperational is an error message sent on the stream (a disconnect notice).
var errOperational = errors.New("x stream error")

// parseLine reads one stream line into its post.
func parseLine(raw []byte) (*Tweet, Includes, error) {
	var l streamLine
	if err := json.Unmarshal(raw, &l); err != nil {
		return nil, Includes{}, fmt.Errorf("x stream line: %w", err)
	}
	if l.Data == nil {
		if len(l.Errors) > 0 {
			return nil, Includes{}, fmt.Errorf("%w: %s: %s", errOperational, l.Errors[0].Title, l.Errors[0].Detail)
		}
		return nil, Includes{}, errors.New("x stream line without data")
	}
	if err := checkTweet(l.Data); err != nil {
		return nil, Includes{}, err
	}
	return l.Data, l.Includes, nil
}

func checkTweet(t *Tweet) error {
	if t.ID == "" || len(t.ID) > 32 {
		return errors.New("x post without a valid id")
	}
	if t.CreatedAt.IsZero() {
		return errors.New("x post without created_at (tweet.fields)")
	}
	return nil
}

// setFields asks for the fields and expansions a message needs.
func setFields(q url.Values) {
	q.Set("tweet.fields", "created_at,lang,author_id,referenced_tweets,conversation_id")
	q.Set("expansions", "author_id")
	q.Set("user.fields", "username,name,public_metrics")
}

// toEvent makes the message of a post.
func toEvent(t *Tweet, inc Includes, raw []byte) channel.Event {
	author := &message.InboundAuthor{Handle: t.AuthorID}
	link := ""
	for _, u := range inc.Users {
		if u.ID == t.AuthorID && u.Username != "" {
			author = &message.InboundAuthor{Handle: "@" + channel.Clip(u.Username, 64), Name: channel.Clip(u.Name, message.MaxNameBytes),
				Followers: max(u.PublicMetrics.FollowersCount, 0)}
			link = "https://x.com/" + channel.Clip(u.Username, 64) + "/status/" + t.ID
		}
	}
	if author.Handle == "" {
		author.Handle = "unknown"
	}
	m := message.Inbound{Channel: Channel, ExternalID: t.ID, Text: channel.Text(t.Text), CreatedAt: channel.Time(t.CreatedAt),
		Author: author, Lang: channel.Lang(t.Lang), URL: link}
	for _, r := range t.ReferencedTweets {
		if r.Type == "replied_to" && len(r.ID) <= 32 {
			m.InReplyTo = r.ID
		}
	}
	return channel.Event{Raw: raw, Msg: m}
}
