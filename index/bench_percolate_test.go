package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// benchWords are free-text words of the generated saved searches.
var benchWords = []string{"randomized", "placebo", "pain", "vaccine", "insulin", "surgery", "children",
	"depression", "exercise", "biomarker", "pharmacokinetics", "adherence", "relapse", "infection",
	"mortality", "dose", "safety", "efficacy", "survival", "quality", "sleep", "obesity", "stroke",
	"smoking", "pregnancy", "elderly", "cognitive", "transplant", "antibody", "remission"}

// generatedSearches makes n distinct saved searches as curators would type them: terms of
// the rule set's vocabularies (diseases, antigens, products, adverse events, treatments,
// phases), grades, negations, free words, filters on records and tags, same-sentence and
// percent bounds, in a fixed pseudo-random mix.
func generatedSearches(tb testing.TB, c *classifier.Classifier, n int) []SavedSearch {
	tb.Helper()
	terms := map[string][]string{}
	for _, v := range c.RuleSet().Vocabularies {
		if !v.Emit || v.Facet == "" {
			continue
		}
		for _, g := range v.Terms {
			if g.Value != classifier.NoValue && !slices.Contains(terms[v.Facet], g.Value) {
				terms[v.Facet] = append(terms[v.Facet], g.Value)
			}
		}
	}
	pick := func(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }
	facets := []string{"disease", "antigen", "product", "adverse_event", "toxicity_treatment", "trial_phase", "remission"}
	for _, f := range facets {
		if len(terms[f]) == 0 {
			tb.Fatalf("the rules have no terms of %s", f)
		}
	}
	term := func(r *rand.Rand) string { return pick(r, terms[pick(r, facets)]) }
	r := rand.New(rand.NewPCG(14, 1000))
	seen := map[string]bool{}
	var out []SavedSearch
	for len(out) < n {
		var s SavedSearch
		switch k := r.IntN(12); k {
		case 0:
			s.Query = term(r)
		case 1:
			s.Query = term(r) + " " + term(r)
		case 2:
			s.Query = fmt.Sprintf("grade %d CRS %s", 1+r.IntN(4), term(r))
		case 3:
			s.Query = "grade ≥3 ICANS " + term(r)
		case 4:
			s.Query = "no ICANS " + term(r)
		case 5:
			s.Query = term(r) + " " + pick(r, benchWords)
		case 6:
			s.Query = pick(r, benchWords) + " " + pick(r, benchWords)
		case 7:
			s.Query = term(r)
			s.Filters = []string{fmt.Sprintf("year>=%d", 2005+r.IntN(15))}
		case 8:
			s.Query = term(r)
			s.Filters = []string{"publication_type!=Review", "trial_phase=" + pick(r, terms["trial_phase"])}
		case 9:
			s.Query = term(r) + " " + term(r)
			s.SameSentence = true
		case 10:
			s.Query = pick(r, terms["adverse_event"]) + " in more than 10% of patients"
		case 11:
			s.Query = pick(r, benchWords)
			s.Filters = []string{"disease=" + pick(r, terms["disease"])}
		}
		s.Name = fmt.Sprintf("s%04d", len(out))
		key := fmt.Sprint(s.Query, s.Filters, s.SameSentence)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, s)
	}
	return out
}

// ctgovBatch returns the first 1,000 registry records of the shared data, or skips.
func ctgovBatch(b *testing.B) []*corpus.Document {
	b.Helper()
	docs := ctgovDocs(b)
	if len(docs) < 1000 {
		b.Fatalf("%d registry records, want 1,000", len(docs))
	}
	return docs[:1000]
}

// BenchmarkPercolate percolates 1,000 generated saved searches against a batch of 1,000
// registry records, tagged beforehand, and reports the time per batch and the matches.
func BenchmarkPercolate(b *testing.B) {
	docs := ctgovBatch(b)
	c := testrules.Default(b)
	p, err := NewPercolator(NewInterpreter(c), generatedSearches(b, c, 1000), nil)
	if err != nil {
		b.Fatal(err)
	}
	tagged := make([]*classifier.Result, len(docs))
	for i, d := range docs {
		tagged[i] = c.Tag(d)
	}
	var n int
	var cpu time.Duration
	for b.Loop() {
		cpu0 := cpuTime()
		ms, err := p.Percolate(context.Background(), tagged)
		if err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - cpu0
		n = len(ms)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/batch")
	// CPU time is what a busy machine cannot take away (the percolator runs on one core).
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/batch")
	b.ReportMetric(float64(n), "matches")
}
