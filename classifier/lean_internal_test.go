package classifier

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/corpus"
)

// TestLeanTagsAlike tags documents (the seeds, and all of them as one document) normally and
// lean (units dropped between uses, as for documents over leanBytes): the results must be
// identical, tags, statuses and incidence included.
func TestLeanTagsAlike(t *testing.T) {
	c := internalClassifier(t)
	paths, err := filepath.Glob(filepath.Join("..", "corpus", "seeds", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	var all strings.Builder
	var docs []*corpus.Document
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, &corpus.Document{ID: filepath.Base(p), Text: string(b)})
		all.Write(b)
		all.WriteString("\n\n")
	}
	docs = append(docs, &corpus.Document{ID: "all", Text: all.String()})
	// Two own excerpts with adverse-event tables that lost their layout: a rule's window over
	// a table's rows reads sentences a lean document holds no units of.
	for _, src := range [][3]string{{"rct_tables.tsv", "o", "e01"}, {"cart_tables.tsv", "q", "e01"}, {"cart_tables.tsv", "q", "e03"}, {"cart_tables.tsv", "q", "e05"}, {"cart_tables.tsv", "q", "e07"}, {"rct_tables.tsv", "o", "e03"}, {"rct_tables.tsv", "o", "e05"}, {"rct_tables.tsv", "o", "e07"}} {
		b, err := os.ReadFile(filepath.Join("testdata", "incidence", src[0]))
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, l := range strings.Split(string(b), "\n") {
			if cols := strings.Split(l, "\t"); len(cols) == 4 && cols[0] == src[1] && cols[1] == src[2] {
				lines = append(lines, strings.ReplaceAll(cols[2], `\n`, "\n"))
			}
		}
		if len(lines) == 0 {
			t.Fatalf("%s: no paragraph %s/%s", src[0], src[1], src[2])
		}
		docs = append(docs, &corpus.Document{ID: src[0] + "/" + src[2], Text: strings.Join(lines, "\n") + "\n"})
	}
	// A trial a cue pattern names, written as the report's own in a sentence before it and as
	// another's in a later one: a lean run reads the released sentences' names again.
	docs = append(docs, &corpus.Document{ID: "named trials", Text: "The ElderCAR study is our phase 2 trial of the CAR-T cells. " +
		"In the ElderCAR study, grade 3 neutropenia occurred in 12 of 30 patients. In the SolarIS trial, grade 3 neutropenia occurred in 40 of 170 patients.\n"})
	// An abstract without headings whose methods end at a sentence the run had tagged and
	// released before the first verdict asked for them: its signals read the sentence's
	// terms again ("Nine adults received …" counts patients with what they received).
	docs = append(docs, &corpus.Document{ID: "unheaded methods", Text: "Older adults are often denied cellular therapy. " +
		"We studied older adults at one centre. Nine adults received bridging radiotherapy. " +
		"Grade 2 CRS was treated with tocilizumab. ICANS arose in 5 of the 30 adults.\n"})
	// A share in words ("ten percent") in a sentence the run had released: its number words
	// come back with it.
	docs = append(docs, &corpus.Document{ID: "share in words", Text: "CAR-T cells are given to older adults more often now. " +
		"Relapse was recorded in ten percent of the adults. Grade 2 CRS was treated with tocilizumab. ICANS arose in 5 of the 30 adults.\n"})
	// Sentences of other work before the turn to the study, read after the run released them:
	// their cues and their own words decide, as in a normal run.
	docs = append(docs, &corpus.Document{ID: "other work before the turn", Text: "Cytokine release syndrome limits CAR-T therapy in older adults. " +
		"As reported before [8], CRS arose in 18 of our 30 adults. Grade 2 CRS was treated with tocilizumab. ICANS arose in 5 of the 30 adults.\n"})
	docs = append(docs, &corpus.Document{ID: "a pivotal trial before the turn", Text: "Older adults are often denied cellular therapy. " +
		"In ZUMA-1, 101 adults were enrolled at 22 centres. We studied older adults at one centre. Grade 2 CRS was treated with tocilizumab. " +
		"ICANS arose in 5 of the 30 adults.\n"})
	tag := func(doc *corpus.Document, lean int) string {
		cc := *c // the same compiled rules, another threshold
		cc.leanBytes = lean
		res := cc.Tag(doc)
		b, err := json.Marshal(res.JSON())
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, d := range docs {
		normal, lean := tag(d, 1<<40), tag(d, 0)
		if normal != lean {
			t.Errorf("%s: lean tagging differs from normal tagging", d.ID)
		}
		if !strings.Contains(normal, `"incidence"`) && d.ID == "all" {
			t.Errorf("%s: no incidence at all: the comparison would miss the incidence pass", d.ID)
		}
	}
}

// TestExplainNeverLean: explaining a sentence of a big document sees its cues, as for a
// small one.
func TestExplainNeverLean(t *testing.T) {
	c := internalClassifier(t)
	lean := *c
	lean.leanBytes = 0 // every document is big
	doc := &corpus.Document{ID: "d", Text: "Before CAR-T there was nothing to note. No ICANS was seen."}
	want, err := c.Explain(doc, 1)
	if err != nil {
		t.Fatal(err)
	}
	got, err := lean.Explain(doc, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Cues) == 0 || len(got.Cues) != len(want.Cues) || len(got.Tags) != len(want.Tags) {
		t.Errorf("lean explain: %d cues, %d tags; want %d cues, %d tags", len(got.Cues), len(got.Tags), len(want.Cues), len(want.Tags))
	}
}
