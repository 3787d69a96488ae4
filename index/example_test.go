package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/rules"
)

// builtinClassifier tags with the rules built into trialtag, as every example does.
func builtinClassifier() *classifier.Classifier {
	rs, err := classifier.Load(rules.FS)
	if err != nil {
		panic(err)
	}
	sp, err := corpus.NewSplitter()
	if err != nil {
		panic(err)
	}
	c, err := classifier.New(rs, sp)
	if err != nil {
		panic(err)
	}
	return c
}

// Example builds an index of two documents, reads a query with the rules, and searches.
func Example() {
	c := builtinClassifier()
	tmp, err := os.MkdirTemp("", "trialtag-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tmp)

	ix, err := index.Create(filepath.Join(tmp, "index"), index.Meta{RulesFingerprint: c.RuleSet().Fingerprint})
	if err != nil {
		panic(err)
	}
	defer ix.Close()
	docs := []*corpus.Document{
		{ID: "a", Source: "a.txt", Text: "Grade 2 CRS occurred in two patients and resolved after tocilizumab. No ICANS was observed."},
		{ID: "b", Source: "b.txt", Text: "Grade 1 CRS occurred in one patient. Grade 1 ICANS followed."},
	}
	st, err := ix.TagAndUpdate(context.Background(), c, slices.Values(docs), 0)
	if err != nil {
		panic(err)
	}
	fmt.Printf("added %d\n", st.Added)

	q, in := index.Interpret(c, "grade 2 CRS tocilizumab")
	for _, f := range in.Filters {
		fmt.Printf("%s (from %q)\n", f.Filter, f.Text)
	}
	q.Facets = []string{"crs_grade"}
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		panic(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.ID, h.Facets["crs_grade"])
		for _, s := range h.Sentences {
			fmt.Println("  " + s.Highlight(func(text string, t *classifier.Tag) string {
				if t == nil {
					return text
				}
				return "[" + text + "]"
			}))
		}
	}
	fmt.Println("crs_grade:", res.Facets["crs_grade"])
	// Output:
	// added 2
	// crs_grade=2 (from "grade 2 CRS")
	// toxicity_treatment=tocilizumab (from "tocilizumab")
	// a [2]
	//   [Grade 2 CRS] occurred in two patients and resolved after [tocilizumab].
	// crs_grade: [{2 1}]
}

// ExampleIndex_Warm opens an index the way a server does and reads its facet bitmaps and
// id order before the first search; a search of every document then counts facets from
// them without a pass over the documents.
func ExampleIndex_Warm() {
	c := builtinClassifier()
	tmp, err := os.MkdirTemp("", "trialtag-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "index")
	ix, err := index.Create(dir, index.Meta{RulesFingerprint: c.RuleSet().Fingerprint})
	if err != nil {
		panic(err)
	}
	docs := []*corpus.Document{
		{ID: "b", Source: "b.txt", Text: "CD19-directed CAR T cells were given. Grade 1 CRS occurred in one patient."},
		{ID: "a", Source: "a.txt", Text: "BCMA CAR T cells were infused. No CRS occurred."},
	}
	if _, err := ix.TagAndUpdate(context.Background(), c, slices.Values(docs), 0); err != nil {
		panic(err)
	}
	if err := ix.Close(); err != nil {
		panic(err)
	}

	ro, err := index.OpenReadOnly(dir)
	if err != nil {
		panic(err)
	}
	defer ro.Close()
	if err := ro.Warm(context.Background()); err != nil {
		panic(err)
	}
	res, err := ro.Search(context.Background(), index.Query{Facets: []string{"antigen", "crs"}})
	if err != nil {
		panic(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.ID)
	}
	fmt.Println("antigen:", res.Facets["antigen"])
	fmt.Println("crs:", res.Facets["crs"])
	// Output:
	// a
	// b
	// antigen: [{BCMA 1} {CD19 1}]
	// crs: [{absent 1} {present 1}]
}

// ExampleMeta_shards builds the same documents into an index of one shard and one of four:
// each search answers the same hits, scores and counts, whatever the shard count.
func ExampleMeta_shards() {
	c := builtinClassifier()
	tmp, err := os.MkdirTemp("", "trialtag-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tmp)
	docs := []*corpus.Document{
		{ID: "a", Source: "a.txt", Text: "Grade 2 CRS occurred in two patients and resolved after tocilizumab."},
		{ID: "b", Source: "b.txt", Text: "Grade 1 CRS occurred in one patient; no ICANS."},
		{ID: "c", Source: "c.txt", Text: "No CRS or ICANS occurred after CD19 CAR T cells."},
		{ID: "d", Source: "d.txt", Text: "Tocilizumab was given to three patients with CRS."},
	}
	for _, n := range []int{1, 4} {
		ix, err := index.Create(filepath.Join(tmp, fmt.Sprint(n)), index.Meta{RulesFingerprint: c.RuleSet().Fingerprint, Shards: n})
		if err != nil {
			panic(err)
		}
		if _, err := ix.TagAndUpdate(context.Background(), c, slices.Values(docs), 0); err != nil {
			panic(err)
		}
		res, err := ix.Search(context.Background(), index.Query{Text: "CRS tocilizumab", Facets: []string{"crs"}})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%d shard(s):", ix.Meta().Shards)
		for _, h := range res.Hits {
			fmt.Printf(" %s %.3f", h.ID, h.Score)
		}
		fmt.Println(" crs:", res.Facets["crs"])
		ix.Close()
	}
	// Output:
	// 1 shard(s): d 0.035 a 0.029 b 0.006 c 0.005 crs: [{present 3} {absent 1}]
	// 4 shard(s): d 0.035 a 0.029 b 0.006 c 0.005 crs: [{present 3} {absent 1}]
}
