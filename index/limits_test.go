package index

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/trialtag/trialtag/internal/testrules"
)

// repeat joins n copies of w with spaces.
func repeat(w string, n int) string { return strings.TrimSpace(strings.Repeat(w+" ", n)) }

// TestHostileQueries runs each query form that once ran for minutes and took gigabytes
// (issue 13): each is refused with a bad query that names its limit, or folded into a
// small query that answers. Time and memory are logged, not asserted: they are bounded by
// the limits, which are checked before the search runs.
func TestHostileQueries(t *testing.T) {
	ix, _ := buildIndex(t, loadDocs(t, seedsDir))
	interp := NewInterpreter(testrules.Default(t))
	paragraph := strings.Repeat("Results: the median time to onset of cytokine release syndrome was 3 days, and "+
		"\"grade 3\" events were rare in this cohort of patients who received the product. ", 8)
	distinct := make([]string, 600)
	for i := range distinct {
		distinct[i] = "w" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	tests := []struct {
		name, query string
		lim         *Limits
		want        string // a part of the error, "" for an answer
		note        bool   // the interpretation says it read syntax as free text
	}{
		{"phrase of the ×5000", `"` + repeat("the", 5000) + `"`, nil, "max_query_bytes", false},
		{"phrase of the ×400 is prose", `"` + repeat("the", 400) + `"`, nil, "", true},
		{"phrase of the ×40", `"` + repeat("the", 40) + `"`, nil, "a phrase of the query has 40 words", false},
		{"*e* ×50 folds to one", repeat("*e*", 50), nil, "", false},
		{"three leading wildcards", "*e* *a* *i*", nil, "max_query_expensive", false},
		{"wildcards turned off", "*e*", &Limits{QueryBytes: 100, Terms: 10, Clauses: 10, Expensive: 0, Expansion: 100}, "turned off", false},
		{"a~2 ×200 is prose", repeat("a~2", 200), nil, "", true},
		{"a~2 ×60 folds to one", repeat("a~2", 60), nil, "", false},
		{"a~2 over the expansion limit", "a~2", &Limits{QueryBytes: 100, Terms: 10, Clauses: 10, Expensive: 2, Expansion: 5}, "max_query_expansion", false},
		{"regexp ×20 folds to one", repeat("text:/.*e.*/", 20), nil, "", false},
		{"*e* ×50 over the expansion limit", repeat("*e*", 50), &Limits{QueryBytes: 1000, Terms: 10, Clauses: 100, Expensive: 2, Expansion: 50}, "max_query_expansion", false},
		{"regexp over the expansion limit", "text:/.*e.*/", &Limits{QueryBytes: 100, Terms: 10, Clauses: 10, Expensive: 2, Expansion: 50}, "max_query_expansion", false},
		{"tocilizumab ×800", repeat("tocilizumab", 800), nil, "", false},
		{"tocilizumab ×5000", repeat("tocilizumab", 5000), nil, "max_query_bytes", false},
		{"patients ×400", repeat("patients", 400), nil, "", false},
		{"pasted paragraph", paragraph, nil, "", true},
		{"600 different words", strings.Join(distinct, " "), nil, "max_query_terms", false},
		{"too many clauses", "+crs_grade:2 +antigen:CD19 relapse", &Limits{QueryBytes: 100, Terms: 10, Clauses: 3, Expensive: 2, Expansion: 100}, "max_query_clauses", false},
		{"unbalanced open", "((((", nil, "no words to search for", false},
		{"unbalanced close", ")))", nil, "no words to search for", false},
		{"bad regexp", "/(/", nil, "missing closing )", false},
		{"regexp is syntax", "/(a+)+b/", nil, "", false},
		{"unterminated quote", `+antigen:CD19 "relapse`, nil, "unterminated quote", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			resp, err := ix.Answer(context.Background(), interp, Request{Query: tt.query, Limits: tt.lim})
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			t.Logf("%d bytes: %v, %.1f MB allocated", len(tt.query), took.Round(time.Microsecond), float64(after.TotalAlloc-before.TotalAlloc)/1e6)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Answer: %v", err)
				}
				if got := resp.Interpretation.Note != ""; got != tt.note {
					t.Errorf("note = %q, want one: %v", resp.Interpretation.Note, tt.note)
				}
				return
			}
			if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Answer: %v, want a bad query saying %q", err, tt.want)
			}
			if len(err.Error()) > 400 {
				t.Errorf("the error is %d bytes long; it must quote only an excerpt: %.500s", len(err.Error()), err)
			}
		})
	}
}

// TestAnswerCancelled: a search whose client has gone does not run.
func TestAnswerCancelled(t *testing.T) {
	ix, _ := buildIndex(t, loadDocs(t, seedsDir))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ix.Answer(ctx, NewInterpreter(testrules.Default(t)), Request{Query: "grade 2 CRS relapse"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Answer with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestFold(t *testing.T) {
	ix, _ := buildIndex(t, loadDocs(t, seedsDir))
	for q, want := range map[string]int{
		repeat("*e*", 50):           1,
		"relapse relapse +CRS +CRS": 2,
		`"a b" "a b" c`:             2,
	} {
		tq, err := textQuery(ix, q, false, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		var c syntaxCost
		costOf(tq, &c)
		if c.clauses != want {
			t.Errorf("%.40s…: %d clauses after folding, want %d", q, c.clauses, want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		name, in string
		want     func(string) bool
	}{
		{"short", "short", func(got string) bool { return got == `"short"` }},
		{"60 characters at most", strings.Repeat("é", 100), func(got string) bool {
			return strings.HasSuffix(got, "… (200 bytes)") && strings.Count(got, "é") == 60
		}},
		// Found by FuzzParseFilter: 60 bytes that are not UTF-8 quoted as 240.
		{"160 bytes at most as quoted", "0\x13" + strings.Repeat("\x84", 70), func(got string) bool {
			return strings.HasSuffix(got, "… (72 bytes)") && len(got) <= 160+len("… (72 bytes)")
		}},
		{"exactly 60 characters", strings.Repeat("a", 60), func(got string) bool { return got == `"`+strings.Repeat("a", 60)+`"` }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Excerpt(tt.in); !tt.want(got) {
				t.Errorf("Excerpt(%q) = %s (%d bytes)", tt.in, got, len(got))
			}
		})
	}
}
