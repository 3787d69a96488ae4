package index_test

import (
	"context"
	"fmt"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
)

// ExamplePercolator runs two saved searches against new documents and says what matched.
func ExamplePercolator() {
	c := builtinClassifier()
	p, err := index.NewPercolator(index.NewInterpreter(c), []index.SavedSearch{
		{Name: "severe-crs", Query: "grade ≥3 CRS"},
		{Name: "icans-absent", Query: "no ICANS"},
	}, nil)
	if err != nil {
		panic(err)
	}
	docs := []*corpus.Document{
		{ID: "a", Source: "a.txt", Text: "Twenty patients were treated. Grade 3 CRS occurred in two of them. No ICANS was observed."},
		{ID: "b", Source: "b.txt", Text: "Grade 1 CRS occurred in one patient."},
	}
	var tagged []*classifier.Result
	for _, d := range docs {
		tagged = append(tagged, c.Tag(d))
	}
	matches, err := p.Percolate(context.Background(), tagged)
	if err != nil {
		panic(err)
	}
	for _, m := range matches {
		fmt.Println(m.Document, m.Search)
		for _, f := range m.Filters {
			fmt.Printf("  %s (from %q) in sentences %v\n", f.Filter, f.Text, f.Sentences)
		}
	}
	// Output:
	// a severe-crs
	//   crs_grade=≥3 (from "grade ≥3 CRS") in sentences [1]
	// a icans-absent
	//   icans=absent (from "no ICANS") in sentences [2]
}
