package corpus

import (
	"fmt"
	"strings"
	"testing"
)

// junkLines returns n lines of made-up text that are not MEDLINE lines.
func junkLines(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "junk %d: not a field\n", i+1)
	}
	return b.String()
}

// TestLoadMedlineMalformed: what is not MEDLINE in a MEDLINE input is reported, once per
// run of lines, with its line; the records around it are still read, and no record takes
// in another's fields.
func TestLoadMedlineMalformed(t *testing.T) {
	const rec1 = "PMID- 1\nTI  - One.\nAB  - First.\nSO  - J. 2020.\n" // lines 1-4
	tests := []struct {
		name  string
		input string
		max   int64
		// want uses "F" for the file's path.
		want []loadWant
	}{
		{
			name:  "a thousand junk lines between records: one report",
			input: rec1 + "\n" + junkLines(1000) + "\nPMID- 2\nTI  - Two.\n",
			want: []loadWant{
				wantDoc("1", "One.", "One.\n\nFirst.", "F:1", FormatMedline),
				wantSkip("F", 6, `1000 lines (6 to 1005) are not MEDLINE fields ("TAG - value") or continuation lines; the first: "junk 1: not a field"`),
				wantDoc("2", "Two.", "Two.", "F:1007", FormatMedline),
			},
		},
		{
			name:  "junk right after a field that is not kept",
			input: rec1 + junkLines(3) + "\nPMID- 2\nTI  - Two.\n",
			want: []loadWant{
				wantDoc("1", "One.", "One.\n\nFirst.", "F:1", FormatMedline),
				wantSkip("F", 5, "3 lines (5 to 7) are not MEDLINE fields"),
				wantDoc("2", "Two.", "Two.", "F:9", FormatMedline),
			},
		},
		{
			name:  "junk inside a record is not part of its fields",
			input: "PMID- 1\nTI  - One.\nnot a continuation\nAB  - First.\n",
			want: []loadWant{
				wantDoc("1", "One.", "One.\n\nFirst.", "F:1", FormatMedline),
				wantSkip("F", 3, `line is not a MEDLINE field ("TAG - value") or continuation line: "not a continuation"`),
			},
		},
		{
			name:  "blank lines inside a run of junk: still one report",
			input: rec1 + "\n" + junkLines(2) + "\n\n" + junkLines(2) + "PMID- 2\nTI  - Two.\n",
			want: []loadWant{
				wantDoc("1", "One.", "One.\n\nFirst.", "F:1", FormatMedline),
				wantSkip("F", 6, "4 lines (6 to 11)"),
				wantDoc("2", "Two.", "Two.", "F:12", FormatMedline),
			},
		},
		{
			name:  "junk before the first record",
			input: "Exported from somewhere\n\nPMID- 2\nTI  - Two.\n",
			want: []loadWant{
				wantSkip("F", 1, `line is not a MEDLINE field`),
				wantDoc("2", "Two.", "Two.", "F:3", FormatMedline),
			},
		},
		{
			name:  "junk at the end without a newline",
			input: rec1 + "trailing",
			want: []loadWant{
				wantDoc("1", "One.", "One.\n\nFirst.", "F:1", FormatMedline),
				wantSkip("F", 5, `"trailing"`),
			},
		},
		{
			name:  "a continuation line after a blank line continues nothing",
			input: rec1 + "\n      stray words\nPMID- 2\nTI  - Two.\n",
			want: []loadWant{
				wantDoc("1", "One.", "One.\n\nFirst.", "F:1", FormatMedline),
				wantSkip("F", 6, `"      stray words"`),
				wantDoc("2", "Two.", "Two.", "F:7", FormatMedline),
			},
		},
		{
			name:  "a continuation needs six spaces",
			input: "PMID- 1\nTI  - One\n     five spaces\n      six spaces.\nAB  - First.\n",
			want: []loadWant{
				wantDoc("1", "One", "One\n\nFirst.", "F:1", FormatMedline),
				wantSkip("F", 3, "2 lines (3 to 4)"),
			},
		},
		{
			name:  "the excerpt of a long junk line is short",
			input: rec1 + strings.Repeat("x", 5000) + "\n",
			want: []loadWant{
				wantDoc("1", "One.", "One.\n\nFirst.", "F:1", FormatMedline),
				wantSkip("F", 5, `"`+strings.Repeat("x", 40)+`…"`),
			},
		},
		{
			name:  "an empty PMID is reported, never merged into the next record",
			input: "PMID- \nTI  - Orphan title.\nAB  - Orphan text.\nPMID- 2\nTI  - Two.\n",
			want: []loadWant{
				wantSkip("F", 1, "MEDLINE record has an empty PMID"),
				wantDoc("2", "Two.", "Two.", "F:4", FormatMedline),
			},
		},
		{
			name:  "an empty PMID alone between blank lines",
			input: rec1 + "\nPMID-\n\nPMID- 2\nTI  - Two.\n",
			want: []loadWant{
				wantDoc("1", "One.", "One.\n\nFirst.", "F:1", FormatMedline),
				wantSkip("F", 6, "MEDLINE record has an empty PMID"),
				wantDoc("2", "Two.", "Two.", "F:8", FormatMedline),
			},
		},
		{
			name:  "fields before a PMID line are not merged into its record",
			input: "TI  - Orphan title.\nPMID- 2\nTI  - Two.\n",
			want: []loadWant{
				wantSkip("F", 1, "MEDLINE record has no PMID"),
				wantDoc("2", "Two.", "Two.", "F:2", FormatMedline),
			},
		},
		{
			name:  "a record over the limit does not swallow the next one",
			input: "PMID- 1\nAB  - " + strings.Repeat("w", 100) + "\nPMID- 2\nTI  - Two.\n",
			max:   60,
			want: []loadWant{
				wantSkip("F", 1, "over the limit of 60"),
				wantDoc("2", "Two.", "Two.", "F:3", FormatMedline),
			},
		},
		{
			name:  "control characters are taken out of field values",
			input: "PMID- 1\nTI  - Title\x01 with\x07 bells\x1b\nAB  - Tab\tkept,\x0bform\x0cfeed\rand DEL\x7f gone.\n      more\x08.\n",
			want: []loadWant{
				wantDoc("1", "Title with bells", "Title with bells\n\nTab\tkept, form feed and DEL gone. more.", "F:1", FormatMedline),
			},
		},
		{
			name:  "a well-formed export reports nothing",
			input: "\nPMID- 1\nOWN - NLM\nTI  - One,\n      continued.\nAB  - First.\nSO  - J. 2020.\n\nPMID- 2\nTI  - Two.\n\n",
			want: []loadWant{
				wantDoc("1", "One, continued.", "One, continued.\n\nFirst.", "F:2", FormatMedline),
				wantDoc("2", "Two.", "Two.", "F:9", FormatMedline),
			},
		},
	}
	// Twenty runs of junk inside one record: the first fifteen are told apart, the rest
	// as one, so that what waits for the record's end stays small.
	var interleaved strings.Builder
	many := []loadWant{wantDoc("1", "", strings.TrimSuffix(strings.Repeat("x\n\n", 20), "\n\n"), "F:1", FormatMedline)}
	interleaved.WriteString("PMID- 1\n")
	for i := range 20 {
		interleaved.WriteString("junk\nAB  - x\n")
		if i < 15 {
			many = append(many, wantSkip("F", 2+2*i, `line is not a MEDLINE field ("TAG - value") or continuation line: "junk"`))
		}
	}
	many = append(many, wantSkip("F", 32, "5 lines (32 to 40) are not MEDLINE fields"))
	tests = append(tests, struct {
		name  string
		input string
		max   int64
		want  []loadWant
	}{"many runs of junk inside one record", interleaved.String(), 0, many})

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeLoadFile(t, t.TempDir(), "export.medline", []byte(tt.input))
			want := make([]loadWant, len(tt.want))
			for i, w := range tt.want {
				if w.Source == "F" || strings.HasPrefix(w.Source, "F:") {
					w.Source = path + strings.TrimPrefix(w.Source, "F")
				}
				want[i] = w
			}
			checkLoad(t, collectLoad(t, []string{path}, Options{MaxDocBytes: tt.max}), want)
		})
	}
}
