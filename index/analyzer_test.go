package index

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// tokens renders a token stream as "term@position" in order.
func tokens(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = fmt.Sprintf("%s@%d", t.Term, t.Position)
	}
	return out
}

func TestAnalyzer(t *testing.T) {
	tests := []struct {
		name, in     string
		index, query string // space-separated term@position, index time and query time
	}{
		{"car-t whole and parts", "CAR-T cells",
			"car@1 t@2 car-t@2 cells@3", "car-t@2 cells@3 cell@3"},
		{"letters and digits", "CD19",
			"cd@1 19@2 cd19@2", "cd19@2"},
		{"prefix compound", "anti-CD19",
			"anti@1 cd@2 19@3 cd19@3 anti-cd19@3", "anti-cd19@3"},
		{"score with a number", "SRI-4",
			"sri@1 4@2 sri-4@2", "sri-4@2"},
		{"en dash range becomes a hyphen", "grade 1–2",
			"grade@1 1@2 2@3 1-2@3", "grade@1 grades@1 1-2@3"},
		{"greater or equal kept", "grade ≥3 and >= 2, ⩾1",
			"grade@1 ≥@2 3@3 and@4 ≥@5 2@6 ≥@7 1@8", "grade@1 grades@1 ≥@2 3@3 and@4 ≥@5 2@6 ≥@7 1@8"},
		{"negation words kept", "No ICANS, not CRS, without neurotoxicity",
			"no@1 icans@2 not@3 crs@4 without@5 neurotoxicity@6", "no@1 icans@2 not@3 crs@4 without@5 neurotoxicity@6 neurotoxicities@6"},
		{"decimals stay whole", "CLDN18.2 at 3.5 mg",
			"cldn@1 18.2@2 cldn18.2@2 at@3 3.5@4 mg@5", "cldn18.2@2 at@3 3.5@4 mg@5"},
		{"possessive dropped", "the patient's CRS",
			"the@1 patient@2 crs@3", "the@1 patient@2 patients@2 crs@3"},
		{"queries also match the other number, acronyms untouched", "Patients therapies ICANS CRs class therapy virus dose",
			"patients@1 therapies@2 icans@3 crs@4 class@5 therapy@6 virus@7 dose@8",
			"patients@1 patient@1 therapies@2 therapy@2 icans@3 crs@4 class@5 classes@5 therapy@6 therapies@6 virus@7 viruses@7 dose@8 doses@8"},
		{"superscript sign splits", "CD19⁻BCMA⁺ cells",
			"cd@1 19@2 cd19@2 bcma@3 cells@4", "cd19@2 bcma@3 cells@4 cell@4"},
		{"slash compound", "phase I/II",
			"phase@1 i@2 ii@3 i/ii@3", "phase@1 phases@1 i/ii@3"},
		{"dangling hyphen is no joiner", "CD19- and CD20-",
			"cd@1 19@2 cd19@2 and@3 cd@4 20@5 cd20@5", "cd19@2 and@3 cd20@5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(a textAnalyzer, want string) {
				t.Helper()
				got := strings.Join(tokens(a.Analyze([]byte(tt.in))), " ")
				if got != want {
					t.Errorf("query=%v %q:\n got %s\nwant %s", a.query, tt.in, got, want)
				}
			}
			check(textAnalyzer{}, tt.index)
			check(textAnalyzer{query: true}, tt.query)
		})
	}
}

// TestAnalyzerOffsets checks that every token's offsets cut its own text out of the input
// (dashes and case aside), since highlighting relies on them.
func TestAnalyzerOffsets(t *testing.T) {
	in := "Grade 1–2 CRS in CD19⁺ CAR-T patients' (n = 12; ≥3 ICANS: 0) SLEDAI-2K≥10, 10⁶ cells/kg"
	for _, tok := range (textAnalyzer{}).Analyze([]byte(in)) {
		got := normalizeCompound([]byte(in[tok.Start:tok.End]))
		term := string(tok.Term)
		if string(got) != term && !slices.Contains([]string{"≥", "≤"}, term) {
			t.Errorf("token %q at [%d,%d) covers %q", term, tok.Start, tok.End, in[tok.Start:tok.End])
		}
	}
}

func TestAnalyzerHostileInput(t *testing.T) {
	long := strings.Repeat("a-", 100000) + strings.Repeat("x", 1000)
	ts := (textAnalyzer{}).Analyze([]byte(long))
	for _, tok := range ts {
		if len(tok.Term) > maxTermBytes {
			t.Fatalf("term of %d bytes", len(tok.Term))
		}
	}
	// Invalid UTF-8 must not panic or loop.
	(textAnalyzer{}).Analyze([]byte{0xff, 'a', 0xfe, '-', 'b', 0xc3})
}

func FuzzAnalyzer(f *testing.F) {
	for _, s := range []string{"CAR-T", "grade 1–2 CRS", "CD19⁻BCMA⁺", "a'-b/c.1,2", "≥>=<=<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range []bool{false, true} {
			last := 0
			for _, tok := range (textAnalyzer{query: q}).Analyze([]byte(s)) {
				if tok.Start < 0 || tok.End > len(s) || tok.Start >= tok.End {
					t.Fatalf("token %q has offsets [%d,%d) in %d bytes", tok.Term, tok.Start, tok.End, len(s))
				}
				if tok.Position < last {
					t.Fatalf("positions go back: %d after %d", tok.Position, last)
				}
				last = tok.Position
			}
		}
	})
}

func BenchmarkAnalyzer(b *testing.B) {
	docs := ctgovDocs(b)
	var n int64
	for b.Loop() {
		for _, d := range docs[:500] {
			(textAnalyzer{}).Analyze([]byte(d.Text))
			n += int64(len(d.Text))
		}
	}
	b.SetBytes(n / int64(b.N))
}
