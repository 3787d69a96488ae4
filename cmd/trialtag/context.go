package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
)

func newContextCmd(a *app) *cobra.Command {
	var (
		target string
		jsonl  string
	)
	cmd := &cobra.Command{
		Use:   "context --target PHRASE SENTENCE | --jsonl FILE",
		Short: "Give the status of a phrase in a sentence (affirmed, negated, hypothetical, generic) and its cue",
		Long: `Context runs the context cues of the rules on an arbitrary target phrase: it prints the
status the tagger would give a term there and the cue that decided it. The batch form reads
{"id","sentence","target"} per line (FILE, or - for standard input) and writes
{"id","status","cue"} per line, so the context engine can be measured on NegEx-style test
sets. A target that occurs more than once is judged where it is written as given, case
too (NegEx-style sets mark theirs in upper case), else at its first occurrence. A target not
found in its sentence is reported on stderr (exit status 1).`,
		Example: `  trialtag context --target ICANS "No ICANS occurred in the study."
  trialtag context --jsonl sentences.jsonl > statuses.jsonl`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.loadConfig(cmd); err != nil {
				return err
			}
			c, err := a.newClassifier()
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			switch {
			case jsonl != "" && target == "" && len(args) == 0:
				return a.contextBatch(c, jsonl, out)
			case jsonl == "" && target != "" && len(args) == 1:
				res, err := c.Context(args[0], target)
				if err != nil {
					return fmt.Errorf("%w: %w", ErrConfig, err)
				}
				if res.Cue != "" {
					fmt.Fprintf(out, "%s (cue %q, %s)\n", res.Status, res.Cue, res.Rule)
				} else {
					fmt.Fprintln(out, res.Status)
				}
				return nil
			}
			return fmt.Errorf("%w: give --target PHRASE and one SENTENCE, or --jsonl FILE", ErrConfig)
		},
	}
	cmd.Flags().StringVar(&target, "target", "", "the phrase whose status to give")
	cmd.Flags().StringVar(&jsonl, "jsonl", "", `file of {"id","sentence","target"} lines ("-" for standard input)`)
	return cmd
}

func (a *app) contextBatch(c *classifier.Classifier, path string, out io.Writer) error {
	var r io.Reader = a.stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrConfig, err)
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 16<<20)
	enc := json.NewEncoder(out)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var in struct {
			ID       json.RawMessage `json:"id"`
			Sentence string          `json:"sentence"`
			Target   string          `json:"target"`
		}
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			fmt.Fprintf(a.stderr, "trialtag: %s:%d: skipped: %v\n", path, line, err)
			a.code = exitSkipped
			continue
		}
		res, err := c.Context(in.Sentence, in.Target)
		if errors.Is(err, classifier.ErrTargetNotFound) {
			fmt.Fprintf(a.stderr, "trialtag: %s:%d: skipped: %v\n", path, line, err)
			a.code = exitSkipped
			continue
		}
		if err != nil {
			return err
		}
		id := in.ID
		if len(id) == 0 {
			id = json.RawMessage("null")
		}
		if err := enc.Encode(struct {
			ID     json.RawMessage `json:"id"`
			Status string          `json:"status"`
			Cue    string          `json:"cue"`
		}{id, res.Status, res.Cue}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	return nil
}
