package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/peterbourgon/ff/v3/ffcli"

	"github.com/switchboard-crm/switchboard/internal/analyze"
)

func init() {
	register("model", func() *ffcli.Command {
		return &ffcli.Command{
			Name:        "model",
			ShortUsage:  "switchboard model <train|eval|info> [flags]",
			ShortHelp:   "train and evaluate the text classifiers",
			FlagSet:     flag.NewFlagSet("model", flag.ContinueOnError),
			Subcommands: []*ffcli.Command{modelTrainCmd(), modelEvalCmd(), modelInfoCmd()},
			Exec:        func(context.Context, []string) error { return flag.ErrHelp },
		}
	})
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// trainFlags are the flags of "switchboard model train".
type trainFlags struct {
	data                       stringList
	out, name, lexDir, lexList string
	params                     analyze.TrainingParams
	bits                       int
}

func modelTrainCmd() *ffcli.Command {
	fs := flag.NewFlagSet("model train", flag.ContinueOnError)
	f := &trainFlags{params: analyze.DefaultParams}
	fs.Var(&f.data, "data", "labelled JSON Lines file (text, label, optional lang); repeat to merge")
	fs.StringVar(&f.out, "out", "", "where to write the model file")
	fs.StringVar(&f.name, "name", "model", "name of the model, prefix of its version")
	fs.StringVar(&f.lexDir, "lexicon-dir", "", "directory of lexicons (like ../shared/data/lexicons); default: the lexicon embedded in the default models")
	fs.StringVar(&f.lexList, "lexicons", "vader-en,vader-fr", "comma-separated lexicons to read from --lexicon-dir")
	fs.IntVar(&f.params.Epochs, "epochs", f.params.Epochs, "training epochs")
	fs.Float64Var(&f.params.LearningRate, "lr", f.params.LearningRate, "AdaGrad learning rate")
	fs.Float64Var(&f.params.L2, "l2", f.params.L2, "L2 regularization")
	fs.Uint64Var(&f.params.Seed, "seed", f.params.Seed, "random seed (training is deterministic for a seed)")
	fs.Float64Var(&f.params.Threshold, "threshold", f.params.Threshold, "abstain threshold on calibrated confidence")
	fs.IntVar(&f.bits, "bits", int(analyze.DefaultFeatures.Bits), "log2 of the number of hash buckets")
	return &ffcli.Command{
		Name:       "train",
		ShortUsage: "switchboard model train --data FILE.jsonl [--data …] --out MODEL",
		ShortHelp:  "train a classifier on labelled JSON Lines",
		FlagSet:    fs,
		Exec:       func(ctx context.Context, _ []string) error { return runTrain(f) },
	}
}

func runTrain(f *trainFlags) error {
	if len(f.data) == 0 || f.out == "" {
		return errors.New("model train: --data and --out are required")
	}
	examples, err := readAll(f.data)
	if err != nil {
		return fmt.Errorf("model train: %w", err)
	}
	lex, err := trainLexicon(f.lexDir, f.lexList)
	if err != nil {
		return fmt.Errorf("model train: %w", err)
	}
	opt := analyze.DefaultTrainOptions(f.name, lex)
	opt.Params = f.params
	opt.Features.Bits = uint8(f.bits)
	bar := newBar(int64(f.params.Epochs), "training")
	opt.Progress = bar.set
	m, err := analyze.Train(examples, opt)
	bar.finish()
	if err != nil {
		return fmt.Errorf("model train: %w", err)
	}
	if err := m.SaveFile(f.out); err != nil {
		return fmt.Errorf("model train: %w", err)
	}
	fmt.Printf("trained %s on %d examples, %d labels, temperature %.2f → %s\n",
		m.Info.Version, len(examples), len(m.Info.Labels), m.Info.Temperature, f.out)
	return nil
}

// trainLexicon reads the lexicons to train with: from dir when given, else
// the lexicon of the embedded default models.
func trainLexicon(dir, list string) (*analyze.Lexicon, error) {
	if dir == "" {
		return analyze.DefaultLexicon()
	}
	var names []string
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return analyze.LoadLexicons(dir, names)
}

func readAll(paths []string) ([]analyze.Example, error) {
	var all []analyze.Example
	for _, p := range paths {
		ex, err := analyze.ReadExamplesFile(p)
		if err != nil {
			return nil, err
		}
		all = append(all, ex...)
	}
	return all, nil
}

func modelEvalCmd() *ffcli.Command {
	fs := flag.NewFlagSet("model eval", flag.ContinueOnError)
	model := fs.String("model", "", "model file to evaluate")
	var data stringList
	fs.Var(&data, "data", "labelled JSON Lines file; repeat to merge")
	asJSON := fs.Bool("json", false, "print one JSON object instead of tables")
	predOut := fs.String("predictions", "", "also write the predicted label of each example, one a line, to this file")
	return &ffcli.Command{
		Name:       "eval",
		ShortUsage: "switchboard model eval --model MODEL --data FILE.jsonl [--json]",
		ShortHelp:  "measure a classifier: accuracy, macro-F1, per class, confusion, speed",
		FlagSet:    fs,
		Exec: func(ctx context.Context, _ []string) error {
			return runEval(evalArgs{*model, data, *asJSON, *predOut}, os.Stdout)
		},
	}
}

// evalArgs are the flags of "switchboard model eval".
type evalArgs struct {
	model   string
	data    []string
	asJSON  bool
	predOut string
}

func runEval(a evalArgs, out io.Writer) error {
	if a.model == "" || len(a.data) == 0 {
		return errors.New("model eval: --model and --data are required")
	}
	m, err := analyze.LoadFile(a.model)
	if err != nil {
		return fmt.Errorf("model eval: %w", err)
	}
	examples, err := readAll(a.data)
	if err != nil {
		return fmt.Errorf("model eval: %w", err)
	}
	bar := newBar(int64(len(examples)), "evaluating")
	r, pred := analyze.EvaluatePredictions(m, examples, bar.add)
	bar.finish()
	if a.predOut != "" {
		if err := os.WriteFile(a.predOut, []byte(strings.Join(pred, "\n")+"\n"), 0o644); err != nil {
			return fmt.Errorf("model eval: %w", err)
		}
	}
	if a.asJSON {
		return json.NewEncoder(out).Encode(r)
	}
	printReport(out, r)
	return nil
}

// printReport prints the evaluation as tables.
func printReport(out io.Writer, r analyze.Report) {
	fmt.Fprintf(out, "model %s on %d examples\n", r.ModelVersion, r.Examples)
	fmt.Fprintf(out, "accuracy %.4f  macro-F1 %.4f  abstained %d  %.0f messages/s\n\n",
		r.Accuracy, r.MacroF1, r.Abstained, r.MessagesPerSecond)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "class\tprecision\trecall\tF1\tsupport\t")
	for _, l := range r.Labels {
		c := r.PerClass[l]
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t\n", l, c.Precision, c.Recall, c.F1, c.Support)
	}
	tw.Flush()
	printConfusion(out, r)
}

