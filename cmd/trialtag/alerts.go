package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/web"
)

func newAlertsCmd(a *app) *cobra.Command {
	var (
		q      index.AlertQuery
		since  string
		format string
	)
	cmd := &cobra.Command{
		Use:   "alerts [flags]",
		Short: "List what the saved searches matched in documents as they were indexed",
		Long: `Alerts lists the alerts of the index in --index: each time "trialtag index" added or updated
a document that a saved search (searches.yaml, see "trialtag searches") matched, it recorded
when, which search, which document (and which version of it), which of the search's filters
held in which sentences, which words of its free text were found, and those sentences.
Alerts are listed oldest first. A document indexed again unchanged is not alerted again.

--since keeps the alerts recorded from a time on: a date (2026-12-01, from midnight local
time), a date and time (2026-12-01T09:30, local; or RFC 3339 with a zone), or how long ago
(36h, 7d). --search and --document keep those of one search or one document.

--format text (default) prints each alert with its evidence; jsonl prints one JSON alert
per line (the JSON of GET /api/alerts); csv one row per alert.

Exit status: 0, also when there are none; 1 when lines of the alert log could not be read
(named on stderr; the others are listed); 2 on a usage error.`,
		Example: `  trialtag alerts --since 7d
  trialtag alerts --search severe-icans-bcma --format csv > icans.csv
  trialtag alerts --since 2026-12-01 --format jsonl | jq -r .document`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runAlerts(cmd, q, since, format)
		},
	}
	addIndexFlag(cmd, a)
	f := cmd.Flags()
	f.StringVar(&since, "since", "", "only alerts recorded from this time on: 2026-12-01, 2026-12-01T09:30, RFC 3339, or 36h, 7d ago")
	f.StringVar(&q.Search, "search", "", "only the alerts of this saved search")
	f.StringVar(&q.Document, "document", "", "only the alerts of this document id")
	f.StringVar(&format, "format", "text", "output format: text, jsonl or csv")
	return cmd
}

func (a *app) runAlerts(cmd *cobra.Command, q index.AlertQuery, since, format string) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	switch format {
	case "text", "jsonl", "csv":
	default:
		return fmt.Errorf("%w: --format %q: want text, jsonl or csv", ErrConfig, format)
	}
	if since != "" {
		t, err := index.ParseSince(since, time.Now())
		if err != nil {
			return fmt.Errorf("%w: --since: %w", ErrConfig, err)
		}
		q.Since = t
	}
	alerts, err := index.ReadAlerts(a.cfg.Index, q)
	if err != nil && !errors.Is(err, index.ErrCorrupt) {
		return err
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "trialtag: %v\n", err)
		a.code = exitSkipped
	}
	bw := bufio.NewWriter(a.stdout)
	switch format {
	case "jsonl":
		for i := range alerts {
			if werr := web.WriteJSON(bw, &alerts[i], false); werr != nil {
				return fmt.Errorf("writing output: %w", werr)
			}
		}
	case "csv":
		err = writeAlertsCSV(bw, alerts)
	default:
		printAlerts(bw, alerts, isTerminal(a.stdout))
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// printAlerts writes alerts as text: a head line per alert, then its filters, free text
// and sentences.
func printAlerts(w io.Writer, alerts []index.Alert, color bool) {
	if len(alerts) == 0 {
		fmt.Fprintln(w, "no alerts")
		return
	}
	bold := func(s string) string {
		if color {
			return ansiBold + s + ansiReset
		}
		return s
	}
	for i, al := range alerts {
		if i > 0 {
			fmt.Fprintln(w)
		}
		head := al.Document
		if al.Title != "" {
			head += " — " + al.Title
		}
		fmt.Fprintf(w, "%s  %s  %s (%s)\n", al.Time.Local().Format("2006-01-02 15:04:05"), bold(al.Search), bold(head), al.Change)
		if al.Source != "" {
			fmt.Fprintf(w, "  %s\n", al.Source)
		}
		for _, f := range al.Filters {
			line := "  " + f.Filter
			if f.Text != "" {
				line += fmt.Sprintf(" from %q", f.Text)
			}
			if len(f.Sentences) > 0 {
				line += " in " + sentenceList(f.Sentences)
			}
			fmt.Fprintln(w, line)
		}
		if t := al.Text; t != nil {
			line := fmt.Sprintf("  free text %q: %s", t.Query, strings.Join(t.Terms, ", "))
			if len(t.Sentences) > 0 {
				line += " in " + sentenceList(t.Sentences)
			}
			fmt.Fprintln(w, line)
		}
		for _, s := range al.Sentences {
			fmt.Fprintf(w, "  #%d [%s] %s\n", s.Index, s.Section, s.Text)
		}
	}
	fmt.Fprintf(w, "\n%d alerts\n", len(alerts))
}

// sentenceList writes sentence indexes as "#3, #7".
func sentenceList(idx []int) string {
	parts := make([]string, len(idx))
	for i, n := range idx {
		parts[i] = "#" + strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

// writeAlertsCSV writes one row per alert: when, which search and document, what matched
// (filters with their sentences, the words found) and the first sentence as evidence.
func writeAlertsCSV(w io.Writer, alerts []index.Alert) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"time", "search", "document", "title", "source", "change", "filters", "terms", "sentences", "evidence"})
	for _, al := range alerts {
		var filters []string
		for _, f := range al.Filters {
			s := f.Filter
			if len(f.Sentences) > 0 {
				s += " (" + sentenceList(f.Sentences) + ")"
			}
			filters = append(filters, s)
		}
		var terms string
		if al.Text != nil {
			terms = strings.Join(al.Text.Terms, " ")
		}
		var idx []int
		evidence := ""
		for _, s := range al.Sentences {
			idx = append(idx, s.Index)
			if evidence == "" {
				evidence = s.Text
			}
		}
		_ = cw.Write([]string{al.Time.Format(time.RFC3339), al.Search, al.Document, al.Title, al.Source, al.Change,
			strings.Join(filters, "; "), terms, sentenceList(idx), evidence})
	}
	cw.Flush()
	return cw.Error()
}
