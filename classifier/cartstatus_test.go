package classifier_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// cartStatusHeadings are the heading lines that put a sentence of cart_status.tsv in its
// section ("" for a title or a registry record, which the document says otherwise).
var cartStatusHeadings = map[string]string{
	"title": "", "registry": "",
	"abstract-background": "Background", "abstract-methods": "Methods", "abstract-results": "Results",
	"abstract-conclusions": "Conclusions", "introduction": "Introduction", "methods": "Methods",
	"results": "Results", "discussion": "Discussion", "keywords": "",
}

// scoreStatusSentences gives the status of each row's target in an own status set (section,
// sentence, target, status): the sentence stands under its section's heading in a
// publication with the given title (a title row is the title; a "registry…" row is a
// registry record). Even rows are the tuning half, odd rows the held-out one.
func scoreStatusSentences(t *testing.T, name, title string) map[string]*statusScore {
	t.Helper()
	c := testrules.Default(t)
	scores := map[string]*statusScore{
		"tune":     {confusion: map[[2]string]int{}},
		"held out": {confusion: map[[2]string]int{}},
	}
	row := 0
	for _, tr := range readTSV(t, name, 4, "section, sentence, target and status") {
		line, cols := tr.line, tr.cols
		section, sentence, target, want := cols[0], cols[1], cols[2], cols[3]
		registry := strings.HasPrefix(section, "registry")
		heading, ok := cartStatusHeadings[section]
		if !ok && !registry {
			t.Fatalf("%s:%d: unknown section %q", name, line, section)
		}
		doc := &corpus.Document{ID: "s", Source: "s", Title: title}
		switch {
		case section == "title":
			doc.Text, doc.TitleEnd = sentence, len(sentence)
		case registry:
			doc.Text, doc.Kind = title+"\n"+sentence, corpus.KindRegistry
			doc.TitleEnd = len(title)
		default:
			doc.Text, doc.TitleEnd = title+"\n"+heading+"\n"+sentence, len(title)
		}
		if !strings.Contains(sentence, target) {
			t.Fatalf("%s:%d: target %q is not in its sentence", name, line, target)
		}
		at := strings.Index(doc.Text, sentence) + strings.Index(sentence, target)
		got := "none"
		res, err := c.StatusAt(doc, at, at+len(target))
		switch {
		case err == nil:
			got = res.Status
		case !errors.Is(err, classifier.ErrTargetNotFound):
			t.Fatalf("%s:%d: %v", name, line, err)
		}
		half := "tune"
		if row%2 == 1 {
			half = "held out"
		}
		row++
		scores[half].add(fmt.Sprintf("%s:%d", name, line), target, want, got, res.Rule+" "+res.Cue)
		if got != want && testing.Verbose() && half == "tune" {
			t.Logf("%s:%d %s %q: want %s, got %s (%s %s): %s", name, line, section, target, want, got, res.Rule, res.Cue, sentence)
		}
	}
	return scores
}

// checkStatusFloors logs each half's accuracy and fails under its floor.
func checkStatusFloors(t *testing.T, scores map[string]*statusScore, floors map[string]float64) {
	t.Helper()
	for _, half := range []string{"tune", "held out"} {
		acc := scores[half].accuracy()
		t.Logf("%s: %d sentences, accuracy %.3f", half, scores[half].n, acc)
		if acc < floors[half] {
			t.Errorf("%s: accuracy %.3f under the floor %.2f", half, acc, floors[half])
		}
	}
}

// TestCarTStatusSecondBatch measures the status on a second batch of own CAR-T sentences
// (testdata/status/cart_status2.tsv), written and labelled before any rule was run on them:
// its first-contact figures are the floors' first record. Even rows tuned on, odd rows held
// out, read as figures only.
func TestCarTStatusSecondBatch(t *testing.T) {
	scores := scoreStatusSentences(t, "status/cart_status2.tsv", "A report on CAR-T cells")
	// First contact (2026-12-03, sixth sitting): tune 0.900, held out 0.900; the two tune
	// misses are a table's "grading criteria for CRS" in a review's introduction and "larger
	// studies are needed" (future research, which the rules read as a plan), left as they are.
	floors := map[string]float64{"tune": 0.9, "held out": 0.95} // thirty-second sitting, a registry line without a verb is a criterion, not history: held out 0.900 -> 0.950
	checkStatusFloors(t, scores, floors)
}

