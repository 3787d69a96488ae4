package corpus

import (
	"context"
	"reflect"
	"testing"
)

// TestLoadMeta reads the metadata fixtures (records written for this test, in every format
// that carries metadata) and checks each field, the problems, and where the title stands
// in the text.
func TestLoadMeta(t *testing.T) {
	t.Parallel()
	type want struct {
		id, title string // title: the text at TitleStart:TitleEnd
		meta      *Meta
	}
	tests := []struct {
		file string
		want []want
	}{
		{"meta.medline", []want{
			{"39000001", "BCMA CAR-T therapy in systemic lupus erythematosus: phase 1 results of a made-up study.", &Meta{
				Date: "2023-05-17", DateWritten: "2023 May 17", Journal: "Journal of invented research", JournalAbbrev: "J Invented Res",
				Authors: []string{"Example, Ada", "Sample, Ben Q"}, PublicationTypes: []string{"Clinical Trial, Phase I", "Journal Article"},
				MeSH: []string{"Receptors, Chimeric Antigen", "Lupus Erythematosus, Systemic", "Humans"}, Keywords: []string{"CAR-T", "lupus"},
				PMID: "39000001", PMCID: "PMC9000001", DOI: "10.9999/jir.2023.001", RegistryIDs: []string{"NCT09000001"},
			}},
			{"39000002", "A record whose date and type cannot be read.", &Meta{
				DateWritten: "2023 Smarch 40", PublicationTypes: []string{"Blog Post", "Review"}, PMID: "39000002",
				Problems: []string{`DP "2023 Smarch 40": not a date`, `PT "Blog Post": not a PubMed publication type`, `AID "not-a-doi": not a DOI`},
			}},
		}},
		{"meta.xml", []want{
			{"39000003", "CD19 CAR T cells in refractory myositis", &Meta{
				Date: "2024-01-09", DateWritten: "2024 Jan 09", Journal: "Invented journal of cell therapy", JournalAbbrev: "Invent J Cell Ther",
				Authors: []string{"Example, Ada", "Made-up CAR-T Consortium"}, PublicationTypes: []string{"Journal Article", "Case Reports"},
				MeSH: []string{"Myositis"}, Keywords: []string{"CD19", "myositis"}, PMID: "39000003", PMCID: "PMC9000003",
				DOI: "10.9999/ijct.2024.9", RegistryIDs: []string{"NCT09000003"},
			}},
			{"39000004", "Cytokine release syndrome: a review", &Meta{
				Date: "2022-12", DateWritten: "2022 Dec-2023 Jan", Journal: "Invented reviews", PublicationTypes: []string{"Review"}, PMID: "39000004",
			}},
		}},
		{"meta.jsonl", []want{
			{"NCT09000005", "A phase 2 study of an invented CD22 CAR-T", &Meta{
				Date: "2024-03", Phase: "PHASE2", Status: "RECRUITING",
			}},
			{"PMID39000006", "Invented abstract", &Meta{
				DateWritten: "2021-02-30", Journal: "Invented Medicine", Authors: []string{"Example, Ada"},
				PublicationTypes: []string{"Journal Article"}, MeSH: []string{"Infections"}, Keywords: []string{"CAR-T"},
				DOI: "10.9999/im.2021.7", PMID: "39000006", PMCID: "PMC9000006",
				Problems: []string{`date "2021-02-30": not a date`},
			}},
			{"plain", "Plain title", &Meta{
				Authors: []string{"Example, Ada"}, Problems: []string{`mesh "{\"bad\":1}": not a string`},
			}},
		}},
		{"meta.html", []want{
			{"meta", "GPRC5D CAR-T in multiple myeloma: an invented report", &Meta{
				Date: "2022-11-05", DateWritten: "2022/11/05", Journal: "Invented Journal of Hematology",
				Authors: []string{"Example, Ada", "Sample, Ben"}, Keywords: []string{"CAR-T", "myeloma", "GPRC5D"},
				DOI: "10.9999/ijh.2022.55", PMID: "39000007",
			}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			var got []*Document
			for d, err := range Load(context.Background(), []string{"testdata/load/" + tt.file}, Options{}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, d)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d documents, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				d := got[i]
				if d.ID != w.id {
					t.Errorf("document %d: id %q, want %q", i, d.ID, w.id)
				}
				if title := d.Text[d.TitleStart:d.TitleEnd]; title != w.title || d.Title != w.title {
					t.Errorf("%s: title %q in the text at %d:%d (Title %q), want %q", d.ID, title, d.TitleStart, d.TitleEnd, d.Title, w.title)
				}
				if !reflect.DeepEqual(d.Meta, w.meta) {
					t.Errorf("%s: meta\n got %+v\nwant %+v", d.ID, d.Meta, w.meta)
				}
			}
		})
	}
}

