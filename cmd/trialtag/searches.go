package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/web"
	"github.com/trialtag/trialtag/saved"
)

// defaultSearchesFile is the saved-searches file looked for beside the configuration.
const defaultSearchesFile = "searches.yaml"

// searchesPath returns the saved-searches file of the configuration, and whether the user
// named it (the key searches, TRIALTAG_SEARCHES or --searches): a file named must exist, the
// default one need not.
func (a *app) searchesPath() (string, bool) {
	if a.cfg.Searches != "" {
		return a.cfg.Searches, true
	}
	dir := "."
	if a.configFile != "" {
		dir = filepath.Dir(a.configFile)
	}
	return filepath.Join(dir, defaultSearchesFile), false
}

// savedSearches is the saved-searches file in use and the percolator of its searches.
type savedSearches struct {
	path string
	file *saved.File
	perc *index.Percolator
}

// loadSearches reads the saved-searches file of the configuration and reads each search
// with c's rules. With no file (the default one absent) it returns no searches and no
// error. Every problem of the file is an error, file:line:col.
func (a *app) loadSearches(c *classifier.Classifier) (*savedSearches, error) {
	path, named := a.searchesPath()
	f, p, err := saved.Check(path, index.NewInterpreter(c), a.cfg.Limits())
	if errors.Is(err, fs.ErrNotExist) && !named {
		return &savedSearches{path: path}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: saved searches:\n%w", ErrConfig, err)
	}
	return &savedSearches{path: path, file: f, perc: p}, nil
}

func newSearchesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "searches",
		Short: "List and test the saved searches",
		Long: `Saved searches are named searches in searches.yaml (beside the config file; --searches or
the config key searches names another file). Each runs on every document "trialtag index"
adds or updates, and what it matches is recorded as an alert ("trialtag alerts"). A search
has a query, read with the rules as "trialtag search" reads it, optional filters and
same_sentence, and examples that must match and must not:

  searches:
    - name: severe-icans-bcma
      description: Grade 3 or higher ICANS with a BCMA-directed product.
      query: grade ≥3 ICANS BCMA
      filters: [year>=2020]
      examples:
        must_match: [Grade 3 ICANS occurred in two patients after BCMA CAR-T cells.]
        must_not_match: [No ICANS was seen after BCMA CAR-T cells.]

A problem in the file is reported as file:line:col, every one at once (exit status 2).`,
	}
	cmd.AddCommand(newSearchesListCmd(a), newSearchesTestCmd(a))
	return cmd
}

func newSearchesListCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [flags]",
		Short: "List the saved searches and what each query is read as",
		Long: `List prints each saved search: its name and where it is written, its query and what the
rules read it as (filters with the words they came from, and the free text left), its
filters and options, and how many examples it has. --json prints the JSON that
GET /api/searches of "trialtag serve" serves.

Exit status: 0, or 2 when the file has problems (each printed as file:line:col).`,
		Example: `  trialtag searches list
  trialtag searches list --searches team/searches.yaml --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runSearchesList(cmd, asJSON)
		},
	}
	addConfigFlag(cmd.Flags(), "searches")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the searches as JSON")
	return cmd
}

func (a *app) runSearchesList(cmd *cobra.Command, asJSON bool) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	c, err := a.newClassifier()
	if err != nil {
		return err
	}
	ss, err := a.loadSearches(c)
	if err != nil {
		return err
	}
	list := saved.NewList(ss.path, ss.file, ss.perc, nil)
	bw := bufio.NewWriter(cmd.OutOrStdout())
	if asJSON {
		err = web.WriteJSON(bw, list, true)
	} else {
		printSearches(bw, list)
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// printSearches writes the saved searches as text.
func printSearches(w io.Writer, l *saved.List) {
	if !l.Exists {
		fmt.Fprintf(w, "no saved searches (%s does not exist)\n", l.File)
		return
	}
	if len(l.Items) == 0 {
		fmt.Fprintf(w, "no saved searches in %s\n", l.File)
		return
	}
	for i, s := range l.Items {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s  %s\n", s.Name, s.Pos)
		if s.Description != "" {
			fmt.Fprintf(w, "  %s\n", s.Description)
		}
		fmt.Fprintf(w, "  query %q", s.Query)
		in := s.Interpretation
		switch {
		case in.Literal:
			fmt.Fprintf(w, ", read literally\n")
		case in.Syntax:
			fmt.Fprintf(w, ", query-string syntax\n")
		default:
			fmt.Fprintf(w, " read as:\n")
			for _, f := range in.Filters {
				fmt.Fprintf(w, "    %-32s from %q\n", f.Filter.String(), f.Text)
			}
			if in.Text != "" {
				fmt.Fprintf(w, "    %-32s %q\n", "free text", in.Text)
			}
		}
		for _, f := range s.Filters {
			fmt.Fprintf(w, "  filter %s\n", f)
		}
		var opts []string
		if s.SameSentence {
			opts = append(opts, "same sentence")
		}
		if s.MinPercent > 0 {
			opts = append(opts, fmt.Sprintf("in at least %g%% of patients", s.MinPercent))
		}
		if len(opts) > 0 {
			fmt.Fprintf(w, "  %s\n", strings.Join(opts, ", "))
		}
		fmt.Fprintf(w, "  examples: %d must match, %d must not\n", s.Examples.MustMatch, s.Examples.MustNotMatch)
	}
}

func newSearchesTestCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "test [flags]",
		Short: "Run the examples of the saved searches",
		Long: `Test tags each example of each saved search as a document of its own (with the title,
date, journal and publication types the example gives) and checks that the search matches
it (must_match) or does not (must_not_match), as it would when "trialtag index" adds such a
document. A failure prints as file:line:col: search: what went wrong, and what matched when
it should not have; then a summary line "N passed, M failed".

Exit status: 0 when every example passes, 1 when one fails, 2 when the file has problems.`,
		Example: `  trialtag searches test
  trialtag searches test --json | jq '.failed'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runSearchesTest(cmd, asJSON)
		},
	}
	addConfigFlag(cmd.Flags(), "searches")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the results as JSON")
	return cmd
}

// searchesTestReport is the JSON of "searches test --json".
type searchesTestReport struct {
	File     string                `json:"file"`
	Examples []saved.ExampleResult `json:"examples"`
	Passed   int                   `json:"passed"`
	Failed   int                   `json:"failed"`
}

func (a *app) runSearchesTest(cmd *cobra.Command, asJSON bool) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	c, err := a.newClassifier()
	if err != nil {
		return err
	}
	ss, err := a.loadSearches(c)
	if err != nil {
		return err
	}
	rep := searchesTestReport{File: ss.path, Examples: []saved.ExampleResult{}}
	if ss.file != nil {
		res, err := ss.file.Test(cmd.Context(), ss.perc, c)
		if err != nil {
			return err
		}
		rep.Examples = res
	}
	for _, r := range rep.Examples {
		if r.Passed {
			rep.Passed++
		} else {
			rep.Failed++
		}
	}
	out := cmd.OutOrStdout()
	if asJSON {
		if err := web.WriteJSON(out, rep, true); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
	} else {
		if ss.file == nil {
			fmt.Fprintf(out, "no saved searches (%s does not exist)\n", ss.path)
		}
		for _, r := range rep.Examples {
			if r.Passed {
				continue
			}
			fmt.Fprintf(out, "%s: %s: %s: %q\n", r.Pos, r.Search, r.Problem(), r.Text)
			if r.Match != nil {
				for _, s := range r.Match.Sentences {
					fmt.Fprintf(out, "    #%d %s\n", s.Index, s.Text)
				}
			}
		}
		fmt.Fprintf(out, "%d passed, %d failed\n", rep.Passed, rep.Failed)
	}
	if rep.Failed > 0 {
		a.code = exitSkipped
	}
	return nil
}
