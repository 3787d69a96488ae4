package classifier_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// tagText tags text as a document of its own.
func tagText(tb testing.TB, text string) *classifier.Result {
	tb.Helper()
	return testrules.Default(tb).Tag(&corpus.Document{ID: "t", Text: text, Source: "test"})
}

// incidenceText writes an incidence as the tests compare it: its String, or "-" for none.
func incidenceText(in *classifier.Incidence) string {
	if in == nil {
		return "-"
	}
	return in.String()
}

// gradedIncidenceText is incidenceText with an adverse event's grade after it ("12 32%
// grade 4"), when it has one.
func gradedIncidenceText(in *classifier.Incidence) string {
	if in == nil || in.Grade == "" {
		return incidenceText(in)
	}
	return in.String() + " grade " + in.Grade
}

// checkSafetyRows tags text and compares the rows of its safety table that row writes (""
// leaves a row out) with want, in order.
func checkSafetyRows(tb testing.TB, text string, want []string, row func(classifier.SafetyRow) string) {
	tb.Helper()
	var got []string
	for _, r := range tagText(tb, text).Safety() {
		if s := row(r); s != "" {
			got = append(got, s)
		}
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		tb.Errorf("%q: rows %q, want %q", text, got, want)
	}
}

// allTags lists every tag of a result.
func allTags(r *classifier.Result) []classifier.Tag {
	var out []classifier.Tag
	for _, s := range r.Sentences {
		out = append(out, s.Tags...)
	}
	return out
}

// tsvRow is a line of a testdata TSV file: its number and its columns.
type tsvRow struct {
	line int
	cols []string
}

// readTSV reads testdata/name: tab-separated lines of want columns (named in what, for the
// error), skipping blank lines and "#" comments.
func readTSV(tb testing.TB, name string, want int, what string) []tsvRow {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", filepath.FromSlash(name)))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var rows []tsvRow
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != want {
			tb.Fatalf("%s:%d: want %s", name, line, what)
		}
		rows = append(rows, tsvRow{line, cols})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return rows
}

// markedTarget is the target as a NegEx-style set marks it in its sentence, in upper case
// ("no peripheral cyanosis or EDEMA"), when the sentence holds it so: Classifier.Context
// then judges that occurrence, not an earlier one of another case ("Edema: … EDEMA").
func markedTarget(sentence, target string) string {
	if up := strings.ToUpper(target); up != target && strings.Contains(sentence, up) {
		return up
	}
	return target
}
