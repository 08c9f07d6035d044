package analyze

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
)

// Model files are "SWBM", a format version, then a gzip stream of: the JSON
// header (ModelInfo), the hash bits, the used buckets in increasing order as
// varint deltas each followed by its row of half-precision weights, the
// lexicon, and a CRC-32 of everything before it.
const (
	fileMagic   = "SWBM"
	fileVersion = 1
	maxHeader   = 1 << 20
)

// Save writes the model to w.
func (m *Model) Save(w io.Writer) error {
	if _, err := io.WriteString(w, fileMagic); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	if err := binary.Write(w, binary.LittleEndian, uint16(fileVersion)); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	zw := gzip.NewWriter(w)
	crc := crc32.NewIEEE()
	bw := bufio.NewWriter(io.MultiWriter(zw, crc))
	if err := m.writeBody(bw); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	if err := binary.Write(zw, binary.LittleEndian, crc.Sum32()); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return zw.Close()
}

// SaveFile writes the model to path.
func (m *Model) SaveFile(path string) error {
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

func (m *Model) writeBody(w *bufio.Writer) error {
	head, err := json.Marshal(m.Info)
	if err != nil {
		return err
	}
	putUvarint(w, uint64(len(head)))
	w.Write(head)
	w.WriteByte(m.Info.Features.Bits)
	m.writeWeights(w)
	m.writeIDF(w)
	writeLexicon(w, m.lex)
	return nil
}

// writeWeights writes the used buckets and their rows.
func (m *Model) writeWeights(w *bufio.Writer) {
	k := len(m.Info.Labels)
	putUvarint(w, uint64(m.numRows()))
	prev := 0
	var h [2]byte
	for b, r := range m.rows {
		if r < 0 {
			continue
		}
		putUvarint(w, uint64(b-prev))
		prev = b
		for _, x := range m.w[int(r)*k : int(r)*k+k] {
			binary.LittleEndian.PutUint16(h[:], toHalf(x))
			w.Write(h[:])
		}
	}
}

// writeIDF writes the IDF of each used bucket, in bucket order.
func (m *Model) writeIDF(w *bufio.Writer) {
	if m.idf == nil {
		return
	}
	var h [2]byte
	for b, r := range m.rows {
		if r >= 0 {
			binary.LittleEndian.PutUint16(h[:], toHalf(m.idf[b]))
			w.Write(h[:])
		}
	}
}

func writeLexicon(w *bufio.Writer, lex *Lexicon) {
	if lex == nil {
		putUvarint(w, 0)
		return
	}
	langs := lex.langs()
	putUvarint(w, uint64(len(langs)))
	var h [2]byte
	for _, l := range langs {
		putString(w, l)
		terms := sortedKeys(lex.terms[l])
		putUvarint(w, uint64(len(terms)))
		for _, t := range terms {
			putString(w, t)
			binary.LittleEndian.PutUint16(h[:], toHalf(lex.terms[l][t]))
			w.Write(h[:])
		}
	}
}

func putUvarint(w *bufio.Writer, v uint64) {
	var b [binary.MaxVarintLen64]byte
	w.Write(b[:binary.PutUvarint(b[:], v)])
}

func putString(w *bufio.Writer, s string) {
	putUvarint(w, uint64(len(s)))
	w.WriteString(s)
}

// fingerprint is a short hash of the labels and quantized weights.
func (m *Model) fingerprint() string {
	h := sha256.New()
	bw := bufio.NewWriter(h)
	for _, l := range m.Info.Labels {
		putString(bw, l)
	}
	m.writeWeights(bw)
	m.writeIDF(bw)
	writeLexicon(bw, m.lex)
	bw.Flush()
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// ErrNotModel is returned when a file is not a Switchboard model.
var ErrNotModel = errors.New("not a switchboard model file")
