package export_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/export"
)

// exampleResult is a tagged document built by hand: a title and one sentence with a
// negated grade and an affirmed one, after characters of more than one byte.
func exampleResult() *classifier.Result {
	title := "CAR⁺ T cells in lupus"
	sentence := "Grade ≥3 CRS did not occur; grade 1 CRS did."
	text := title + "\n\n" + sentence
	body := len(title) + 2
	tag := func(facet, value, status, cue, words string) classifier.Tag {
		start := strings.Index(text, words)
		return classifier.Tag{Facet: facet, Value: value, Status: status, Cue: cue, Start: start,
			End: start + len(words), Text: words, Rule: "crs.grade.before", Section: corpus.SectionBody}
	}
	return &classifier.Result{
		Document: &corpus.Document{ID: "demo", Title: title, Text: text, Source: "demo.txt", TitleEnd: len(title)},
		Sentences: []classifier.Sentence{
			{Sentence: corpus.Sentence{Index: 0, Start: 0, End: len(title), Section: corpus.SectionTitle, Text: title}},
			{Sentence: corpus.Sentence{Index: 1, Start: body, End: len(text), Section: corpus.SectionBody, Text: sentence},
				Tags: []classifier.Tag{
					tag("crs_grade", "3+", classifier.Negated, "did not occur", "Grade ≥3 CRS"),
					tag("crs_grade", "1", classifier.Affirmed, "", "grade 1 CRS"),
				}},
		},
		Facets: map[string][]string{"crs_grade": {"1"}},
	}
}

// Writing tagged documents in PubTator's tab format. Offsets count characters: "⁺" and
// "≥" are one each, so "Grade ≥3 CRS" starts at 23, not at its byte offset 25.
func ExampleWrite() {
	if err := export.Write(os.Stdout, export.PubTator, []*classifier.Result{exampleResult()}, export.Options{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// demo|t|CAR⁺ T cells in lupus
	// demo|a| Grade ≥3 CRS did not occur; grade 1 CRS did.
	// demo	23	35	Grade ≥3 CRS	crs_grade	3+	negated	crs.grade.before	did not occur
	// demo	51	62	grade 1 CRS	crs_grade	1	affirmed	crs.grade.before
}

// A stream makes each document's bytes on its own, so documents can be formatted
// concurrently and written in order between the header and the footer.
func ExampleStream() {
	s, err := export.NewStream(export.BioCJSON, export.Options{Source: "my curation set"})
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, err := s.Document(exampleResult())
	if err != nil {
		fmt.Println(err)
		return
	}
	out := string(s.Header()) + string(doc) + string(s.Footer())
	fmt.Println(out[:strings.Index(out, `"documents"`)])
	fmt.Println(strings.Count(out, `"locations":[{"offset":23,"length":12}]`))
	// Output:
	// {"source":"my curation set","date":"","key":"trialtag","infons":{"offset_unit":"character"},
	// 1
}

// A document in brat standoff: one text-bound annotation per tag, its status and section
// as attributes and its value first in its note.
func ExampleEncodeBrat() {
	b, err := export.EncodeBrat(exampleResult())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(b.Ann))
	// Output:
	// T1	crs_grade 23 35	Grade ≥3 CRS
	// A1	Status T1 negated
	// A2	Section T1 body
	// #1	AnnotatorNotes T1	3+ | rule: crs.grade.before | cue: did not occur
	// T2	crs_grade 51 62	grade 1 CRS
	// A3	Status T2 affirmed
	// A4	Section T2 body
	// #2	AnnotatorNotes T2	1 | rule: crs.grade.before
}

// Tags written to brat, corrected there by a curator, and read back as gold: the curator
// decided that grade ≥3 CRS did occur, and the gold's crs_grade follows.
func ExampleReadBratGold() {
	dir, err := os.MkdirTemp("", "brat-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	folder, err := export.CreateBratFolder(dir, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := export.EncodeBrat(exampleResult())
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := folder.Write(b); err != nil {
		fmt.Println(err)
		return
	}
	// The curator's correction, as brat saves it.
	ann := filepath.Join(dir, b.Name+".ann")
	data, _ := os.ReadFile(ann)
	data = []byte(strings.Replace(string(data), "Status T1 negated", "Status T1 affirmed", 1))
	if err := os.WriteFile(ann, data, 0o644); err != nil {
		fmt.Println(err)
		return
	}
	gold, err := export.ReadBratGold(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(gold["demo"]["crs_grade"], len(gold["demo"]["icans"]))
	// Output: [1 3+] 0
}
