package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"

	"github.com/trialtag/trialtag/internal/rusage"
)

// Free-text words of the generated saved searches. specificWords are what a curator's
// standing question holds beside its tags (each in a few percent of registry records);
// broadWords are words most records hold, for a stress figure: a search on two of them
// matches two records in five, which nobody keeps as an alert.
var (
	specificWords = []string{"myositis", "encephalopathy", "macrophage", "hemophagocytic", "seizure", "aphasia",
		"hypogammaglobulinemia", "cytopenia", "tremor", "apheresis", "bridging", "lymphodepletion", "fludarabine",
		"cyclophosphamide", "anakinra", "siltuximab", "dexamethasone", "ferritin", "interleukin", "persistence",
		"expansion", "relapsed", "refractory", "pediatric", "allogeneic", "autologous", "scleroderma", "vasculitis",
		"nephritis", "neurotoxicity"}
	broadWords = []string{"randomized", "placebo", "pain", "vaccine", "insulin", "surgery", "children",
		"depression", "exercise", "biomarker", "pharmacokinetics", "adherence", "relapse", "infection",
		"mortality", "dose", "safety", "efficacy", "survival", "quality", "sleep", "obesity", "stroke",
		"smoking", "pregnancy", "elderly", "cognitive", "transplant", "antibody", "remission"}
)

// generatedSearches makes n distinct saved searches as curators would type them: terms of
// the rule set's vocabularies (diseases, antigens, products, adverse events, treatments,
// phases), grades, negations, the free words given, filters on records and tags,
// same-sentence and percent bounds, in a fixed pseudo-random mix.
func generatedSearches(tb testing.TB, c *classifier.Classifier, n int, words []string) []SavedSearch {
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
			s.Query = term(r) + " " + pick(r, words)
		case 6:
			s.Query = pick(r, words) + " " + pick(r, words)
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
			s.Query = pick(r, words)
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
// registry records, tagged beforehand, and reports the time per batch and the matches:
// with specific free words (the figure of issue 14) and with broad ones (a stress test).
func BenchmarkPercolate(b *testing.B) {
	docs := ctgovBatch(b)
	c := testrules.Default(b)
	tagged := make([]*classifier.Result, len(docs))
	for i, d := range docs {
		tagged[i] = c.Tag(d)
	}
	for _, mix := range []struct {
		name  string
		words []string
	}{{"specific", specificWords}, {"broad", broadWords}} {
		b.Run(mix.name, func(b *testing.B) {
			p, err := NewPercolator(NewInterpreter(c), generatedSearches(b, c, 1000, mix.words), nil)
			if err != nil {
				b.Fatal(err)
			}
			var n int
			var cpu time.Duration
			for b.Loop() {
				cpu0 := rusage.CPUTime()
				ms, err := p.Percolate(context.Background(), tagged)
				if err != nil {
					b.Fatal(err)
				}
				cpu += rusage.CPUTime() - cpu0
				n = len(ms)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/batch")
			// CPU time is what a busy machine cannot take away (the percolator runs on
			// one core).
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/batch")
			b.ReportMetric(float64(n), "matches")
		})
	}
}

// BenchmarkIndexWithSearches indexes a batch of 1,000 registry records into a new index,
// once with no saved searches and once with 1,000, in turns, and reports both times and
// what the searches add (percolation and recording the alerts), for both mixes of
// BenchmarkPercolate.
func BenchmarkIndexWithSearches(b *testing.B) {
	docs := ctgovBatch(b)
	c := testrules.Default(b)
	for _, mix := range []struct {
		name  string
		words []string
	}{{"specific", specificWords}, {"broad", broadWords}} {
		b.Run(mix.name, func(b *testing.B) {
			p, err := NewPercolator(NewInterpreter(c), generatedSearches(b, c, 1000, mix.words), nil)
			if err != nil {
				b.Fatal(err)
			}
			indexWithAndWithout(b, c, docs, p)
		})
	}
}

// indexWithAndWithout indexes docs into new indexes, without saved searches and with p,
// in turns, and reports both times and what p adds.
func indexWithAndWithout(b *testing.B, c *classifier.Classifier, docs []*corpus.Document, p *Percolator) {
	run := func(p *Percolator) (wall, cpu time.Duration, alerts int) {
		dir := filepath.Join(b.TempDir(), "index")
		start, cpu0 := time.Now(), rusage.CPUTime()
		ix, err := Create(dir, defaultMeta(b))
		if err != nil {
			b.Fatal(err)
		}
		ix.SetPercolator(p)
		st, err := ix.TagAndUpdate(context.Background(), c, seqOf(docs), 0)
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		return time.Since(start), rusage.CPUTime() - cpu0, st.Alerts
	}
	var without, with, cpuWithout, cpuWith time.Duration
	var alerts int
	for b.Loop() {
		w0, c0, _ := run(nil)
		w1, c1, n := run(p)
		without, cpuWithout = without+w0, cpuWithout+c0
		with, cpuWith = with+w1, cpuWith+c1
		alerts = n
	}
	ms := func(d time.Duration) float64 { return float64(d.Milliseconds()) / float64(b.N) }
	b.ReportMetric(ms(without), "ms-without")
	b.ReportMetric(ms(with), "ms-with-1000")
	b.ReportMetric(100*(ms(with)-ms(without))/ms(without), "%-added")
	// CPU time is what a busy machine cannot take away: on a loaded machine the wall
	// figures above move by tens of percent from run to run.
	b.ReportMetric(ms(cpuWithout), "cpu-ms-without")
	b.ReportMetric(ms(cpuWith), "cpu-ms-with-1000")
	b.ReportMetric(100*(ms(cpuWith)-ms(cpuWithout))/ms(cpuWithout), "%-cpu-added")
	b.ReportMetric(float64(alerts), "alerts")
}
