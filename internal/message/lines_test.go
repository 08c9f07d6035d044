package message

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestLineReader(t *testing.T) {
	long := strings.Repeat("x", MaxLineBytes+10)
	in := "a\n\n  \nb\r\n" + long + "\nc"
	lr := NewLineReader(strings.NewReader(in))
	var got []string
	for {
		l, err := lr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if l.Err != nil {
			got = append(got, "ERR")
		} else {
			got = append(got, string(l.Data))
		}
		_ = l.N
	}
	if strings.Join(got, ",") != "a,b,ERR,c" {
		t.Fatalf("lines = %v", got)
	}
	lr = NewLineReader(strings.NewReader("x\n" + long))
	lr.Next()
	l, err := lr.Next()
	if err != nil || l.Err == nil || l.N != 2 {
		t.Fatalf("long last line: %+v %v", l, err)
	}
}
