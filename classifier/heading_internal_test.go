package classifier

import (
	"strings"
	"testing"

	"github.com/trialtag/trialtag/corpus"
)

// TestHeadingsOver checks which heading each sentence stands under, as the rules' heading
// condition reads it: labels the splitter takes out, topic heading lines, inline labels, and
// that the next heading ends the one before.
func TestHeadingsOver(t *testing.T) {
	c := internalClassifier(t)
	for _, tc := range []struct {
		name string
		text string
		// want holds, for each sentence that starts with one of its keys, whether it stands
		// under a heading that names harms
		want map[string]bool
	}{
		{"pmc label and the next label", "BODY.RESULTS.SAFETY:\nAll 40 adults were seen weekly. Pneumonia arose in 3.\n\nBODY.DISCUSSION:\nOur rate was low.",
			map[string]bool{"All 40": true, "Pneumonia": true, "Our rate": false}},
		{"topic heading over two paragraphs", "Safety and tolerability\nAll 40 adults were seen weekly.\n\nPneumonia arose in 3 of them.\n\nEfficacy\nThe response rate was 50%.",
			map[string]bool{"Safety": false, "All 40": true, "Pneumonia": true, "Efficacy": true, "The response": false}},
		{"inline label ends it", "Safety\nAll 40 adults were seen weekly.\n\nResults: Pneumonia arose in 3 of them.",
			map[string]bool{"All 40": true, "Pneumonia": false}},
		{"no heading", "All 40 adults were seen weekly. Pneumonia arose in 3.",
			map[string]bool{"All 40": false, "Pneumonia": false}},
		{"a heading of no harm", "BODY.RESULTS.EFFICACY:\nPneumonia cleared in 30 of 40.",
			map[string]bool{"Pneumonia": false}},
		{"a kept line that reads as a heading ends it", "Adverse events\nAll 40 adults were seen weekly.\n\nEfficacy at 12 months\nPneumonia cleared in 30 of 40.",
			map[string]bool{"All 40": true, "Efficacy": true, "Pneumonia": false}},
		{"a caption ends it", "BODY.RESULTS.SAFETY:\nAll 40 adults were seen weekly.\n\nTable 1 Baseline characteristics of the 40 adults\nAnaemia   12 (30)   9 (22)",
			map[string]bool{"All 40": true, "Table 1": true, "Anaemia": false}},
		{"a caption of harms opens one", "BODY.RESULTS:\nAll 40 adults were seen weekly.\n\nTable 3 Adverse events by arm\nPneumonia   3 (8)   2 (5)",
			map[string]bool{"All 40": false, "Pneumonia": true}},
		{"rows, bullets and counts end nothing", "Safety\nThe events were as follows.\n\n- Pneumonia\n\nSepsis   2 (5)   1 (3)\n\nPneumonia in 3 of 40 adults\n\nAll 40 adults recovered.",
			map[string]bool{"- Pneumonia": true, "Sepsis": true, "Pneumonia in": true, "All 40": true}},
		{"a caption's table lines end nothing", "BODY.RESULTS:\nAll 40 adults were seen weekly.\n\nTable 3 Adverse events (N = 40)\nEvent\nAny grade\nHematologic\nAnaemia\n12 (30)\nThe events were mild.",
			map[string]bool{"Event": true, "Hematologic": true, "Anaemia": true, "The events": false}},
		{"after its table, the heading before a caption holds again", "BODY.RESULTS.SAFETY:\nAll 40 adults were seen weekly.\n\nTable 4 Laboratory values at week 12\nTest   Drug   Placebo\nALT   30   28\n\nPneumonia arose in 2 of the 40 adults.",
			map[string]bool{"Test": false, "ALT": false, "Pneumonia": true}},
		{"a figure's caption and prose that names a table head nothing", "Safety\nAll 40 adults were seen weekly.\n\nFigure 2 Time to the first infection by arm\n\nTable 3 lists the events by arm.\n\nPneumonia arose in 2 of the 40 adults.",
			map[string]bool{"Figure": true, "Table 3": true, "Pneumonia": true}},
		{"lone cells, notes and unfinished sentences end nothing", "Safety\nAll 40 adults were seen weekly.\n\n43 (6.0)\n\nNS\n\nSee table 2\n\nThe median follow-up was 24 months\nPneumonia arose in 2 of the 40 adults.\n\nDizziness   3   2\n\nSepsis arose in 1 of the 40 adults.",
			map[string]bool{"NS": true, "See": true, "The median": true, "Pneumonia": true, "Sepsis": true}},
		{"a sub-heading over a table ends it", "Safety\nAll 40 adults were seen weekly.\n\nEfficacy at 12 months\nCure   30 (75)   20 (50)",
			map[string]bool{"Efficacy": true, "Cure": false}},
		{"only a pmc label's last part counts", "BODY.RESULTS.EFFICACY OUTCOMES.SAFETY:\nPneumonia arose in 2 of the 40 adults.\n\nBODY.SAFETY.EFFICACY:\nCure came in 30 of the 40 adults.",
			map[string]bool{"Pneumonia": true, "Cure": false}},
		{"a Markdown heading", "We gave drug X to 90 adults.\n\n## Safety\n\nThe 90 adults took every dose. Pneumonia arose in 4.\n\n### Efficacy\n\nThe ulcer healed in 30.",
			map[string]bool{"We gave": false, "The 90": true, "Pneumonia": true, "The ulcer": false}},
		{"pmc labels with a trailing dot or a leaf of no known words", "BODY.RESULTS.SAFETY.:\nPneumonia arose in 2.\n\nBODY.RESULTS.SAFETY.DEATHS:\nSepsis arose in 1.\n\nBODY.RESULTS.SAFETY AT 0.5 MG/KG:\nFever arose in 3.",
			map[string]bool{"Pneumonia": true, "Sepsis": true, "Fever": true}},
		{"a flattened table with blank lines keeps its caption and the heading before it", "BODY.RESULTS.SAFETY:\nAll 40 adults were seen weekly.\n\nTable 4Medical history of the 40 adults\n\nCondition\nDrug\nPlacebo\n\nPneumonia\n4 (20)\n3 (15)\n\nThe events that followed were mild.",
			map[string]bool{"Condition": false, "Drug": false, "Placebo": false, "Pneumonia": false, "The events": true}},
		{"one-cell-per-line header cells head nothing", "BODY.RESULTS.ADVERSE EVENTS:\nAll 60 men took every dose and were seen weekly.\n\nEvent\nDrug\nPlacebo\nn = 30\nn = 30\nChronic GVHD 2 (7) 1 (3)\n\nIn the last month, anaemia arose in 3 of the 60 men.",
			map[string]bool{"Drug": true, "Placebo": true, "Chronic": true, "In the last": true}},
		{"a footnote or a cell that opens with # is no heading", "BODY.RESULTS.SAFETY:\nAll 60 men took every dose.\n\nTable 3 Events by arm\nEvent   Drug (n = 30)   Placebo (n = 30)\nPneumonia#   2 (7)   1 (3)\n# Participants\n\n# Patient with pneumonia at entry.\n\nIn the last month, anaemia arose in 3 of the 60 men.",
			map[string]bool{"In the last": true}},
		{"a neutral group label gives its rows back", "Safety\nAll 60 men were seen weekly.\n\nEvent   Drug   Placebo\nPneumonia   2 (7)   1 (3)\nHematologic\nAnaemia   3 (10)   1 (3)",
			map[string]bool{"Hematologic": true, "Anaemia": true}},
		{"prose that names a table is no caption", "Safety\nAll 60 men were seen weekly.\n\nTable 3 in the appendix lists the laboratory values.\nChronic GVHD   2 (7)   1 (3)",
			map[string]bool{"Chronic": true}},
		{"a heading between two tables ends the first", "Efficacy\nAll 60 men were seen weekly.\n\nTable 2 Healing by arm\nHealed   30 (50)   20 (33)\n\nSafety\n\nTable 3 Laboratory values by arm\nALT   30   28\n\nPneumonia arose in 3 of the 60 men.",
			map[string]bool{"Healed": false, "Safety": false, "Pneumonia": true}},
		{"a label over a repeated header line heads its group only", "BODY.RESULTS.SAFETY:\nAll 60 men took every dose.\n\nTable 3 Adverse events by arm\nEvent   Drug   Placebo\nPneumonia   2 (7)   1 (3)\nWeek 12\nEvent   Drug (n = 28)   Placebo (n = 29)\nSepsis   1 (4)   0 (0)\n\nIn the last month, anaemia arose in 3 of the 60 men.",
			map[string]bool{"Week 12": true, "Sepsis": true, "In the last": true}},
		{"a Markdown heading with no blank line before it", "We gave drug X to 60 men.\n## Safety\nThe 60 men were seen monthly. Pneumonia arose in 3 of the 60 men.\n| Event | Drug | Placebo |\n## Efficacy at week 12:\nPneumonia was present in 10 of the 60 men at week 12.",
			map[string]bool{"We gave": false, "The 60": true, "Pneumonia arose": true, "Pneumonia was": false}},
		{"header cells one per line right over a row", "BODY.RESULTS.SAFETY:\nAll 60 men took every dose.\n\nEvent\nDrug\nPlacebo\nChronic GVHD 2 (7) 1 (3)\n\nIn the last month, anaemia arose in 3 of the 60 men.",
			map[string]bool{"Drug": true, "Placebo": true, "Chronic": true, "In the last": true}},
		{"a deeper Markdown heading is a part of the section above it", "We gave drug X to 60 men.\n\n## Safety\n\nThe 60 men were seen monthly.\n\n### Infections\n\nPneumonia arose in 3 of the 60 men.\n\n### Week 12\n\nSepsis arose in 1 of the 60 men.\n\n## Efficacy\n\nThe ulcer healed in 40 of the 60 men.\n\n### Infections\n\nPneumonia was cured in 20 of the 60 men.",
			map[string]bool{"We gave": false, "The 60": true, "Pneumonia arose": true, "Sepsis": true, "The ulcer": false, "Pneumonia was": false}},
		{"the title is no heading", "# Safety of drug X in men\n\nWe enrolled 60 men. Pneumonia arose in 3 of them.",
			map[string]bool{"We enrolled": false, "Pneumonia": false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.text
			if !strings.HasPrefix(text, "# ") {
				text = "A trial report\n\n" + text // a title line, as files have
			}
			doc := corpus.TextDocument("t", text)
			_, rn := c.tagDocument(doc, c.sp.SplitDocument(doc))
			heads := c.headingsOver(rn)
			seen := map[string]bool{}
			for i, st := range rn.states {
				for prefix, want := range tc.want {
					if !strings.HasPrefix(st.sent.Text, prefix) {
						continue
					}
					seen[prefix] = true
					// a heading of harms as adverse_event.under_harm_heading reads one: it names
					// harms and no other end ("### Efficacy" under "## Safety" names both)
					h := heads[i]
					if got := h != nil && (h.classes["adverse_event.harm_heading"] || h.classes["adverse_event.generic"]) && !h.classes["adverse_event.not_harm_heading"]; got != want {
						t.Errorf("%q under a heading of harms = %v, want %v", st.sent.Text, got, want)
					}
				}
			}
			for prefix := range tc.want {
				if !seen[prefix] {
					t.Errorf("no sentence starts with %q in %q", prefix, tc.text)
				}
			}
		})
	}
}

// TestLastLine checks the heading line found between two sentences.
func TestLastLine(t *testing.T) {
	for _, tc := range []struct {
		gap, want string
	}{
		{"\n\nBODY.RESULTS.SAFETY:\n", "BODY.RESULTS.SAFETY:"},
		{"\nABSTRACT.RESULTS:\n\nBODY.SAFETY:\n  ", "BODY.SAFETY:"},
		{" Results: ", "Results:"},
		{"\n\n  \n", ""},
		{"\n•\n", ""}, // a bullet holds no letter
		{"", ""},
	} {
		text := "One. " + tc.gap + "Two."
		got, ok := lastLine(text, len("One. "), len(text)-len("Two."))
		if !ok && tc.want != "" || ok && got.Text != tc.want || ok && text[got.Start:got.End] != got.Text {
			t.Errorf("lastLine(%q) = %q, %v; want %q", tc.gap, got.Text, ok, tc.want)
		}
	}
}
