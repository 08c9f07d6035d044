package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/mail"
	"github.com/switchboard-crm/switchboard/internal/mail/mailtest"
)

// TestSendGivesUpOnASilentServer: a server that accepts and never answers
// holds Send only until its context ends.
func TestSendGivesUpOnASilentServer(t *testing.T) {
	addr := mailtest.Silent(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	began := time.Now()
	err := mail.Send(ctx, addr, nil, "sb@example.com", []string{"dg@example.com"}, []byte("Subject: x\r\n\r\nbody"))
	if err == nil {
		t.Fatal("a silent server: no error")
	}
	if took := time.Since(began); took > 3*time.Second {
		t.Fatalf("Send held %v by a silent server, want about the context's 300 ms", took)
	}
}

// TestSendDelivers checks the envelope and the message reach the server.
func TestSendDelivers(t *testing.T) {
	srv := mailtest.Start(t)
	err := mail.Send(context.Background(), srv.Addr, nil, "sb@example.com", []string{"dg@example.com"}, []byte("Subject: Crise\r\n\r\nBonjour"))
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Mails()
	if len(got) != 1 || got[0].From != "sb@example.com" || strings.Join(got[0].Rcpt, " ") != "dg@example.com" ||
		!strings.Contains(got[0].Data, "Subject: Crise") || !strings.Contains(got[0].Data, "Bonjour") {
		t.Fatalf("the server got %+v", got)
	}
}