// TestCarTStatusThirdBatch measures the status on a third batch of own CAR-T sentences
// (testdata/status/cart_status3.tsv), written by a helper blind to the rules and labelled
// before any rule was run on them. Even rows tuned on, odd rows held out, read as figures only.
func TestCarTStatusThirdBatch(t *testing.T) {
	scores := scoreStatusSentences(t, "status/cart_status3.tsv", "A report on CAR-T cells")
	// First contact (2026-12-04, twelfth sitting): tune 0.875, held out 0.900. Sixteenth
	// sitting, "Before enrolment, …" reaches past "had been treated with": tune 0.925; a
	// definition set off by a comma reaches forward only (cue.hypothetical.definition_appositive): 0.950.
	// Nineteenth sitting, "more often" no knowledge cue: held out 0.900 -> 0.925. Twentieth,
	// "no patient received …" an observed denial (signal.observed.none_had): tune 0.975.
	// Twenty-second, "we did not observe", "our single case of" own denials and cases in a
	// Discussion: held out 0.925 -> 0.950. Twenty-ninth, "as of the data cut-off" the own
	// study's data (signal.observed.data_cutoff): held out 0.975. Thirty-fourth, "than in
	// …" a comparison that opens a clause (cue.terminator.agreement): held out 1.000.
	floors := map[string]float64{"tune": 0.99, "held out": 0.99}
	checkStatusFloors(t, scores, floors)
}

// TestCarTStatusFourthBatch measures the status on a fourth batch of own CAR-T and
// bispecific sentences (testdata/status/cart_status4.tsv), written by a helper blind to the
// rules and labelled before any rule was run on them, more than a quarter of them boundary
// cases (knowledge or a consent risk, a cited result beside an own one). Even rows tuned on,
// odd rows held out, read as figures only.
func TestCarTStatusFourthBatch(t *testing.T) {
	scores := scoreStatusSentences(t, "status/cart_status4.tsv", "A report on CAR-T cells")
	// First contact (2026-12-04, seventeenth sitting, the rules of b4f0a49): tune 0.833, held
	// out 0.867. Tuned on: "[21,22]" a reference marker, "in our lupus cohort" the own study:
	// tune 0.850; "here we asked whether" an aim: 0.867; "no participant has needed" and "no
	// patient was withdrawn" observed denials: 0.900; "had been complicated by" a history
	// (2026-12-05): 0.917; "in a pilot study" another study's frame: 0.933. Twenty-third
	// sitting, "no new safety signals" denies nothing and "our … cohort" is the own study:
	// held out 0.867 -> 0.883. Twenty-ninth, "as of the data cut-off": held out 0.900; "we
	// designed this study to" an aim: 0.917. Thirty-first, a condition ("if") yields to a
	// generic context alone (cue.hypothetical.conditional): 0.933. Thirty-seventh, ", most
	// often …" an observed breakdown, not knowledge: 0.950.
	floors := map[string]float64{"tune": 0.96, "held out": 0.945}
	checkStatusFloors(t, scores, floors)
}

// TestCarTStatusSentences measures the status of CAR-T toxicity terms in own sentences of
// every section of a publication and of registry records (testdata/status/cart_status.tsv),
// in a document whose title names CAR-T cells. Even rows were tuned on; odd rows are held
// out, read as figures only.
func TestCarTStatusSentences(t *testing.T) {
	scores := scoreStatusSentences(t, "status/cart_status.tsv", "A report on CAR-T cells")
	// Floors just under the figures of 2026-12-02: before any rule was tuned on the set
	// (tune 0.912, held out 0.850; with the rules of the session's start 0.900 and 0.850),
	// then with the rules for its tune half (tune 0.950, held out 0.838).
	// Then (2026-12-02, a reference marker speaks for its clause) tune 0.963, held out 0.863;
	// a denied subject denies what follows its verb: held out 0.875. Seventh session
	// ("whereas" holds a generic cue to its clause; monitoring yields to a negation): tune
	// 0.975, held out 0.887. Twenty-second sitting ("we did not observe", "our single case
	// of" the report's own in a Discussion): held out 0.925 (80 rows). Twenty-third ("if
	// you …", "tell your doctor" speak to a leaflet's reader): held out 0.938. Twenty-fourth
	// ("patients treated with …" is inside the clause a reference marker cites): 0.950.
	// Twenty-ninth ("infections remained the main cause of …" is a result): 0.963.
	floors := map[string]float64{"tune": 0.97, "held out": 0.96}
	checkStatusFloors(t, scores, floors)
}

// TestRCTStatusSentences measures the status of outcome terms in own sentences of every
// section of ordinary trial publications and registry records
// (testdata/status/rct_status.tsv). Even rows are tuned on; odd rows are held out, read as
// figures only.
func TestRCTStatusSentences(t *testing.T) {
	scores := scoreStatusSentences(t, "status/rct_status.tsv", "A randomised trial of two treatments")
	// Floors under the figures of 2026-12-02, before any rule was tuned on the set: tune
	// 0.908, held out 0.892; after the rules of that session tune 0.942, held out 0.892.
	// A registry's clause without a plan word is knowledge: tune 0.950, held out 0.908.
	// Seventh session (own signals "of this trial", "during … this trial"): tune 0.967.
	floors := map[string]float64{"tune": 0.97, "held out": 0.93} // nineteenth sitting, a registry outcome measure's "[Time Frame: …]": held out 0.908 -> 0.917; twenty-second, "than in …" ends a backward cue and "our rate", "our … cases" are the report's own: 0.925; thirty-second, a registry line without a verb is a criterion: 0.933
	checkStatusFloors(t, scores, floors)
}

