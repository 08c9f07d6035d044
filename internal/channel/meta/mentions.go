package meta

import (
	"context"
	"errors"
	"net/url"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// mentionPrefix marks messages that are Instagram mentions, with ids
// mention-MEDIA or mention-MEDIA-COMMENT: they are answered through the
// account's /mentions edge.
const mentionPrefix = "mention-"

type mentioned struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Caption   string `json:"caption"`
	Timestamp string `json:"timestamp"`
	Username  string `json:"username"`
	Permalink string `json:"permalink"`
}

// mentionEvent reads the comment or caption that mentions the account.
func (c *Connector) mentionEvent(ctx context.Context, v MentionValue, raw []byte) (channel.Event, error) {
	if v.MediaID == "" || !idPattern.MatchString(v.MediaID) || (v.CommentID != "" && !idPattern.MatchString(v.CommentID)) {
		return channel.Event{}, errors.New("instagram mention without valid media or comment ids")
	}
	var res struct {
		Comment *mentioned `json:"mentioned_comment"`
		Media   *mentioned `json:"mentioned_media"`
	}
	fields := "mentioned_media.media_id(" + v.MediaID + "){id,caption,timestamp,username,permalink}"
	if v.CommentID != "" {
		fields = "mentioned_comment.comment_id(" + v.CommentID + "){id,text,timestamp,username}"
	}
	if err := c.call(ctx, "GET", "/"+c.cfg.InstagramID, url.Values{"fields": {fields}}, &res); err != nil {
		return channel.Event{}, err
	}
	m, text, id := res.Comment, "", ""
	if m != nil {
		text, id = m.Text, mentionPrefix+v.MediaID+"-"+v.CommentID
	} else if m = res.Media; m != nil {
		text, id = m.Caption, mentionPrefix+v.MediaID
	}
	if m == nil || m.Username == "" {
		return channel.Event{}, errors.New("instagram mention not found through the Graph API")
	}
	at, err := time.Parse("2006-01-02T15:04:05-0700", m.Timestamp)
	if err != nil {
		at = time.Now()
	}
	return channel.Event{Raw: raw, Msg: message.Inbound{Channel: Instagram, ExternalID: id, Text: channel.Text(text),
		CreatedAt: channel.Time(at), Author: &message.InboundAuthor{Handle: "@" + m.Username}, URL: httpURL(m.Permalink)}}, nil
}

func httpURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || len(s) > message.MaxURLBytes {
		return ""
	}
	return s
}
