package classifier_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/shareddata"
	"github.com/trialtag/trialtag/internal/testrules"
)

// statusItem is one labelled sentence of testdata/status (see its GUIDELINES.md): a
// reference to the sentence in the shared data, the target phrase and its status.
type statusItem struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Record string `json:"record"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	SHA256 string `json:"sha256"`
	Target string `json:"target"`
	Status string `json:"status"`
	Split  string `json:"split"`
}

// statusScore is the outcome of a status set: accuracy and a confusion matrix.
type statusScore struct {
	n, right  int
	confusion map[[2]string]int // {gold, got} → count
	misses    []string
}

func (s *statusScore) add(id, target, gold, got, cue string) {
	s.n++
	if gold == got {
		s.right++
	} else {
		s.misses = append(s.misses, fmt.Sprintf("%s %q: gold %s, got %s (%s)", id, target, gold, got, cue))
	}
	s.confusion[[2]string{gold, got}]++
}

func (s *statusScore) accuracy() float64 {
	if s.n == 0 {
		return 0
	}
	return float64(s.right) / float64(s.n)
}

// f1 is the F1 of one status.
func (s *statusScore) f1(status string) float64 {
	var tp, fp, fn int
	for k, n := range s.confusion {
		switch {
		case k[0] == status && k[1] == status:
			tp += n
		case k[1] == status:
			fp += n
		case k[0] == status:
			fn += n
		}
	}
	if tp == 0 {
		return 0
	}
	p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	return 2 * p * r / (p + r)
}

// facetAccuracy is the accuracy as the outcome facets read a status: affirmed counts,
// negated gives "absent", and hypothetical and generic alike (and a target not found) reach
// no outcome facet, so a confusion between those two is no error here.
func (s *statusScore) facetAccuracy() float64 {
	effect := func(status string) string {
		if status == classifier.Affirmed || status == classifier.Negated {
			return status
		}
		return "none"
	}
	right := 0
	for k, n := range s.confusion {
		if effect(k[0]) == effect(k[1]) {
			right += n
		}
	}
	if s.n == 0 {
		return 0
	}
	return float64(right) / float64(s.n)
}

func (s *statusScore) String() string {
	statuses := classifier.Statuses()
	var b strings.Builder
	fmt.Fprintf(&b, "%d sentences, accuracy %.3f (as the outcome facets read it %.3f);", s.n, s.accuracy(), s.facetAccuracy())
	for _, st := range statuses {
		fmt.Fprintf(&b, " %s F1 %.3f", st, s.f1(st))
	}
	b.WriteString("\n  gold \\ got   ")
	for _, st := range statuses {
		fmt.Fprintf(&b, "%13s", st)
	}
	for _, g := range statuses {
		fmt.Fprintf(&b, "\n  %-12s ", g)
		for _, st := range statuses {
			fmt.Fprintf(&b, "%13d", s.confusion[[2]string{g, st}])
		}
	}
	return b.String()
}

// scoreStatusSet gives the status of every target of testdata/status in its document, as
// Classifier.StatusAt decides it, and scores each split. It skips when the shared data is
// absent.
func scoreStatusSet(t *testing.T) map[string]*statusScore {
	t.Helper()
	data := shareddata.Dir(t)
	f, err := os.Open("../testdata/status/sentences.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var items []statusItem
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var it statusItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			t.Fatalf("sentences.jsonl:%d: %v", n, err)
		}
		items = append(items, it)
	}
	// Each source read once; the texts as the records hold them (titles outside), as the
	// offsets were taken.
	docs := map[string]*corpus.Document{}
	load := func(source, record string) *corpus.Document {
		key := source + "#" + record
		if d, ok := docs[key]; ok {
			return d
		}
		for d, err := range corpus.Load(context.Background(), []string{filepath.Join(data, filepath.FromSlash(source))}, corpus.Options{TitleOutsideText: true}) {
			if err != nil {
				continue
			}
			k := source + "#"
			if record != "" {
				k += d.ID
			}
			docs[k] = d
		}
		return docs[key]
	}
	c := testrules.Default(t)
	scores := map[string]*statusScore{}
	for _, it := range items {
		doc := load(it.Source, it.Record)
		if doc == nil || it.End > len(doc.Text) || corpus.TextSHA256(doc.Text[it.Start:it.End]) != it.SHA256 {
			t.Fatalf("%s: the sentence at %s#%s [%d:%d] is not in the shared data as labelled", it.ID, it.Source, it.Record, it.Start, it.End)
		}
		sent := doc.Text[it.Start:it.End]
		i := strings.Index(strings.ToLower(sent), strings.ToLower(it.Target))
		if i < 0 {
			t.Fatalf("%s: target %q is not in its sentence", it.ID, it.Target)
		}
		res, err := c.StatusAt(doc, it.Start+i, it.Start+i+len(it.Target))
		if errors.Is(err, classifier.ErrTargetNotFound) {
			res = classifier.ContextResult{Status: "none", Cue: err.Error()}
		} else if err != nil {
			t.Fatal(err)
		}
		splits := []string{it.Split, "all"}
		if it.Split == "tune" {
			splits = append(splits, tuneRoundSplits(it.ID)...)
		} else if it.ID < testRoundFirst {
			splits = append(splits, "test (first 187)", "test (first 349)", "test (first 479)")
		} else if it.ID < testRound19First {
			splits = append(splits, "test (eighteenth round)", "test (first 349)", "test (first 479)")
		} else if it.ID < testRound20First {
			splits = append(splits, "test (nineteenth round)", "test (first 479)")
		} else if it.ID < testRound21First {
			splits = append(splits, "test (twentieth round)")
		} else if it.ID < testRound22First {
			splits = append(splits, "test (twenty-first round)")
		} else {
			splits = append(splits, "test (twenty-second round)")
		}
		if it.Split == "test" && it.ID < testRound21First {
			splits = append(splits, "test (first 551)")
		}
		if it.Split == "test" && it.ID < testRound22First {
			splits = append(splits, "test (first 630)")
		}
		for _, split := range splits {
			if scores[split] == nil {
				scores[split] = &statusScore{confusion: map[[2]string]int{}}
			}
			scores[split].add(it.ID, it.Target, it.Status, res.Status, res.Rule+" "+res.Cue)
		}
	}
	return scores
}

// tuneRounds are the labelling rounds of the tune half (GUIDELINES.md), each by the first id
// it added: the tune sentences before that id are scored apart under before, so the figure
// they reached keeps its floor while later rounds grow the half; a round scored alone on
// first contact, before the rules written for it, has a name of its own (alone). The first
// round's 169 tune sentences end at s0357; the seventh round starts at s0638 (449 before it),
// the eighth at s0740 (551), the ninth, drawn to the held-out half's mix of sources, at s0788
// (599).
var tuneRounds = []struct{ firstID, before, alone string }{
	{"s0358", "tune (first 169)", ""},
	{"s0638", "tune (first 449)", ""},
	{"s0740", "tune (first 551)", ""},
	{"s0788", "tune (first 599)", ""},
	{"s0894", "tune (first 705)", ""},
	{"s0999", "tune (first 810)", ""},
	{"s1099", "tune (first 910)", ""},
	{"s1201", "tune (first 1012)", "tune (thirteenth round)"},
	{"s1307", "tune (first 1114)", "tune (fourteenth round)"},
	{"s1409", "tune (first 1216)", "tune (fifteenth round)"},
	{"s1509", "tune (first 1316)", "tune (sixteenth round)"},
	{"s1595", "tune (first 1402)", "tune (seventeenth round)"},
	{"s1855", "tune (first 1500)", "tune (nineteenth round)"},
	{"s2030", "tune (first 1545)", "tune (twentieth round)"},
	{"s2190", "tune (first 1633)", "tune (twenty-first round)"},
	{"s2345", "tune (first 1709)", "tune (twenty-second round)"},
}

// testRoundFirst is the first id of the eighteenth labelling round, 162 sentences drawn
// only from held-out documents (GUIDELINES.md): the test half's first 187 and that round are
// scored apart as well as together.
const testRoundFirst = "s1693"

// testRound19First is the first test id of the nineteenth labelling round (GUIDELINES.md),
// drawn with both halves on 2026-12-06: its 130 test sentences are scored apart as well, and
// the test half before it (349 sentences) keeps its own figure.
const testRound19First = "s1900"

// testRound20First is the first id of the twentieth labelling round (GUIDELINES.md), drawn
// with both halves on 2026-12-07 (split by a hash of the id): its 72 test sentences are
// scored apart, and the test half before it (479 sentences) keeps its own figure.
const testRound20First = "s2030"

// testRound21First is the first id of the twenty-first labelling round (GUIDELINES.md),
// drawn like the twentieth on 2026-12-07: its 79 test sentences are scored apart, and the
// test half before it (551 sentences) keeps its own figure.
const testRound21First = "s2190"

// testRound22First is the first id of the twenty-second labelling round (GUIDELINES.md),
// drawn like the twenty-first on 2026-12-07 (forty-ninth sitting): its 83 test sentences are
// scored apart, and the test half before it (630 sentences) keeps its own figure.
const testRound22First = "s2345"

// tuneRoundSplits returns the splits of tuneRounds that a tune sentence's id falls in.
func tuneRoundSplits(id string) []string {
	var out []string
	for i, r := range tuneRounds {
		if id < r.firstID {
			out = append(out, r.before)
		} else if r.alone != "" && (i+1 == len(tuneRounds) || id < tuneRounds[i+1].firstID) {
			out = append(out, r.alone)
		}
	}
	return out
}

// TestStatusSet measures the statuses on real sentences labelled before tuning
// (testdata/status): the tune half is what rules were adjusted on, the test half never.
func TestStatusSet(t *testing.T) {
	scores := scoreStatusSet(t)
	splits := []string{"tune"}
	for _, r := range tuneRounds {
		splits = append(splits, r.before)
		if r.alone != "" {
			splits = append(splits, r.alone)
		}
	}
	for _, split := range append(splits, "test (first 187)", "test (eighteenth round)", "test (first 349)", "test (nineteenth round)", "test (first 479)", "test (twentieth round)", "test (first 551)", "test (twenty-first round)", "test (first 630)", "test (twenty-second round)", "test", "all") {
		t.Logf("%s: %s", split, scores[split])
	}
	if testing.Verbose() {
		sort.Strings(scores["tune"].misses)
		t.Logf("tune misses:\n  %s", strings.Join(scores["tune"].misses, "\n  "))
	}
	// Just under the figures of 2026-12-01, after the status-accuracy rules (tune 0.935,
	// test 0.807; before them 0.858 and 0.775): a regression fails. The second round of
	// 131 tune sentences, labelled before any rule change, brought the grown tune half
	// (300 sentences) to 0.880 with the same rules; the first 169 keep their 0.93. Rules
	// for the classes the new sentences showed raised the grown tune half to 0.923. A third
	// round of 45 (labelled before the rules after it) scored 0.889 alone: tune 345, 0.919;
	// the rules for its classes then 0.928. A fourth round of 47 (oncology registry records,
	// own-study Discussion prose) scored 0.681 alone: tune 392, 0.898; the rules for its
	// classes then 0.911 (test 0.813), 0.913 after. A fifth round of 26 (registry background
	// prose) scored 0.615 alone: tune 418, 0.895; the rules for its classes then 0.902. A
	// sixth round of 31 (mostly abstracts) scored 0.903 alone: tune 449, 0.902. Round 7
	// (registry openings left to the opening rule, "randomized trials" no study of its own,
	// ": a review" only in titles, longer objectives): tune 0.935, first 169 0.941. A seventh
	// labelling round of 102 (pmc-rct, every section, s0638-s0739) scored 0.768 alone:
	// tune 551, 0.904; the rules for its classes then 0.927 (first 449 still 0.935, test
	// 0.818). The first 449 keep their 0.93. An eighth round of 48 pubmedqa sentences (mostly
	// methods and conclusions of abstracts without headings, s0740-s0787) scored 0.56 alone:
	// tune 599, 0.898; the rules for its classes (analyses and outcome lists that run long,
	// "was not different", "social exclusion" no exclusion criterion) then 0.918.
	// 2026-12-02: a test of the study's own data is an observed signal: tune 0.920. A ninth
	// labelling round of 106 (s0788-s0893, drawn to the held-out half's mix) scored 0.830
	// alone: tune 705, 0.909; the first 599 keep their 0.92. The rules for its classes (a
	// registry's result outside its Results is an earlier study's, imperative objectives,
	// aims and analyses, a negation into a bracket, a history that turns to the present):
	// tune 705, 0.925 (test 0.840). A tenth round of 105 (s0894-s0998) scored 0.838 alone:
	// tune 810, 0.914; the first 705 keep their 0.92. The rules for its classes (objectives a
	// section of their own, a registry's Background left to the section rule, what was done
	// "without" events, the state of the field): tune 810, 0.925 (test 0.845). An eleventh
	// round of 100 (s0999-s1098, half registry records) scored 0.770 alone: tune 910, 0.908;
	// the first 810 keep their 0.92. The rules for its classes (denials "not mentioned",
	// knowledge "are exceptional", the usual harms of a treatment in the present tense,
	// prevention that yields to an observed result): tune 910, 0.914 (test 0.845). A twelfth
	// round of 102 (s1099-s1200) scored 0.833 alone: tune 1012, 0.906; the first 910 keep
	// their 0.91. 2026-12-02 (next session): a registry record's clause that speaks of no
	// plan, procedure or participant is knowledge (document.registry_knowledge): tune 1012,
	// 0.919 (test 0.850). A thirteenth labelling round of 102 (s1201-s1306, four pubmedqa
	// lines with terms outside the brief dropped) scored 0.794 alone: tune 1114, 0.908; the
	// first 1012 keep their 0.915. The rules for its classes (a target that opens with its
	// cue, comparisons that deny nothing, a subject of events denied): tune 1114, 0.916. A
	// fourteenth round of 102 (s1307-s1408) scored 0.853 alone: tune 1216, 0.910; the first
	// 1114 keep their 0.915. The rules for its classes: tune 1216, 0.917. A fifteenth round of
	// 100 (s1409-s1508; the unused tune articles ran out of results sentences) scored 0.830
	// alone: tune 1316, 0.910; the first 1216 keep their 0.915. The rules for its classes (a
	// registry's future a plan, a group at higher risk, "any of the patients"): tune 1316,
	// 0.918 (first 1216 0.920, first 1114 0.921; test 0.850). A sixteenth round of 86
	// (s1509-s1594; the unused tune articles used up, the rest registry records) scored 0.872
	// alone: tune 1402, 0.915; the first 1316 keep their 0.915. A seventeenth round of 98
	// registry sentences (s1595-s1692; no result of a record's own participants was left to
	// draw) scored 0.816 alone, every miss between hypothetical and generic: tune 1500, 0.911;
	// the first 1402 keep their 0.918. Labels of a plan line ("Secondary: …") and "evidence
	// indicates": round 17 0.837, tune 1500 0.913. Seventh session (a Background keeps a count
	// only for a sentence that names its own study; "whereas" holds a generic cue to its
	// clause): tune 1500 0.915, test 0.856; review language ("present barriers to",
	// "remains a challenge"): tune 0.916, test 0.861. Ninth session ("US" no pronoun of the
	// plan, past-tense likeness, "in conclusion", "without increasing", "recorded as having",
	// a denial with the time it covers): tune 0.921, test 0.866; a condition opening a list,
	// a cited present-perfect finding in a Methods section: tune 0.923. Twelfth sitting: an
	// eighteenth labelling round of 162 sentences, all from held-out documents (s1693-s1854,
	// labelled blind before any rule ran on it), scored 0.870 alone on first contact, as it
	// did with the rules of the sitting's start: test 349, 0.868. Thirty-fifth sitting: a
	// nineteenth round drawn with both halves (s1855-s2029, labelled blind before any rule
	// ran on it; the unused tune documents gave only 45) scored on first contact, with the
	// rules of 3d97780: tune 45, 0.933 (tune 1545, 0.930); test 130, 0.900 (test 479, 0.879;
	// the first 349 keep their 0.871).
	// 2026-12-07: the twentieth round (88 tune, 72 test), labelled blind and scored on first
	// contact with the rules of c70117c (and alike with those of the session's start,
	// bd9d494): tune 0.898, test 0.833; the test half before it, 479 sentences, 0.881.
	// Forty-fourth sitting (2026-12-07): the twenty-first round (76 tune, 79 test), labelled
	// blind and scored on first contact with the rules of 833fc37: tune 0.868, test 0.848
	// (with those of the sitting's start, aac23ad: tune 0.855, test 0.848); the test half
	// before it, 551 sentences, 0.880 (0.875 at the sitting's start). Forty-fifth sitting:
	// the methods of an abstract without headings (section.unheaded_methods): test 551
	// 0.884, test 479 0.889, whole test 0.879, tune 0.937; floors raised under them.
	// Forty-ninth sitting (2026-12-07): the twenty-second round (69 tune, 83 test), labelled
	// blind and scored on first contact with the rules of 74f65cb (the sitting changed no
	// status rule before it): tune 0.841, test 0.916; the test half before it, 630 sentences,
	// 0.879, the whole test half 713, 0.884; tune 1778, 0.934.
	for split, floor := range map[string]float64{"test (twenty-second round)": 0.91, "tune (twenty-second round)": 0.84, "test (first 630)": 0.875, "tune (first 1709)": 0.935, "test (twenty-first round)": 0.84, "tune (twenty-first round)": 0.86, "test (first 551)": 0.88, "tune (first 1633)": 0.935, "test (twentieth round)": 0.83, "tune (twentieth round)": 0.89, "test (first 479)": 0.885, "tune (first 1545)": 0.935, "test (nineteenth round)": 0.895, "tune (nineteenth round)": 0.93, "tune (first 1500)": 0.925, "test (first 349)": 0.875, "test (eighteenth round)": 0.87, "test (first 187)": 0.875, "tune": 0.93, "tune (first 1402)": 0.915, "tune (first 1316)": 0.915, "tune (first 1216)": 0.92, "tune (first 1114)": 0.92, "tune (first 1012)": 0.915, "tune (first 910)": 0.91, "tune (first 810)": 0.92, "tune (first 705)": 0.92, "tune (first 599)": 0.92, "tune (first 551)": 0.92, "tune (first 449)": 0.93, "tune (first 169)": 0.935, "test": 0.875} {
		if acc := scores[split].accuracy(); acc < floor {
			t.Errorf("status accuracy on the %s half %.3f < %.3f", split, acc, floor)
		}
	}
	// As the outcome facets read a status (hypothetical and generic one: no outcome), first
	// measured on 2026-12-04: tune 0.970, test 0.898; with the eighteenth round (0.944 alone)
	// test 349, 0.920.
	for split, floor := range map[string]float64{"tune": 0.965, "test": 0.915, "test (first 187)": 0.89, "test (eighteenth round)": 0.94} {
		if acc := scores[split].facetAccuracy(); acc < floor {
			t.Errorf("status accuracy as the facets read it on the %s half %.3f < %.3f", split, acc, floor)
		}
	}
}

// negexGenericRow is one target of the NegEx set scored for the generic status: its id,
// columns, whether the set calls it generic (historical, or another experiencer) and what
// the rules say.
type negexGenericRow struct {
	id        int
	cols      []string
	gold, got bool
	res       classifier.ContextResult
}

// scoreNegExGeneric scores the generic status of every target of the NegEx set whose id
// keep accepts: a tuning listing never scores a held-out row.
func scoreNegExGeneric(t *testing.T, keep func(id int) bool) []negexGenericRow {
	t.Helper()
	f, err := os.Open(shareddata.Path(t, "context/negex.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := testrules.Default(t)
	var rows []negexGenericRow
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for first := true; sc.Scan(); first = false {
		cols := strings.Split(sc.Text(), "\t")
		if first || len(cols) < 6 {
			continue
		}
		id, _ := strconv.Atoi(cols[0])
		if !keep(id) {
			continue
		}
		res, err := c.Context(cols[1], markedTarget(cols[1], cols[2]))
		if err != nil {
			continue
		}
		rows = append(rows, negexGenericRow{id: id, cols: cols, res: res,
			gold: cols[4] == "historical" || cols[5] != "patient", got: res.Status == classifier.Generic})
	}
	return rows
}

// TestNegExGeneric measures the generic status on the NegEx set: its historical targets
// and those of another experiencer are generic there. Rules were tuned on the odd ids only;
// the even ids are held out.
func TestNegExGeneric(t *testing.T) {
	type counts struct{ tp, fp, fn int }
	byHalf := map[string]*counts{"odd (tuned)": {}, "even (held out)": {}}
	for _, r := range scoreNegExGeneric(t, func(int) bool { return true }) {
		half := byHalf["even (held out)"]
		if r.id%2 == 1 {
			half = byHalf["odd (tuned)"]
		}
		switch {
		case r.gold && r.got:
			half.tp++
		case r.got:
			half.fp++
		case r.gold:
			half.fn++
		}
	}
	for name, k := range byHalf {
		p, r := float64(k.tp)/float64(max(k.tp+k.fp, 1)), float64(k.tp)/float64(max(k.tp+k.fn, 1))
		f1 := 0.0
		if p+r > 0 {
			f1 = 2 * p * r / (p + r)
		}
		t.Logf("NegEx generic (historical or other experiencer), %s: P %.3f R %.3f F1 %.3f", name, p, r, f1)
		// Just under the figures of 2026-12-01, after the status-accuracy rules (odd 0.663,
		// even 0.696; before them 0.603 and 0.672). Round 7's pseudo-cues ("his pain is
		// associated with", "may represent"): odd 0.674. History reaching past "secondary to"
		// and "positive for" (which now end a negation): odd 0.677, even 0.704.
		if floor := map[string]float64{"odd (tuned)": 0.675, "even (held out)": 0.70}[name]; f1 < floor {
			t.Errorf("NegEx generic F1 on the %s ids %.3f < %.3f", name, f1, floor)
		}
	}
}

// TestBackgroundPassages: review and introduction prose (cart-pubs passages of kind
// background) must give no outcome facet; the results passages keep theirs. Even-numbered
// passages were looked at while writing rules, odd-numbered ones (held out) never.
func TestBackgroundPassages(t *testing.T) {
	path := shareddata.Path(t, "cart-pubs/passages.jsonl")
	kinds := map[string]string{}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r struct{ ID, Kind string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		kinds[r.ID] = r.Kind
	}
	f.Close()
	c := testrules.Default(t)
	var withOutcome, results, resultsWith []string
	background := 0
	for doc, err := range corpus.Load(context.Background(), []string{path}, corpus.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		outcome := len(outcomeFacets(c.Tag(doc))) > 0
		switch kinds[doc.ID] {
		case "background":
			background++
			if outcome {
				withOutcome = append(withOutcome, doc.ID)
			}
		default:
			results = append(results, doc.ID)
			if outcome {
				resultsWith = append(resultsWith, doc.ID)
			}
		}
	}
	t.Logf("background passages with an outcome facet: %d of %d %v; result passages with one: %d of %d",
		len(withOutcome), background, withOutcome, len(resultsWith), len(results))
	if len(withOutcome) > 1 { // 2026-12-01: CP023 (held out), a trial plan read as events
		t.Errorf("%d background passages have an outcome facet: %v", len(withOutcome), withOutcome)
	}
	if len(resultsWith) < len(results) {
		t.Errorf("result passages lost their outcome facets: %d of %d have one", len(resultsWith), len(results))
	}
}