// paraTarget is one target of a sentence of a paragraph of para_status.tsv.
type paraTarget struct {
	line           int
	sentence       int // index into its paragraph's sentences
	target, status string
}

// TestParagraphStatusSentences measures the status of outcome terms in own paragraphs read
// as whole texts (testdata/status/para_status.tsv): abstracts without headings, whose opening
// is their background, and registry records. Paragraphs with an even number are tuned on;
// odd ones are held out, read as figures only.
func TestParagraphStatusSentences(t *testing.T) {
	c := testrules.Default(t)
	type para struct {
		kind      string
		sentences []string
		targets   []paraTarget
	}
	paras := map[string]*para{}
	var order []string
	for _, tr := range readTSV(t, "status/para_status.tsv", 5, "kind, paragraph, sentence, target and status") {
		line, cols := tr.line, tr.cols
		p := paras[cols[1]]
		if p == nil {
			p = &para{kind: cols[0]}
			paras[cols[1]] = p
			order = append(order, cols[1])
		}
		if n := len(p.sentences); n == 0 || p.sentences[n-1] != cols[2] {
			p.sentences = append(p.sentences, cols[2])
		}
		if cols[3] != "-" {
			if !strings.Contains(cols[2], cols[3]) {
				t.Fatalf("para_status.tsv:%d: target %q is not in its sentence", line, cols[3])
			}
			p.targets = append(p.targets, paraTarget{line: line, sentence: len(p.sentences) - 1, target: cols[3], status: cols[4]})
		}
	}
	scores := map[string]*statusScore{
		"tune":     {confusion: map[[2]string]int{}},
		"held out": {confusion: map[[2]string]int{}},
	}
	for _, id := range order {
		p := paras[id]
		const title = "A clinical study"
		doc := &corpus.Document{ID: id, Source: id, Title: title, TitleEnd: len(title)}
		switch p.kind {
		case "registry":
			doc.Kind = corpus.KindRegistry
		case "abstract":
		default:
			t.Fatalf("para_status.tsv: paragraph %s: unknown kind %q", id, p.kind)
		}
		starts := make([]int, len(p.sentences))
		text := title + "\n"
		for i, s := range p.sentences {
			if i > 0 {
				text += " "
			}
			starts[i] = len(text)
			text += s
		}
		doc.Text = text
		n, err := strconv.Atoi(id[1:])
		if err != nil {
			t.Fatalf("para_status.tsv: paragraph id %q is no letter and number", id)
		}
		half := "tune"
		if n%2 == 1 {
			half = "held out"
		}
		for _, tg := range p.targets {
			at := starts[tg.sentence] + strings.Index(p.sentences[tg.sentence], tg.target)
			got := "none"
			res, err := c.StatusAt(doc, at, at+len(tg.target))
			switch {
			case err == nil:
				got = res.Status
			case !errors.Is(err, classifier.ErrTargetNotFound):
				t.Fatalf("para_status.tsv:%d: %v", tg.line, err)
			}
			scores[half].add(fmt.Sprintf("para_status.tsv:%d", tg.line), tg.target, tg.status, got, res.Rule+" "+res.Cue)
			if got != tg.status && testing.Verbose() && half == "tune" {
				t.Logf("para_status.tsv:%d %s %s %q: want %s, got %s (%s %s): %s", tg.line, p.kind, id, tg.target, tg.status, got, res.Rule, res.Cue, p.sentences[tg.sentence])
			}
		}
	}
	// Measured on 2026-12-02 before any rule was tuned on the set: tune 0.833, held out 0.852.
	// A registry record's posted Results are no plan (except_sections): tune 0.846; a cue
	// word in a code name ("IF-3") is none: 0.859; "reported most often" ranks results: 0.872;
	// "did not prevent", "did not respond to" deny no event, "had been treated for" is history:
	// tune 0.891, held out 0.858; "reserved for", "so that", "were solicited" plan: tune 0.910.
	// A registry's clause without a plan word is knowledge, "participants" and "this
	// single-arm study" end an opening: tune 0.968, held out 0.852. Sixth session (reference
	// markers speak for their whole clause, knowledge reaches the end of its list): held out
	// 0.858, tune 0.968. Ninth session ("in conclusion," sums up the study's own findings,
	// "without increasing" denies no event): held out 0.864. Tenth ("was graded" with a count
	// is a result): held out 0.870. Sixth sitting (a bracket is an aside a backward cue's
	// reach does not count): held out 0.877. Seventh sitting ("premedication" a prevention): tune 0.987.
	// Twentieth sitting ("no patient developed …" an observed denial): held out 0.883.
	// Twenty-sixth sitting (a list after a possibility is the possibility's): held out 0.889.
	// Forty-fifth sitting (the methods of an abstract without headings, section.unheaded_methods):
	// held out 0.901.
	floors := map[string]float64{"tune": 0.98, "held out": 0.895}
	checkStatusFloors(t, scores, floors)
}
