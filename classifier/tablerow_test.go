package classifier_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestTableRows checks rows of a table that take their event from the header above them:
// grade rows under CRS or ICANS count that grade, an any-grade row counts the event, lines
// that open with a bare grade under "ICANS grade" count that grade, and rows under a header
// of two events, or far from any, count nothing.
func TestTableRows(t *testing.T) {
	c := testrules.Default(t)
	tests := []struct {
		name, text string
		want       []string // facet=value status count, of the table's rows, in order
	}{
		{"grades under CRS", "Safety after CAR-T cells\n\nTable 2.\nCytokine release syndrome\nGrade 1   43 (37%)\nGrade 2   12 (10%)\nGrade 3 or higher   3 (3%)\n",
			[]string{"crs=present affirmed -", "crs_grade=1 affirmed 43 37%", "crs=present affirmed -", "crs_grade=2 affirmed 12 10%", "crs=present affirmed -", "crs_grade=3+ affirmed 3 3%"}},
		{"any grade under ICANS", "Safety after CAR-T cells\n\nICANS\nAny grade   20 (17%)\nGrade 3 or higher   5 (4%)\n",
			[]string{"icans=present affirmed 20 17%", "icans=present affirmed -", "icans_grade=3+ affirmed 5 4%"}},
		{"an adverse event counts its total, and each grade row at its grade", "Safety after CAR-T cells\n\nNeutropenia\nAll grades   30 (79%)\nGrade 4   12 (32%)\n",
			[]string{"adverse_event=neutropenia affirmed 30 79%", "adverse_event=neutropenia affirmed 12 32% grade 4"}},
		{"columns between bars", "Safety after CAR-T cells\n\n. | All (N = 80) | Adults (n = 30) |\n---|---|---|\nCRS | | |\nAll grade | 40 (50.0) | 18 (60.0) |\nGrade 3 or higher | 6 (7.5) | 3 (10.0) |\nMedian onset, days | 4 (1-12) | 5 (2-9) |\n",
			[]string{"crs=present affirmed 40/80 50%", "crs=present affirmed 18/30 60%", "crs=present affirmed -", "crs_grade=3+ affirmed 6/80 7.5%", "crs_grade=3+ affirmed 3/30 10%"}},
		{"grade rows take the size their caption states", "Safety after CAR-T cells\n\nTable 3. Cytokine release syndrome by grade (N = 40)\nAny grade   30 (75.0)\nGrade 1   20 (50.0)\n",
			[]string{"crs=present affirmed 30/40 75%", "crs=present affirmed -", "crs_grade=1 affirmed 20/40 50%"}},
		{"a zero row takes the size its caption states once a row above took it", "Safety after CAR-T cells\n\nTable 3. Cytokine release syndrome by grade (N = 40)\nAny grade   30 (75.0)\nGrade 1   20 (50.0)\nGrade 5   0\n",
			[]string{"crs=present affirmed 30/40 75%", "crs=present affirmed -", "crs_grade=1 affirmed 20/40 50%", "crs=present affirmed -", "crs_grade=5 negated 0/40"}},
		{"a row labelled any and a word is no row of the event", "Safety after CAR-T cells\n\nCytokine release syndrome\nAny AE   38 (95%)\n",
			nil},
		{"a row labelled any alone under a header of the cells' form and the size", "Safety after CAR-T cells\n\nICANS, n (%)  N = 50\nAny  20 (40.0)\nGrade 1  12 (24.0)\n",
			[]string{"icans=present affirmed 20/50 40%", "icans=present affirmed -", "icans_grade=1 affirmed 12/50 24%"}},
		{"a zero row under a caption no row's share fits takes no size", "Safety after CAR-T cells\n\nTable 3. Cytokine release syndrome by grade (N = 40)\nGrade 5   0\n",
			[]string{"crs=present affirmed -", "crs_grade=5 negated 0"}},
		{"a treatment row under its event", "Safety after CAR-T cells\n\nCRS | | |\nAll grade | 40 (50.0) | 18 (60.0) |\nMedian onset, days | 4 (1-12) | 5 (2-9) |\nTocilizumab | 20 (50.0) | 9 (50.0) |\nCorticosteroids | 8 (20.0) | 3 (16.7) |\n",
			[]string{"crs=present affirmed 40 50%", "crs=present affirmed 18 60%", "toxicity_treatment=tocilizumab affirmed 20 50%", "toxicity_treatment=tocilizumab affirmed 9 50%", "toxicity_treatment=corticosteroids affirmed 8 20%", "toxicity_treatment=corticosteroids affirmed 3 16.7%"}},
		{"Markdown rows under a subgroup's label", "Safety after CAR-T cells\n\n| Event | Arm A (N=40) | Arm B (N=38) |\n|---|---|---|\n| Patients with ICANS, n (%) | 9 (23) | 5 (13) |\n| Grade 1 | 6 (15) | 5 (13) |\n| Grade 3 | 3 (8) | 0 |\n",
			[]string{"icans=present affirmed -", "icans_grade=1 affirmed 6/40 15%", "icans_grade=1 affirmed 5/38 13%", "icans=present affirmed -", "icans_grade=3 affirmed 3/40 8%", "icans_grade=3 negated 0/38"}},
		{"shares with their intervals, a column each", "Safety after CAR-T cells\n\n| Event | All, n = 90 | Adults, n = 60 | Children, n = 30 |\n|---|---|---|---|\n| ICANS | | | |\n| Any grade, % (95% CI) | 40 (30-51) | 45 (32-58) | 30 (15-49) |\n| Grade ≥3, % | 12 | 15 | |\n| Onset, median (range), d | 6 (2-30) | 6 (2-30) | 5 (3-9) |\n",
			[]string{"icans=present affirmed - 40%", "icans=present affirmed - 45%", "icans=present affirmed - 30%", "icans=present affirmed -", "icans_grade=3+ affirmed - 12%", "icans_grade=3+ affirmed - 15%"}},
		{"counts over each column's own whole, in a row of many columns", "Safety after CAR-T cells\n\n| CRS | | | | | | |\n| Grade 4, n/N (%) | 6/300 (2) | 5/250 (2) | 1/50 (2) | 2/90 (2) | 4/210 (2) | 0/12 (0) |\n",
			[]string{"crs=present affirmed -", "crs_grade=4 affirmed 6/300 2%", "crs_grade=4 affirmed 5/250 2%", "crs_grade=4 affirmed 1/50 2%", "crs_grade=4 affirmed 2/90 2%", "crs_grade=4 affirmed 4/210 2%", "crs_grade=4 negated 0/12 0%"}},
		{"bare counts under an event, over the table's overall column", "Safety after CAR-T cells\n\nTable 3. Events, n (%)   Overall (n = 40)\nCytokine release syndrome   20 (50%)\n Grade 1   12\n Grade 2   8\n",
			[]string{"crs=present affirmed -", "crs_grade=1 affirmed 12/40", "crs=present affirmed -", "crs_grade=2 affirmed 8/40"}},
		{"an overall row, and a grade row of two columns without bars", "Safety after CAR-T cells\n\nCRS, n (%)\n Overall 50 (83) 40 (80)\n Grade 3-4 6 (10) 2 (4)\n",
			[]string{"crs=present affirmed 50 83%", "crs=present affirmed 40 80%", "crs=present affirmed -", "crs_grade=3 affirmed 6 10%", "crs_grade=3 affirmed 2 4%", "crs_grade=4 affirmed 6 10%", "crs_grade=4 affirmed 2 4%"}},
		{"an overall row that names something else", "Safety after CAR-T cells\n\nSixty adults received CAR-T cells.\n\nCRS, n (%)\n Overall 50 (83)\n Overall survival 12 (20)\n",
			[]string{"crs=present affirmed 50/60 83%"}},
		{"grade lines under their header, kept in one sentence", "Twenty adults received CAR-T cells.\n\nTable 2.\nICANS grade (n = 12)\n1 6/12 (50)\n2 4/12 (33.3)\n3 2/12 (16.7)\n",
			[]string{"icans_grade=1 affirmed 6/12 50%", "icans_grade=2 affirmed 4/12 33.3%", "icans_grade=3 affirmed 2/12 16.7%"}},
		{"grade lines under a header without the word grade", "Twenty adults received CAR-T cells.\n\nTable 2.\nICANS (n = 12)\n1 6/12 (50)\n2 4/12 (33.3)\n",
			nil},
		{"one grade line is no list", "Twenty adults received CAR-T cells.\n\nTable 2.\nICANS grade (n = 12)\n1 6/12 (50)\n",
			nil},
		{"grade columns without bars, a zero denying its grade", "Safety after CAR-T cells\n\nEvent  Any grade, n (%)  Grade ≥3, n (%)\nCRS 14 (70) 2 (10)\nICANS 6 (30) 0 (0)\n",
			[]string{"crs_grade=3+ affirmed 2 10%", "icans_grade=3+ negated 0 0%"}},
		{"grade columns under a header the splitter kept with its caption", "Safety after CAR-T cells\n\nTable 2. Adverse events of special interest after infusion (n = 62)\nEvent, n (%)   Any grade   Grade ≥3\nCytokine release syndrome   51 (82.3)   4 (6.5)\nICANS   19 (30.6)   7 (11.3)\n",
			[]string{"crs_grade=3+ affirmed 4/62 6.5%", "icans_grade=3+ affirmed 7/62 11.3%"}},
		{"a bare zero in a grade column denies the event at that grade", "Safety after CAR-T cells\n\nResults\nEvent  Any grade, n (%)  Grade ≥3, n (%)\nICANS 6 (30) 2 (10)\nCRS 14 (70) 0\n",
			[]string{"icans_grade=3+ affirmed 2 10%", "crs_grade=3+ negated 0"}},
		{"a header of two events", "Safety after CAR-T cells\n\nCRS and ICANS\nGrade 1   43 (37%)\n",
			nil},
		{"a sentence, not a row", "Safety after CAR-T cells\n\nCytokine release syndrome\nGrade 1 events were seen early in most of the 12 patients.\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Tag(&corpus.Document{ID: "t", Text: tt.text, Source: "t"})
			if tt.want != nil && res.Facets[strings.SplitN(tt.want[0], "=", 2)[0]] == nil {
				t.Errorf("facets %v lack the rows' event", res.Facets)
			}
			var got []string
			for _, s := range res.Sentences {
				for _, tg := range s.Tags {
					if tg.Rule != classifier.TableRowRule && tg.Rule != classifier.GradeLinesRule && tg.Rule != classifier.CellColumnRule {
						continue
					}
					got = append(got, fmt.Sprintf("%s=%s %s %s", tg.Facet, tg.Value, tg.Status, gradedIncidenceText(tg.Incidence)))
				}
			}
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("rows: %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCellRows checks rows of a table that lost its bars, each labelled by its own event:
// the first "n (p)" cell counts the event; under a header line of an any-grade column and
// grade columns each later cell counts its column's grade, and other columns (another arm
// the header names) count nothing; a sentence that goes on in words is no row.
func TestCellRows(t *testing.T) {
	c := testrules.Default(t)
	tests := []struct {
		name, text string
		want       []string // facet=value count, of every tag with a count, in order
	}{
		{"rows without bars", "Safety after CAR-T cells\n\nTable 3.\nEvent  All n (%)  Grade 3 n (%)\nCRS 14 (70) 2 (10)\nNeutropenia 9 (45) 9 (45)\nSeizure (focal or generalised) 1 (5)\n",
			[]string{"crs=present 14 70%", "adverse_event=neutropenia 9 45%"}},
		{"cells of a count and its share without brackets, a zero cell among them", "Safety after CAR-T cells\n\nTable 3 Infections Arm A Arm B Bacteraemia 6 15.0% 2 5.3% Pneumonia 0 0% 3 7.9%\n",
			[]string{"adverse_event=infection 6 15%", "adverse_event=infection 2 5.3%", "adverse_event=infection 0", "adverse_event=infection 3 7.9%"}},
		{"a zero cell first, then a cell of a count and its share", "Safety after CAR-T cells\n\nAdverse event    Arm A (n = 20)    Arm B (n = 20)\nCRS    14 (70%)    2 (10%)\nSepsis    0    2 (10%)\n",
			[]string{"crs=present 14/20 70%", "crs=present 2/20 10%", "adverse_event=infection 0/20", "adverse_event=infection 2/20 10%"}},
		{"a header of an any-grade and a grade column on the rows' own line", "Safety after CAR-T cells\n\nTable 3 Adverse events (N = 51) Event Any grade, n (%) Grade ≥3, n (%) CRS 45 (88.2) 3 (5.9) ICANS 12 (23.5) 0 Neutropenia 49 (96.1) 48 (94.1)\n",
			[]string{"crs=present 45 88.2%", "crs_grade=3+ 3 5.9%", "icans=present 12 23.5%", "icans_grade=3+ 0", "adverse_event=neutropenia 49 96.1%", "adverse_event=neutropenia 48 94.1% grade 3+"}},
		{"a header of grade columns only on the rows' own line", "Safety after CAR-T cells\n\nTable 3 Adverse events Event Grade 1-2, n (%) Grade ≥3, n (%) CRS 42 (82.4) 3 (5.9) ICANS 0 0 Neutropenia 1 (2.0) 48 (94.1)\n",
			[]string{"crs_grade=1 42 82.4%", "crs_grade=2 42 82.4%", "crs_grade=3+ 3 5.9%", "icans_grade=1 0", "icans_grade=2 0", "icans_grade=3+ 0", "adverse_event=neutropenia 1 2% grade 1-2", "adverse_event=neutropenia 48 94.1% grade 3+"}},
		{"a grade column after an any-grade column", "Safety after CAR-T cells\n\nTable 3.\nEvent  Any grade, n (%)  Grade ≥3, n (%)\nCRS 14 (70) 2 (10)\nNeutropenia 9 (45) 7 (35)\nSeizure (focal or generalised) 1 (5)\nICANS 6 (30) 0 (0)\n",
			[]string{"crs=present 14 70%", "crs_grade=3+ 2 10%", "adverse_event=neutropenia 9 45%", "adverse_event=neutropenia 7 35% grade 3+", "icans=present 6 30%", "icans_grade=3+ 0 0%"}},
		{"a word grade with its numbers in brackets", "Safety after CAR-T cells\n\nEvent Any grade n (%) Severe (grade 3-4) n (%)\nCRS 18 (60) 5 (17)\n",
			[]string{"crs=present 18 60%", "crs_grade=3 5 17%", "crs_grade=4 5 17%"}},
		{"a header of arms is no header of grades", "Safety after CAR-T cells\n\nEvent  Arm A, n (%)  Arm B, n (%)\nCRS 14 (70) 2 (10)\n",
			[]string{"crs=present 14 70%", "crs=present 2 10%"}},
		{"an any-grade and a grade column for each group", "Safety after CAR-T cells\n\nTable 2 Toxicity by dose level\nEvent\nDose 1 (n = 12)\nDose 2 (n = 18)\nAny grade\nGrade ≥3\nAny grade\nGrade ≥3\nn (%)\nCRS 9 (75.0) 1 (8.3) 15 (83.3) 2 (11.1)\n",
			[]string{"crs=present 9 75%", "crs_grade=3+ 1 8.3%", "crs=present 15 83.3%", "crs_grade=3+ 2 11.1%"}},
		{"rows run together, a label in capitals glued to its first cell", "Safety after CAR-T cells\n\nTable 2 Toxicity by dose level\nEvent\nDose 1 (n = 12)\nDose 2 (n = 18)\nAny grade\nGrade ≥3\nAny grade\nGrade ≥3\nn (%)\nCytokine release syndrome9 (75.0)1 (8.3)15 (83.3)2 (11.1)ICANS2 (16.7)0 (0)5 (27.8)2 (11.1)\n",
			[]string{"crs=present 9 75%", "icans=present 2 16.7%", "crs_grade=3+ 1 8.3%", "crs=present 15 83.3%", "crs_grade=3+ 2 11.1%", "icans_grade=3+ 0 0%", "icans=present 5 27.8%", "icans_grade=3+ 2 11.1%"}},
		{"a subgroup's label in a barred row", "Safety after CAR-T cells\n\n| Event | Arm A (N=40) | Arm B (N=38) |\n|---|---|---|\n| Patients with ICANS, n (%) | 9 (23) | 5 (13) |\n",
			[]string{"icans=present 9/40 23%", "icans=present 5/38 13%"}},
		{"columns of grades", "Safety after CAR-T cells\n\n| Event | Grade 1 | Grade 2 | Grade 3 or higher |\n|---|---|---|---|\n| CRS | 10 (25) | 5 (13) | 1 (3) |\n| Neutropenia | 2 (5) | 4 (10) | 12 (30) |\n",
			[]string{"crs_grade=1 10 25%", "crs_grade=2 5 13%", "crs_grade=3+ 1 3%", "adverse_event=neutropenia 2 5% grade 1", "adverse_event=neutropenia 4 10% grade 2", "adverse_event=neutropenia 12 30% grade 3+"}},
		{"columns of grades with their cells' label", "Safety after CAR-T cells\n\n| Event | Any grade, n (%) | Grade 3-4, n (%) | Grade 5, n (%) |\n|---|---|---|---|\n| CRS | 30 (75) | 2 (5) | 0 |\n| Neutropenia | 20 (50) | 12 (30) | 0 |\n",
			[]string{"crs=present 30 75%", "crs_grade=3 2 5%", "crs_grade=4 2 5%", "crs_grade=5 0", "adverse_event=neutropenia 20 50%", "adverse_event=neutropenia 12 30% grade 3-4", "adverse_event=neutropenia 0 grade 5"}},
		{"rows without bars take the arm sizes of the header line over them", "Safety after CAR-T cells\n\nEvent  Outpatients (n = 40)  Inpatients (n = 60)\nCRS 20 (50.0) 42 (70.0)\nNeutropenia 10 (25.0) 9 (15.0)\n",
			[]string{"crs=present 20/40 50%", "crs=present 42/60 70%", "adverse_event=neutropenia 10/40 25%", "adverse_event=neutropenia 9/60 15%"}},
		{"columns of events over rows of grades", "Safety after CAR-T cells\n\n| Grade | CRS (n = 40) | ICANS (n = 38) |\n|---|---|---|\n| Any grade | 30 (75.0) | 10 (26.3) |\n| Grade 3 | 2 (5.0) | 0 |\n",
			[]string{"crs=present 30/40 75%", "icans=present 10/38 26.3%", "crs_grade=3 2/40 5%", "icans_grade=3 0/38"}},
		{"columns of adverse events over rows of grades", "Safety after CAR-T cells\n\n| | Neutropenia | Anaemia |\n|---|---|---|\n| Any grade | 20 (50) | 8 (20) |\n| Grade 3-4 | 12 (30) | 2 (5) |\n",
			[]string{"adverse_event=neutropenia 20 50%", "adverse_event=anemia 8 20%", "adverse_event=neutropenia 12 30% grade 3-4", "adverse_event=anemia 2 5% grade 3-4"}},
		{"bare counts in event columns over rows of grades", "Safety after CAR-T cells\n\nWe treated 20 adults.\n\n| | CRS | ICANS |\n|---|---|---|\n| Grade 1 | 12 | 3 |\n| Grade 2 | 4 | 0 |\n",
			[]string{"crs_grade=1 12/20", "icans_grade=1 3/20", "crs_grade=2 4/20", "icans_grade=2 0/20"}},
		{"bare grades under a header whose first cell is the grade", "Safety after CAR-T cells\n\nWe treated 20 adults.\n\n| Grade | CRS | ICANS |\n|---|---|---|\n| 1 | 12 | 3 |\n| ≥3 | 1 | 0 |\n",
			[]string{"crs_grade=1 12/20", "icans_grade=1 3/20", "crs_grade=3+ 1/20", "icans_grade=3+ 0/20"}},
		{"a bare number under another first cell is no grade", "Safety after CAR-T cells\n\nWe treated 20 adults.\n\n| Cohort | CRS | ICANS |\n|---|---|---|\n| 1 | 12 | 3 |\n",
			[]string{}},
		{"a size in one event column's header is that column's alone", "Safety after CAR-T cells\n\n| | CRS | ICANS (n = 40) |\n|---|---|---|\n| Any grade | 30 (75.0) | 10 (25.0) |\n",
			[]string{"crs=present 30 75%", "icans=present 10/40 25%"}},
		{"a grade row that leaves its last cells out", "Safety after CAR-T cells\n\n| Grade | CRS (n = 40) | ICANS (n = 40) |\n|---|---|---|\n| Grade 1 | 20 (50.0) |\n",
			[]string{"crs_grade=1 20/40 50%"}},
		{"a header cell of a size alone is a count", "Safety after CAR-T cells\n\n| CRS | n = 12 | n = 10 |\n",
			[]string{"crs=present 12", "crs=present 10"}},
		{"columns of one event are arms, not events", "Safety after CAR-T cells\n\n| | CRS, arm A (n = 40) | CRS, arm B (n = 38) |\n|---|---|---|\n| Any grade | 30 (75.0) | 10 (26.3) |\n",
			[]string{"crs=present 30/40 75%", "crs=present 10/38 26.3%"}},
		{"arm sizes written with thousands separators", "Safety after the new drug\n\n| Event | Drug (n = 1,204) | Placebo (n = 1,198) |\n|---|---|---|\n| Neutropenia | 36 (3.0) | 12 (1.0) |\n",
			[]string{"adverse_event=neutropenia 36/1204 3%", "adverse_event=neutropenia 12/1198 1%"}},
		{"cells whose counts carry thousands separators", "Safety after the new drug\n\n| Event | Drug (n = 1,204) | Placebo (n = 1,198) |\n|---|---|---|\n| Neutropenia | 1,036 (86.0) | 12 (1.0) |\n",
			[]string{"adverse_event=neutropenia 1036/1204 86%", "adverse_event=neutropenia 12/1198 1%"}},
		{"a sentence between the header and the rows ends the table", "Safety after CAR-T cells\n\nEvent  Outpatients (n = 40)  Inpatients (n = 60)\nThe rows below were counted by the sponsor.\nCRS 20 (50.0) 42 (70.0)\n",
			[]string{"crs=present 20 50%", "crs=present 42 70%"}},
		{"arm sizes that the shares are not of give no whole", "Safety after CAR-T cells\n\n| Event | Arm A (n = 50) | Arm B (n = 30) |\n|---|---|---|\n| CRS | 10 (25) | 5 (13) |\n",
			[]string{"crs=present 10 25%", "crs=present 5 13%"}},
		{"columns of arms", "Safety after CAR-T cells\n\n| Event | Arm A | Arm B |\n|---|---|---|\n| CRS | 10 (25) | 5 (13) |\n",
			[]string{"crs=present 10 25%", "crs=present 5 13%"}},
		{"a section headed by a grade", "Safety after CAR-T cells\n\n| Event | Arm A | Arm B |\n|---|---|---|\n| Any adverse event | 40 (100) | 38 (95) |\n| Grade 3 or higher adverse events | | |\n| Neutropenia | 20 (50) | 18 (45) |\n| CRS | 3 (8) | 0 |\n",
			[]string{"adverse_event=neutropenia 20 50%", "adverse_event=neutropenia 18 45%", "crs_grade=3+ 3 8%", "crs_grade=3+ 0"}},
		{"a section without a grade", "Safety after CAR-T cells\n\n| Event | Arm A | Arm B |\n|---|---|---|\n| Grade 3 or higher adverse events | | |\n| Neutropenia | 20 (50) | 18 (45) |\n| Events of special interest | | |\n| CRS | 3 (8) | 0 |\n",
			[]string{"adverse_event=neutropenia 20 50%", "adverse_event=neutropenia 18 45%", "crs=present 3 8%", "crs=present 0"}},
		{"a row that counts a consequence", "Safety after CAR-T cells\n\n| Event | Arm A | Arm B |\n|---|---|---|\n| Patients with ICANS | 9 (23) | 5 (13) |\n| Treatment discontinuation due to ICANS | 2 (5) | 0 |\n",
			[]string{"icans=present 9 23%", "icans=present 5 13%"}},
		{"a sentence is no row", "Safety after CAR-T cells\n\nCRS followed the infusion in 14 (70) and neutropenia in 9 (45) of them at the second dose.\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Tag(&corpus.Document{ID: "t", Text: tt.text, Source: "t"})
			var got []string
			for _, s := range res.Sentences {
				for _, tg := range s.Tags {
					if tg.Incidence != nil {
						got = append(got, fmt.Sprintf("%s=%s %s", tg.Facet, tg.Value, gradedIncidenceText(tg.Incidence)))
					}
				}
			}
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("counts: %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCellRowsGroups checks that under a header that repeats its columns for each group
// ("Any grade   Grade ≥3" for dose 1, then for dose 2) each count carries its group's place
// as its arm.
func TestCellRowsGroups(t *testing.T) {
	res := tagText(t, "Safety after CAR-T cells\n\nTable 2 Toxicity by dose level\nEvent\nDose 1 (n = 12)\nDose 2 (n = 18)\nAny grade\nGrade ≥3\nAny grade\nGrade ≥3\nn (%)\nCRS 9 (75.0) 1 (8.3) 15 (83.3) 2 (11.1)\n")
	var got []string
	for _, tg := range allTags(res) {
		if tg.Incidence != nil {
			got = append(got, fmt.Sprintf("%s=%s %d arm %d", tg.Facet, tg.Value, *tg.Incidence.N, tg.Incidence.Arm))
		}
	}
	want := []string{"crs=present 9 arm 1", "crs_grade=3+ 1 arm 1", "crs=present 15 arm 2", "crs_grade=3+ 2 arm 2"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("counts: %q, want %q", got, want)
	}
}
