package analyze

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"sort"
)

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	var magic [6]byte
	if _, err := io.ReadFull(r, magic[:]); err != nil || string(magic[:4]) != fileMagic {
		return nil, ErrNotModel
	}
	if v := binary.LittleEndian.Uint16(magic[4:]); v != fileVersion {
		return nil, fmt.Errorf("load model: unsupported format version %d", v)
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	return decodeBody(body)
}

// LoadFile reads a model file.
func LoadFile(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	m, err := Load(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// decodeBody checks the CRC and decodes the model.
func decodeBody(body []byte) (*Model, error) {
	if len(body) < 4 {
		return nil, fmt.Errorf("load model: truncated")
	}
	payload, sum := body[:len(body)-4], binary.LittleEndian.Uint32(body[len(body)-4:])
	if crc32.ChecksumIEEE(payload) != sum {
		return nil, fmt.Errorf("load model: checksum mismatch")
	}
	r := bufio.NewReader(bytes.NewReader(payload))
	m := &Model{}
	if err := m.readHeader(r); err != nil {
		return nil, fmt.Errorf("load model: header: %w", err)
	}
	if err := m.readWeights(r); err != nil {
		return nil, fmt.Errorf("load model: weights: %w", err)
	}
	if m.Info.Features.IDF {
		if err := m.readIDF(r); err != nil {
			return nil, fmt.Errorf("load model: idf: %w", err)
		}
	}
	lex, err := readLexicon(r)
	if err != nil {
		return nil, fmt.Errorf("load model: lexicon: %w", err)
	}
	if m.Info.Features.Lexicon {
		lex.Sources = m.Info.Lexicons
		m.lex = lex
	}
	m.ready()
	return m, nil
}

func (m *Model) readHeader(r *bufio.Reader) error {
	n, err := binary.ReadUvarint(r)
	if err != nil || n > maxHeader {
		return fmt.Errorf("bad length")
	}
	head := make([]byte, n)
	if _, err := io.ReadFull(r, head); err != nil {
		return err
	}
	if err := json.Unmarshal(head, &m.Info); err != nil {
		return err
	}
	if len(m.Info.Labels) < 2 {
		return fmt.Errorf("fewer than two labels")
	}
	return nil
}

func (m *Model) readWeights(r *bufio.Reader) error {
	bits, err := r.ReadByte()
	if err != nil || bits < 8 || bits > 26 || bits != m.Info.Features.Bits {
		return fmt.Errorf("bad hash bits")
	}
	m.rows = make([]int32, 1<<bits)
	for i := range m.rows {
		m.rows[i] = -1
	}
	n, err := binary.ReadUvarint(r)
	if err != nil || n > uint64(len(m.rows)) {
		return fmt.Errorf("bad row count")
	}
	k := len(m.Info.Labels)
	m.w = make([]float32, int(n)*k)
	return m.readRows(r, int(n), k)
}

func (m *Model) readRows(r *bufio.Reader, n, k int) error {
	b := 0
	var h [2]byte
	for row := 0; row < n; row++ {
		d, err := binary.ReadUvarint(r)
		if err != nil || (row > 0 && d == 0) || uint64(b)+d >= uint64(len(m.rows)) {
			return fmt.Errorf("bad bucket at row %d", row)
		}
		b += int(d)
		m.rows[b] = int32(row)
		for c := 0; c < k; c++ {
			if _, err := io.ReadFull(r, h[:]); err != nil {
				return err
			}
			m.w[row*k+c] = fromHalf(binary.LittleEndian.Uint16(h[:]))
		}
	}
	return nil
}

func (m *Model) readIDF(r *bufio.Reader) error {
	m.idf = make([]float32, len(m.rows))
	var h [2]byte
	for b, row := range m.rows {
		if row < 0 {
			continue
		}
		if _, err := io.ReadFull(r, h[:]); err != nil {
			return err
		}
		m.idf[b] = fromHalf(binary.LittleEndian.Uint16(h[:]))
	}
	return nil
}

func readLexicon(r *bufio.Reader) (*Lexicon, error) {
	langs, err := binary.ReadUvarint(r)
	if err != nil || langs > 64 {
		return nil, fmt.Errorf("bad language count")
	}
	lex := NewLexicon()
	for range langs {
		if err := readLexiconLang(r, lex); err != nil {
			return nil, err
		}
	}
	return lex, nil
}

func readLexiconLang(r *bufio.Reader, lex *Lexicon) error {
	lang, err := readString(r)
	if err != nil {
		return err
	}
	n, err := binary.ReadUvarint(r)
	if err != nil || n > 1<<24 {
		return fmt.Errorf("bad term count")
	}
	m := make(map[string]float32, n)
	var h [2]byte
	for range n {
		t, err := readString(r)
		if err != nil {
			return err
		}
		if _, err := io.ReadFull(r, h[:]); err != nil {
			return err
		}
		m[t] = fromHalf(binary.LittleEndian.Uint16(h[:]))
	}
	lex.terms[lang] = m
	return nil
}

func readString(r *bufio.Reader) (string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil || n > 1<<16 {
		return "", fmt.Errorf("bad string")
	}
	b := make([]byte, n)
	_, err = io.ReadFull(r, b)
	return string(b), err
}

func sortedKeys(m map[string]float32) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
