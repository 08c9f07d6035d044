package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge/answerfile"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// importAnswersRemote posts the file to a running server's import endpoint.
func importAnswersRemote(ctx context.Context, server, token, path string, f answerfile.Format) error {
	in, _, err := openInput(path)
	if err != nil {
		return err
	}
	defer in.Close()
	url := strings.TrimRight(server, "/") + "/api/v1/answers/import?format=" + string(f)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, in)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: 5 * time.Minute}).Do(req)
	if err != nil {
		return fmt.Errorf("post to %s: %w", url, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	var res struct {
		store.AnswerImport
		Rejected []answerfile.LineError `json:"rejected"`
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusUnprocessableEntity || json.Unmarshal(raw, &res) != nil {
		return fmt.Errorf("server answered %s: %s", resp.Status, strings.TrimSpace(string(raw)))
	}
	return reportAnswerImport(path, res.AnswerImport, res.Rejected)
}
