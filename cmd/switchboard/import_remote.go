package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// remoteSender posts batches to a running server's ingest endpoint.
func remoteSender(server, token string) func(context.Context, []message.Line) (pipeline.IntakeResult, error) {
	url := strings.TrimRight(server, "/") + "/api/v1/ingest"
	client := &http.Client{Timeout: 2 * time.Minute}
	return func(ctx context.Context, lines []message.Line) (pipeline.IntakeResult, error) {
		var body bytes.Buffer
		for _, l := range lines {
			body.Write(l.Data) // too-long lines carry no data: the server reports them empty, so report here
			body.WriteByte('\n')
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, &body)
		if err != nil {
			return pipeline.IntakeResult{}, err
		}
		req.Header.Set("Content-Type", "application/x-ndjson")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			return pipeline.IntakeResult{}, fmt.Errorf("post to %s: %w", url, err)
		}
		defer resp.Body.Close()
		return remoteResult(resp, lines)
	}
}

// remoteResult reads the server's answer, mapping its line numbers (within
// the batch) back to the file's.
func remoteResult(resp *http.Response, lines []message.Line) (pipeline.IntakeResult, error) {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	var res pipeline.IntakeResult
	if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden || resp.StatusCode >= 500 && resp.StatusCode != 503 {
		return res, fmt.Errorf("server answered %s: %s", resp.Status, strings.TrimSpace(string(raw)))
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		return res, fmt.Errorf("server answered %s: %s", resp.Status, strings.TrimSpace(string(raw)))
	}
	kept := res.Rejected[:0]
	for _, r := range res.Rejected {
		fileLine := lines[r.Line-1].N
		if strings.Contains(r.Error, pipeline.ErrBusy.Error()) {
			res.Retry = append(res.Retry, fileLine)
			continue
		}
		if lines[r.Line-1].Err != nil {
			r.Error = lines[r.Line-1].Err.Error()
		}
		kept = append(kept, pipeline.Rejection{Line: fileLine, Error: r.Error})
	}
	res.Rejected = kept
	if resp.StatusCode == http.StatusServiceUnavailable {
		wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		time.Sleep(time.Duration(max(wait, 1)) * time.Second)
	}
	return res, nil
}