// printConfusion prints the confusion matrix, gold in rows.
func printConfusion(out io.Writer, r analyze.Report) {
	fmt.Fprintln(out, "\nconfusion (rows: gold, columns: predicted)")
	tw := tabwriter.NewWriter(out, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for i := range r.Labels {
		fmt.Fprintf(tw, "%d\t", i)
	}
	fmt.Fprintln(tw)
	for i, l := range r.Labels {
		fmt.Fprintf(tw, "%d %s\t", i, l)
		for _, n := range r.Confusion[i] {
			fmt.Fprintf(tw, "%d\t", n)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

func modelInfoCmd() *ffcli.Command {
	fs := flag.NewFlagSet("model info", flag.ContinueOnError)
	model := fs.String("model", "", "model file to describe; empty: the default models embedded in the binary")
	return &ffcli.Command{
		Name:       "info",
		ShortUsage: "switchboard model info [--model MODEL]",
		ShortHelp:  "print a model's header: version, labels, features, calibration, lexicons",
		FlagSet:    fs,
		Exec: func(ctx context.Context, _ []string) error {
			return runInfo(*model, os.Stdout)
		},
	}
}

func runInfo(path string, out io.Writer) error {
	var infos []analyze.ModelInfo
	if path != "" {
		m, err := analyze.LoadFile(path)
		if err != nil {
			return fmt.Errorf("model info: %w", err)
		}
		infos = append(infos, m.Info)
	} else {
		ms, err := analyze.DefaultModels()
		if err != nil {
			return fmt.Errorf("model info: %w", err)
		}
		infos = append(infos, ms.Routing.Info)
		for _, lang := range []string{"en", "fr"} {
			if m := ms.Sentiment[lang]; m != nil {
				infos = append(infos, m.Info)
			}
		}
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	for _, info := range infos {
		if err := enc.Encode(info); err != nil {
			return err
		}
	}
	return nil
}
