// Package nabscore scores anomaly detections the way the Numenta Anomaly
// Benchmark (NAB) does: per data file, labelled windows reward the earliest
// detection inside them, detections outside cost a weight that decays after a
// window, missed windows cost a fixed weight, and the first 15% of rows (at
// most 750) are a probation period that is not scored. Sums over files are
// normalised so that no detection scores 0 and a perfect detector 100.
//
// It is written from NAB's documented rules, not from its code, and checked
// against the reference scorer in ../shared/tools/nab_score.py.
package nabscore
