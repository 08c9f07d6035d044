package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis/nabscore"
)

type row struct {
	t time.Time
	v float64
}

// readValues reads the timestamp,value rows of a series.
func readValues(path string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 1 {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([]row, 0, len(recs)-1)
	for i, r := range recs[1:] {
		t, err := nabscore.ParseTime(r[0])
		if err != nil {
			return nil, err
		}
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			return nil, fmt.Errorf("%s row %d: %w", path, i+2, err)
		}
		out = append(out, row{t, v})
	}
	return out, nil
}
