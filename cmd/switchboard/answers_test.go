package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func TestAnswersImportExport(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	in := filepath.Join(dir, "lib.csv")
	os.WriteFile(in, []byte("id,kind,state,title,body,examples\n"+
		"refund,answer,approved,Remboursement,\"Bonjour {{author.name}},\nc'est fait.\",\"colis perdu\njamais reçu\"\n"+
		"bad,answer,published,x,y,\n"+
		"climate,key_message,draft,Climat,=SUM(A1),\n"), 0o600)
	run := func(sub string, args ...string) error {
		args = append([]string{"answers", sub, "--data-dir", data, "--log-level", "error"}, args...)
		return rootCmd().ParseAndRun(context.Background(), args)
	}
	if err := run("import", in); err == nil || !strings.Contains(err.Error(), "rejected lines: 1") {
		t.Fatalf("import with a bad line: %v", err)
	}
	out := filepath.Join(dir, "out.jsonl")
	if err := run("export", "--output", out); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(out)
	if n := strings.Count(string(raw), "\n"); n != 2 || !strings.Contains(string(raw), `"body":"=SUM(A1)"`) {
		t.Fatalf("export:\n%s", raw)
	}
	if err := run("import", out); err != nil {
		t.Fatalf("re-import of the export: %v", err)
	}
	st, err := app.OpenStore(context.Background(), app.Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	all, _ := st.Answers(context.Background(), store.AnswerFilter{})
	if len(all) != 2 || all[1].ID != "refund" || all[1].Version != 1 || len(all[1].Examples) != 2 {
		t.Fatalf("stored %+v; want climate and refund at version 1", all)
	}
}
