package corpus_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/trialtag/trialtag/corpus"
)

func ExampleSplitter_Split() {
	sp, err := corpus.NewSplitter()
	if err != nil {
		log.Fatal(err)
	}
	text := "Anti-CD19 CAR T cells in refractory SLE\n\n" +
		"Methods: Six patients (approx. 5 per site, cf. Mackensen et al. 2022) were enrolled.\n" +
		"Results: Grade 1 CRS occurred in 4 patients (Fig. 2). No ICANS occurred.\n"
	for _, s := range sp.Split(text) {
		fmt.Printf("%d %-8s [%d:%d] %s\n", s.Index, s.Section, s.Start, s.End, s.Text)
	}
	// Output:
	// 0 body     [0:39] Anti-CD19 CAR T cells in refractory SLE
	// 1 methods  [50:125] Six patients (approx. 5 per site, cf. Mackensen et al. 2022) were enrolled.
	// 2 results  [135:179] Grade 1 CRS occurred in 4 patients (Fig. 2).
	// 3 results  [180:198] No ICANS occurred.
}

func ExampleLoad() {
	input := `{"id":"NCT05030779","title":"CD19 and BCMA CAR-T in SLE","text":"Grade 1 CRS developed in 86.7% of patients."}
{"id":"bad","text":42}
{"text":"No ICANS occurred."}
`
	opts := corpus.Options{Stdin: strings.NewReader(input)}
	for doc, err := range corpus.Load(context.Background(), []string{"-"}, opts) {
		if err != nil {
			// A *SkipError: report it and go on.
			fmt.Println("skipped:", err)
			continue
		}
		// The title is part of the text (so it is tagged), at TitleStart:TitleEnd.
		fmt.Printf("%s (%s, %s) %q: %q\n", doc.ID, doc.Source, doc.Format, doc.Text[doc.TitleStart:doc.TitleEnd], doc.Text[doc.TitleEnd:])
	}
	// Output:
	// NCT05030779 (-:1, jsonl) "CD19 and BCMA CAR-T in SLE": "\n\nGrade 1 CRS developed in 86.7% of patients."
	// skipped: -:2: skipped: no "text" string
	// stdin:3 (-:3, jsonl) "": "No ICANS occurred."
}

func ExampleTextDocument() {
	doc := corpus.TextDocument("note", "Late cytopenias after CAR T cells\n\nGrade 3 neutropenia lasted beyond day 30 in 4 of 20 patients.\n")
	fmt.Printf("%q | %q\n", doc.Title, doc.Text[doc.TitleStart:doc.TitleEnd])
	// Output:
	// "Late cytopenias after CAR T cells" | "Late cytopenias after CAR T cells"
}