// TestTitleOnce: a title the text already holds (a first line, a Markdown heading, an
// HTML h1) is not added again; one it lacks is put first, or left out on request.
func TestTitleOnce(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, title, text string
		outside           bool
		wantText          string
		wantTitle         string // the text at TitleStart:TitleEnd
	}{
		{"added", "CAR-T in SLE", "Grade 1 CRS.", false, "CAR-T in SLE\n\nGrade 1 CRS.", "CAR-T in SLE"},
		{"left out", "CAR-T in SLE", "Grade 1 CRS.", true, "Grade 1 CRS.", ""},
		{"first line", "CAR-T in SLE", "CAR-T in SLE\n\nGrade 1 CRS.", false, "CAR-T in SLE\n\nGrade 1 CRS.", "CAR-T in SLE"},
		{"case and spaces", "CAR-T  in SLE", "car-t in sle\nGrade 1 CRS.", false, "car-t in sle\nGrade 1 CRS.", "car-t in sle"},
		{"markdown heading", "Notes", "Intro.\n\n# Notes #\n\nMore.", false, "Intro.\n\n# Notes #\n\nMore.", "Notes"},
		{"TITLE label", "A trial", "TITLE: A trial\n\nABSTRACT:\nText.", false, "TITLE: A trial\n\nABSTRACT:\nText.", "A trial"},
		{"empty text", "Only a title", "", false, "Only a title", "Only a title"},
		{"words run together are another line", "CAR T in SLE", "CART in SLE\nText.", false, "CAR T in SLE\n\nCART in SLE\nText.", "CAR T in SLE"},
		{"a longer line is another line", "CAR-T", "CAR-T in SLE\nText.", false, "CAR-T\n\nCAR-T in SLE\nText.", "CAR-T"},
		{"no title", "", "Text.", false, "Text.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Document{Title: tt.title, Text: tt.text}
			d.placeTitle(tt.outside)
			if d.Text != tt.wantText || d.Text[d.TitleStart:d.TitleEnd] != tt.wantTitle {
				t.Errorf("text %q, title %q (%d:%d); want %q, %q", d.Text, d.Text[d.TitleStart:d.TitleEnd], d.TitleStart, d.TitleEnd, tt.wantText, tt.wantTitle)
			}
		})
	}
}

func TestNormalizeDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2023", "2023", true},
		{"2023 May", "2023-05", true},
		{"2023 May 17", "2023-05-17", true},
		{"2023 May 15-21", "2023-05-15", true},
		{"2022 Dec-2023 Jan", "2022-12", true},
		{"2023 Spring", "2023", true},
		{"2023-05-17", "2023-05-17", true},
		{"2023/5/7", "2023-05-07", true},
		{"20230517", "2023-05-17", true},
		{"May 17, 2023", "2023-05-17", true},
		{"17 May 2023", "2023-05-17", true},
		{"2024-02-29", "2024-02-29", true},
		{"2023-02-29", "", false},
		{"2023 Smarch", "", false},
		{"2023-13", "", false},
		{"yesterday", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := normalizeDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("normalizeDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
