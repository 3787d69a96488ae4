package classifier_test

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/evaluate"
	"github.com/trialtag/trialtag/internal/testrules"
)

// cartTuple reads one expected tuple of cart_sentences.tsv: "crs_grade=3+ 4/42 9.5%",
// "icans=present 0/-", "adverse_event=graft-versus-host disease 0/10".
var cartTuple = regexp.MustCompile(`^([a-z_]+)=(.+?) (-|\d+)(?:/(-|\d+))?(?: (-|[\d.]+)%?)?$`)

func parseCartTuple(s string) (evaluate.IncidenceTuple, error) {
	m := cartTuple.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return evaluate.IncidenceTuple{}, fmt.Errorf("%q is no tuple", s)
	}
	num := func(v string) *int {
		if v == "" || v == "-" {
			return nil
		}
		n, _ := strconv.Atoi(v)
		return &n
	}
	var pct *float64
	if m[5] != "" && m[5] != "-" {
		p, err := strconv.ParseFloat(m[5], 64)
		if err != nil {
			return evaluate.IncidenceTuple{}, fmt.Errorf("%q: %w", s, err)
		}
		pct = &p
	}
	return evaluate.NewIncidenceTuple(m[1], m[2], num(m[3]), num(m[4]), pct), nil
}

// cartRow is one sentence of cart_sentences.tsv with its tuples and where it stands.
type cartRow struct {
	line             int
	batch, paragraph string
	sentence         string
	want             []evaluate.IncidenceTuple
	half             string
	start, end       int // in its document's text
}

// ownScore is a precision and recall count of one half of an own-sentence set.
type ownScore struct{ tp, fp, fn int }

// scoreOwnSentences tags the sentences of an own-sentence TSV file (batch, paragraph,
// sentence, tuples), each paragraph one document opened by lead, and scores each half
// against the tuples a curator extracts. Batches in whole are held out whole ("tune:l" tunes
// batch l whole); in the others even rows are tuned on and odd rows held out. Denominators there are stated ones, so a
// denominator the tagger infers from a population matches a tuple that states none.
func scoreOwnSentences(t *testing.T, name, lead string, whole ...string) map[string]*ownScore {
	t.Helper()
	return scoreOwn(t, name, lead, " ", whole)
}

// scoreOwnLines is scoreOwnSentences over a file whose rows are lines of their document: a
// row's "\n" is a line break inside it (a table row's label and cells), and the rows of a
// paragraph are joined by line breaks.
func scoreOwnLines(t *testing.T, name string, whole ...string) map[string]*ownScore {
	t.Helper()
	return scoreOwn(t, name, "", "\n", whole)
}

// scoreOwn scores an own-sentence file whose paragraph rows are joined by sep ("\n": rows
// are lines, their escaped line breaks unescaped).
func scoreOwn(t *testing.T, name, lead, sep string, whole []string) map[string]*ownScore {
	t.Helper()
	var rows []*cartRow
	docs := map[string]*strings.Builder{} // document key → text
	var order []string
	count := map[string]int{}
	for _, tr := range readTSV(t, name, 4, "batch, paragraph, sentence and tuples") {
		line, cols := tr.line, tr.cols
		r := &cartRow{line: line, batch: cols[0], paragraph: cols[1], sentence: cols[2]}
		if sep == "\n" {
			r.sentence = strings.ReplaceAll(r.sentence, `\n`, "\n")
		}
		if cols[3] != "none" {
			for _, s := range strings.Split(cols[3], ";") {
				tp, err := parseCartTuple(s)
				if err != nil {
					t.Fatalf("%s:%d: %v", name, line, err)
				}
				r.want = append(r.want, tp)
			}
		}
		switch {
		case slices.Contains(whole, "tune:"+r.batch):
			r.half = r.batch + " tune"
		case slices.Contains(whole, r.batch):
			r.half = r.batch + " held out"
		case count[r.batch]%2 == 1:
			r.half = r.batch + " held out"
		default:
			r.half = r.batch + " tune"
		}
		count[r.batch]++
		key := fmt.Sprintf("%s/%s", r.batch, r.paragraph)
		if r.paragraph == "-" {
			key = fmt.Sprintf("line %d", line)
		}
		b := docs[key]
		if b == nil {
			b = &strings.Builder{}
			b.WriteString(lead)
			docs[key] = b
			order = append(order, key)
		} else {
			b.WriteString(sep)
		}
		r.start = b.Len()
		b.WriteString(r.sentence)
		r.end = b.Len()
		r.paragraph = key
		rows = append(rows, r)
	}
	c := testrules.Default(t)
	scores := map[string]*ownScore{}
	for _, key := range order {
		res := c.Tag(&corpus.Document{ID: "s", Text: docs[key].String(), Source: "s"})
		// The tuples with no inferred denominator too (dropping Of changes no grouping, so
		// they come in the same order): one matches where the gold states none.
		var all, stated [][]evaluate.IncidenceTuple
		var mine []*cartRow
		for _, r := range rows {
			if r.paragraph == key {
				mine = append(mine, r)
				all = append(all, evaluate.IncidenceTuples(res, r.start, r.end))
			}
		}
		for i := range res.Sentences {
			for j := range res.Sentences[i].Tags {
				if in := res.Sentences[i].Tags[j].Incidence; in != nil && in.Source == classifier.IncidenceInferred {
					in.Of = nil
				}
			}
		}
		for _, r := range mine {
			stated = append(stated, evaluate.IncidenceTuples(res, r.start, r.end))
		}
		for k, r := range mine {
			got := all[k]
			for i := range got {
				if !slices.Contains(r.want, got[i]) && slices.Contains(r.want, stated[k][i]) {
					got[i] = stated[k][i]
				}
			}
			matched, fps, fns := evaluate.MatchIncidence(got, r.want)
			s := scores[r.half]
			if s == nil {
				s = &ownScore{}
				scores[r.half] = s
			}
			s.tp, s.fp, s.fn = s.tp+matched, s.fp+len(fps), s.fn+len(fns)
			if testing.Verbose() && strings.HasSuffix(r.half, "tune") && len(fps)+len(fns) > 0 {
				t.Logf("%s (line %d): %s\n\tmissed %v\n\textra %v", r.half, r.line, r.sentence, fns, fps)
			}
		}
	}
	return scores
}

// TestCarTSentences scores incidence on own sentences written in the ways CAR-T and
// bispecific reports state toxicity counts (testdata/incidence/cart_sentences.tsv), against
// the tuples a curator extracts. Even rows of batches a, b, d, e, f and i were tuned on; their odd
// rows and all of batch c (sentences in paragraphs, each paragraph one document) are held
// out, read as figures only.
func TestCarTSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/cart_sentences.tsv", "After CAR-T cells. ", "c")
	// Floors just under the figures of 2026-12-02. At the session's start: a tune P 0.730
	// R 0.489, a held out P 0.781 R 0.532, b tune P 0.792 R 0.477, b held out P 0.822
	// R 0.652, c held out (written after the other rules of the session) P 0.854 R 0.590.
	floors := map[string][2]float64{
		"a tune":     {0.99, 0.95}, // grades listed with their shares ("grade 1 (45% of patients), with grade 2 in 20%"), counts being grades: 0.974/0.787; a whole that stayed free of an event: 0.974/0.798; eighth session, lists of grades with shares and bare grades, arms "at DL1 and in 1/6 at DL2": 0.988/0.862; wholes named by their event mid-sentence ("3 of the 5 patients with grade 4 ICANS"): 0.988/0.883; ninth, "the patient with myositis had …": 0.988/0.894; tenth, a treatment the outcome required ("hypogammaglobulinemia requiring immunoglobulin replacement developed in 19 of 25"): 1.000/0.904; seventh sitting, an arm with its dose in a bracket ("at DL1 (50 × 10^6 cells) and in 1/6 at DL2"): 1.000/0.915; thirteenth sitting, a second period's share (arm.period): 1.000 / 0.926; fifteenth sitting, a count of a kind ("was the dose-limiting event in one patient") counts the outcome named: 1.000 / 0.947; sixteenth sitting, an event denied in one arm "but occurred in 6 of 25" of another (count.contrast_event): 1.000 / 0.957
		"a held out": {0.91, 0.81}, // a subject's verb over its group ("one adult on the weekly schedule developed"): 0.817/0.617 -> 0.803/0.606 here, gains on five other held-out sets; respectively by place: 0.819/0.628; fifth session, "one each of" and arms after "n of N (p%) patients": 0.827/0.660; seventh, "seventy percent" and "40% of whom": 0.829/0.670; eighth, arms named "at …": 0.831/0.681; ninth, arms named by their drug ("6% of linezolid recipients"): 0.833/0.691; tenth, batch d's rules: 0.846/0.702; sixth sitting, a whole its percentage proves ("31 [16%] vs 19 [10%]" after "… of 200 vs … of 190"): 0.885/0.734; seventh, a share "documented in 57%" observed: 0.886/0.745; tenth sitting, counts with bracketed shares that agree on one whole (incidence.agreeing_cells), "all of whom" a subgroup: 0.899/0.755; fourteenth sitting, a count of dose-limiting toxicities ("one DLT occurred") counts them (incidence.dlts): 0.901 / 0.777; fifteenth sitting, shares that changed "from X% to Y%": 0.904 / 0.798; nineteenth sitting, "more often" and "less often" no knowledge cue: 0.906 / 0.819; twenty-fifth sitting, a denial after "apart from" the cases it counts gives no zero: 0.917 / 0.819; thirtieth sitting, a bare pair after a sentence's arms is those arms' counts: 0.918 / 0.830; forty-eighth sitting, the audit of episode counts (GUIDELINES rule 7: an episode count beside a labelled outcome is a tuple of its own) added labels, mostly misses, and the floor moved to the audited figure: 0.918 / 0.812
		"b tune":     {0.98, 0.98}, // the same: 0.975/0.875; fourth session: 0.975/0.898; 2026-12-03, ", versus" and "who had received" join arms: 0.976/0.910; a zero after its outcome denies it ("ICANS 0;"): 0.976/0.933; "recipients with lymphoma who had received …, compared with": 0.977/0.944; a subject count's other arm after its outcome ("12 patients (30%) had severe CRS, compared with 8 (20%)"): 0.988/0.955; ninth sitting, a grade's shares respectively in the arms of the event before: 0.989/0.978; fourteenth sitting, a bare count right after its grade ("G1-2 13, G3 1"): 0.989 / 1.000; forty-eighth sitting, the audit of episode counts (GUIDELINES rule 7: an episode count beside a labelled outcome is a tuple of its own) added labels, mostly misses, and the floor moved to the audited figure: 0.989 / 0.989
		"b held out": {0.95, 0.91}, // seventeenth sitting, "received supportive care alone" a count of the care: 0.955 / 0.913; 2026-12-02 (third session), cohorts, grades and gerunds read from fresh CAR-T abstracts: 0.914/0.804 -> 0.926/0.815; fifth session, "9 of 30 (30%) patients received …": 0.927/0.826; sixth, a subject over "with …" to its verb: 0.928/0.837; tenth, batch d's rules: 0.952/0.870; seventh sitting, arms in a serial list ("33% at DL1, 50% at DL2 and …"): 0.953/0.880; ninth sitting, "in 3.5% of the intervention group and in 7.0% of the control group" two arms: 0.953/0.891; fourteenth sitting, patients "with" an outcome who needed a treatment count both: 0.954 / 0.902
		"d tune":     {0.99, 0.94}, // batch d, written and labelled before any rule ran on it (2026-12-03): first contact 0.806 / 0.694, 0.871 / 0.750 once three "n of whom" tuples took the convention of the other batches (n only); grades "2 or lower", "Two deaths (4%)", "and another of HLH", a treatment the outcome required: 0.969 / 0.861; "in 23% of the 52 patients": 0.970 / 0.889; that whole for each share of a list before it ("in 85% and 23% of the 52 patients"): 1.000 / 0.917; fourteenth sitting, "in the 40 patients who had it" counts the outcome before: 1.000 / 0.944
		"d held out": {0.85, 0.78}, // first contact 0.812 / 0.684, the same before and after that fix; eighth sitting, secondary T-cell malignancies: 0.818 / 0.711; fifteenth sitting, "Two deaths were due to CRS and one to ICANS" (incidence.and_n_to): 0.824 / 0.737; twenty-seventh, "…: three were due to sepsis and one to ICANS", a part that opens a clause (incidence.part_due_to): 0.848 / 0.737; thirty-sixth sitting, a count after "and" or a comma before "by" and a cause (incidence.and_n_to): 0.853 / 0.763; thirty-seventh sitting, ", most often …" an observed breakdown, not knowledge, and the commonest kind no count of all (count.reach_end): 0.857 / 0.789
		"e tune":     {0.96, 0.93}, // batch e, written and labelled before any rule ran on it (2026-12-03, sixth sitting): first contact 0.967 / 0.879; "was reported in none of the patients" denies: 0.968 / 0.909; an adverb between a count and its verb ("four (11%) also received"): 0.969 / 0.939
		"e held out": {0.96, 0.90}, // first contact 0.935 / 0.879; twenty-fifth sitting, a grade's "only", "3 of the first 6": 0.968 / 0.909
		"f tune":     {0.99, 0.99}, // batch f, results paragraphs written and labelled before any rule ran on them (2026-12-03, sixth sitting): first contact 1.000 / 1.000
		"f held out": {0.95, 0.91}, // first contact 0.955 / 0.875; ninth sitting, "and dexamethasone to 4" (incidence.to_count): 0.957 / 0.917
		"i tune":     {0.99, 0.99}, // batch i, written and labelled before any rule ran on it (2026-12-03, seventh sitting): first contact 0.943 / 0.805; a share "documented in 57%" observed, "two of whom responded to dexamethasone" a use of it: 0.946 / 0.854; arms in a serial list: 0.949 / 0.902; a whole after a verbless second clause ("in 88% and grade ≥3 CRS in 6% of the 112") the first share's too: 0.974 / 0.927; tenth sitting: 1.000 / 0.951; fourteenth sitting, a denied grade after a semicolon reaches over a longer grade list: 1.000 / 1.000
		"i held out": {0.92, 0.92}, // first contact 0.885 / 0.852; ninth sitting, "given for ICANS in 7 and for CRS in 4" counts the treatment twice: 0.923 / 0.889; sixteenth, a definition set off by a comma leaves its term reported: 0.926 / 0.926
		"j tune":     {0.99, 0.93}, // batch j, written by a helper blind to the rules and labelled before any rule ran on it (2026-12-04, tenth sitting): first contact 0.886 / 0.633, 0.914 / 0.667 once a tune row's range ("grade 1 or 2 events") took the one-tuple form of the other batches; a share's bracket no count of the grade after it ("ICANS 6.0% (one grade 5 event)"), "nearly all patients (29/30)", "all of whom" a subgroup, shares that agree on one whole: 0.975 / 0.812; "of whom 4 required" observed, square-bracketed shares ("11/26 [42%] vs 3/39 [8%]") closing a comparison of the outcome ("more frequent in … than in …"): 0.977 / 0.896; treatments "each given to one patient": 0.978 / 0.938 (a count of patients "with grade 4 ICANS" after a treatment made that grade's count too, 1.000 / 0.958, but cost a held-out false positive in batch c: dropped); "each" counts only the items of its own list, not an outcome of the clause before: 1.000 / 0.938
		"j held out": {0.94, 0.81}, // first contact 0.950 / 0.792; thirteenth sitting, deaths broken down by cause ("three of sepsis and one of HLH"), "died of treatment-related causes": 0.951 / 0.812; twenty-eighth sitting, an earlier trial named by its phase ("the previous phase 1" with any word after it) other work: 0.975 / 0.812, floor 0.97; after a review the cue asks for a trial or study after the phase ("the earlier phase 2 cohort of this study" is the report's own): 0.951 / 0.812, the floor back at its value before that sitting
		"w tune":     {0.97, 0.84}, // batch w, written by a helper blind to the rules and labelled before any rule ran on it (2026-12-04, twelfth sitting): first contact 0.913 / 0.667; fifteenth sitting, "whereas 9 of 31 … received it" after a denied treatment: 0.981 / 0.841
		"w held out": {0.96, 0.90}, // first contact 0.964 / 0.803; thirteenth sitting, "against" between two arms' counts and batch z's other rules: 0.965 / 0.833; fourteenth sitting, the shares of a list whose groups follow "of" ("in 9% and 14% of the two dose cohorts"): 0.966 / 0.864; fifteenth sitting, shares that changed "from X% to Y%": 0.967 / 0.894; twenty-second sitting, a count whose verb the count before took ("9 (45%) received tocilizumab and 4 (20%) corticosteroids", gappedOutcome): 0.968 / 0.909
		"x tune":     {0.93, 0.88}, // batch x, written by a helper blind to the rules and labelled before any rule ran on it (2026-12-04, twelfth sitting, after batch w's rules): first contact 0.925 / 0.721, the same with the rules of the sitting's start; fourteenth sitting, "admitted …, most often for CRS" no knowledge: 0.934 / 0.838; fifteenth sitting, ", with grade ≥3 events in 58 (23.5%) and 11 (6.4%)" (icans.grade.with_count): 0.937 / 0.868; thirty-sixth sitting, "including 2 fatal … infections" (incidence.fatal_events): 0.938 / 0.882
		"x held out": {0.91, 0.63}, // first contact 0.867 / 0.629; with the rules of the sitting's start 0.864 / 0.613; thirteenth sitting, "N were admitted to the ICU, mostly for CRS" counts admissions: 0.886 / 0.629; thirty-fifth sitting, groups counted by the product they received ("in 104 cilta-cel and 70 ide-cel recipients"): 0.913 / 0.677; forty-eighth sitting, the audit of episode counts (GUIDELINES rule 7: an episode count beside a labelled outcome is a tuple of its own) added labels, mostly misses, and the floor moved to the audited figure: 0.913 / 0.636
		"z tune":     {0.94, 0.90}, // batch z, written by a helper blind to the rules and labelled before any rule ran on it (2026-12-04, thirteenth sitting): first contact 0.879 / 0.707 with the rules of 1f283fe (0.836 / 0.683 with those of the sitting's start, d6d7057); a count set off by a comma before "]", "against" between two arms' counts, "6 of the 9 were given tocilizumab": 0.884 / 0.744; serial items that name their step before the count (arm.named_before_serial): 0.886 / 0.756; what the enrolled had ("were enrolled, including 11 with prior …") history: 0.912 / 0.756; "(one with grade 4 thrombocytopenia and one with …)": 0.913 / 0.768; fourteenth sitting, slashed grades take slashed counts ("G1/G2/G3: 19/6/1"): 0.917 / 0.805; fifteenth sitting, a grade past a comma after a subgroup's event ("among the 36 patients with CRS, the maximum grade was 1 in 25"): 0.919 / 0.829; thirty-fifth sitting, groups counted by the product they received: 0.947 / 0.866; thirty-sixth sitting, "… and the first full dose in 5 (8%)": 0.947 / 0.878; thirty-seventh sitting, ", most often …" an observed breakdown: 0.949 / 0.902
		"z held out": {0.96, 0.70}, // first contact 0.947 / 0.651 (the same with the rules of the sitting's start); fourteenth sitting, a count of dose-limiting toxicities ("one DLT occurred") counts them (incidence.dlts): 0.948 / 0.663; "and in no placebo recipients" a zero arm (arm.none_after): 0.949 / 0.675; eighteenth sitting, "… and were grade 3 or higher in 5 (12%)" a count of the adverse event at a grade: 0.950 / 0.687; thirty-first sitting, the same: 0.951 / 0.699; thirty-fifth sitting, groups counted by the product they received: 0.968 / 0.723; forty-eighth sitting, the audit of episode counts (GUIDELINES rule 7: an episode count beside a labelled outcome is a tuple of its own) added labels, mostly misses, and the floor moved to the audited figure: 0.984 / 0.705
		"c held out": {0.98, 0.84}, // fourth session, "… in the X group and in 1 in the Y group" two arms: 0.952/0.719; fifth, a group "evaluable for safety" ends at its comma, a serial comma before "and" in respectively lists: 0.953/0.727; sixth, grade lists as counts: 0.953/0.734; seventh, populations "a cohort of N", "N patients (…) were treated", "(n = 123)": 0.972/0.748; eighth, arms named "at …": 0.972/0.763; ninth, a phrase between commas before a subject's verb, a list of grades after a count: 0.973/0.784; sixth sitting, a whole its percentage proves: 0.982/0.791; seventh, arms in a serial list: 0.983/0.813; thirteenth sitting, deaths broken down by cause: 0.983 / 0.820; fifteenth sitting, shares that changed "from X% to Y%": 0.983 / 0.835; twenty-ninth, "given to 19 of them" a count of the treatment: 0.983 / 0.842; thirty-first, a second verb of receiving after a time phrase ('developed grade 3 CRS on day 2 and received tocilizumab'): 0.983 / 0.849; thirty-third sitting, a grade that a count "had" after "but" (count_had): 0.983/0.856; forty-eighth sitting, the audit of episode counts (GUIDELINES rule 7: an episode count beside a labelled outcome is a tuple of its own) added labels, mostly misses, and the floor moved to the audited figure: 0.983 / 0.844
	}
	checkIncidenceFloors(t, scores, floors, "a tune", "a held out", "b tune", "b held out", "c held out", "d tune", "d held out", "e tune", "e held out", "f tune", "f held out", "i tune", "i held out", "j tune", "j held out", "w tune", "w held out", "x tune", "x held out", "z tune", "z held out")
}

// checkIncidenceFloors logs each half's precision and recall and fails under its floors.
func checkIncidenceFloors(t *testing.T, scores map[string]*ownScore, floors map[string][2]float64, halves ...string) {
	t.Helper()
	for _, half := range halves {
		s := scores[half]
		if s == nil {
			t.Fatalf("no sentences in %s", half)
		}
		p, r := ratio(s.tp, s.tp+s.fp), ratio(s.tp, s.tp+s.fn)
		t.Logf("%s: P %.3f R %.3f (tp %d fp %d fn %d)", half, p, r, s.tp, s.fp, s.fn)
		if p < floors[half][0] || r < floors[half][1] {
			t.Errorf("%s: P %.3f R %.3f under the floors %v", half, p, r, floors[half])
		}
	}
}

// TestRCTSentences scores incidence on own sentences written in the ways reports of
// ordinary trials (surgery, chemotherapy, antibiotics, vaccines, intensive care, …) state
// adverse-event counts (testdata/incidence/rct_sentences.tsv). Batch r: even rows tuned on,
// odd rows held out; batch s (results paragraphs) held out whole.
func TestRCTSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_sentences.tsv", "", "s")
	// Measured before any rule was tuned on the set (2026-12-02): r tune P 0.778 R 0.106,
	// r held out 0.786 / 0.204, s held out 1.000 / 0.211. Floors under the figures after that
	// session's rules: r tune 0.897 / 0.394, r held out 0.864 / 0.352, s held out 1.000 / 0.342.
	// Infections that care itself causes, counted in any trial (adverse_event.acquired, 2026-12-02):
	// r tune 0.917 / 0.500, r held out 0.833 / 0.370 (one more true and one more false tuple),
	// s held out 1.000 / 0.447; with serious and site infections r tune 0.919 / 0.515, s 1.000 / 0.500. The held-out precision floor moved for that recall, knowingly.
	// Harm words outside CAR-T ("two patients developed", "died of", "complications",
	// adverse_event.befell): r tune 0.923 / 0.545, r held out 0.857 / 0.444, s held out
	// 0.952 / 0.526 (one false tuple for two true ones). A denied subject denies what follows
	// its verb, and its whole is the zero's denominator: r held out 0.867 / 0.481. A subject
	// count reaching 14 units to its outcome (was 10): s held out 0.957 / 0.579.
	floors := map[string][2]float64{
		"r tune":     {0.98, 0.89}, // fourth session, "experienced", "acquired", no count after "group": 0.933 / 0.636; fifth session: 0.936 / 0.667; 2026-12-03, a treatment compared is the arm ("more frequent with tocilizumab (12%)"): 0.979 / 0.712; "A and B were each seen in 5": 0.980 / 0.727; past-tense paired shares observed, an arm named by a treatment ("8% with pegfilgrastim and 21% without it"): 0.982 / 0.818; a count of a group its name qualifies ("three laparoscopic-group patients"), such counts a list of subjects: 0.983 / 0.864; ninth sitting, kinds in a bracket after their outcome keep their counts: 0.983 / 0.894
		"r held out": {0.95, 0.79}, // 2026-12-02 (third session), plural "hematologic toxicities" a harm word that heads a list: 0.867/0.481 -> 0.900/0.500; 2026-12-03, a treatment compared is the arm: 0.906/0.537 -> 0.917/0.611; sixth sitting, postoperative urinary tract infection and sepsis among the infections care causes: 0.919 / 0.630; tenth sitting, "and in no patient on placebo" a zero arm, "drug-related" a harm word: 0.921 / 0.648; fourteenth sitting, "reported in/by", "led to death" and "fatal" harm words and "experienced at least one": 0.925 / 0.685; seventeenth sitting, "was similar for" and "comparable across" compare arms: 0.929 / 0.722; twenty-first, "had at least one" a harm word: 0.930 / 0.741; twenty-fourth, liver-enzyme rises named as hepatotoxicity ("abnormal liver function tests", "elevation of transaminases"): 0.932 / 0.759; "renal toxicity" and creatinine rises as nephrotoxicity: 0.933 / 0.778; thirty-sixth sitting, arms named by their drug before their noun with a share (incidence.drug_recipients): 0.956 / 0.796
		"s held out": {0.99, 0.78}, // fourth session, an arm named by what came before it ("30% after X and 12% after Y"): 0.958/0.605; septicaemia and neutropenic sepsis infections: 1.000/0.632; fourteenth sitting, "reported in/by", "led to death" and "fatal" harm words and "experienced at least one": 1.000 / 0.658; twentieth sitting: 1.000 / 0.684; twenty-second, a count of an arm a word of the arm qualifies ("1 placebo recipient (0.5%)", incidence.patients_arm_word): 1.000 / 0.711; twenty-fourth, liver-enzyme rises named as hepatotoxicity: 1.000 / 0.763; twenty-seventh sitting, a subject count's arm named by a participle ("3 of the 40 women receiving the implant developed …"): 1.000 / 0.789
	}
	checkIncidenceFloors(t, scores, floors, "r tune", "r held out", "s held out")
}

// TestRCTHardSentences scores incidence on own sentences of the hard cases of ordinary
// trials (testdata/incidence/rct_hard.tsv): infection and anaemia as the condition, the
// efficacy endpoint or a baseline figure (no tuple) against the same events as harms.
// Even rows tuned on, odd rows held out.
func TestRCTHardSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_hard.tsv", "")
	// Floors under the figures of 2026-12-02, before any rule was tuned on the set (h tune
	// P 0.889 R 0.200, held out 1.000 / 0.212; the branch of harm words: 0.833/0.375,
	// 0.938/0.455). With adverse_event.acquired: h tune 0.923 / 0.300, held out 1.000 / 0.303.
	// With the harm words of adverse_event.befell: h tune 0.905 / 0.475, held out 1.000 / 0.364.
	floors := map[string][2]float64{
		"h tune":     {0.93, 0.77}, // 2026-12-02 (fourth session), "experienced" a harm word, "acquired" a subject's verb: 0.913 / 0.525; ninth, "6% of linezolid recipients" (incidence.percent_of_arm): 0.920 / 0.575; a second arm after "and" (arm.named_by_of): 0.923 / 0.600; a count of a group its name qualifies: 0.926 / 0.625; sixth sitting, a latent virus that reactivates ("herpes zoster reactivation") is a harm in any trial: 0.929 / 0.650; seventh sitting, "arose in any placebo recipient" observed: 0.933 / 0.700; ninth sitting, a past-tense rate an observed signal, arms named by a participle: 0.938 / 0.750; fourteenth sitting, "reported in/by", "led to death" and "fatal" harm words and "experienced at least one": 0.939 / 0.775
		"h held out": {0.99, 0.54}, // twenty-second sitting, "occurred in 0.6% of X-treated and 0.9% of Y-treated participants" the trial's own arms (signal.observed.occurred_in_arms): R 0.455 -> 0.515; thirty-seventh sitting, "judged to be related" a harm word: 1.000 / 0.545
	}
	checkIncidenceFloors(t, scores, floors, "h tune", "h held out")
}

// TestRCTHarmTrapSentences scores incidence on own sentences where a harm word ("developed",
// "died of", "complications", "withdrew") stands beside an infection or anaemia that is the
// trial's condition, endpoint or baseline (no tuple), mixed with true harms
// (testdata/incidence/rct_hard2.tsv). Even rows tuned on, odd rows held out.
func TestRCTHarmTrapSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_hard2.tsv", "")
	// Floors under the figures of 2026-12-02, before any rule was tuned on the set (g tune
	// P 0.667 R 0.267, held out 0.900 / 0.265; the branch of harm words: 0.680/0.567,
	// 0.667/0.471). With adverse_event.acquired: g tune 0.917 / 0.367, held out 0.909 / 0.294.
	// With the harm words of adverse_event.befell (2026-12-02): g tune 0.944 / 0.567, held
	// out 0.667 / 0.471. This set is built of traps for exactly those words (85 traps to 55
	// harms); on real text the same words raise precision and recall together (gold test
	// P 0.857 -> 0.929, R 0.182 -> 0.394), so its held-out precision floor moved, knowingly.
	floors := map[string][2]float64{
		"g tune":     {0.95, 0.76}, // 2026-12-02 (fourth session), "experienced" a harm word: 0.950 / 0.633; ninth, arms named by their drug, "HPV 16 infection" a condition: 0.952 / 0.667; a second arm after "and": 0.955 / 0.700; seventh sitting, "n of N acquired …", "after they were enrolled" no baseline: 0.957 / 0.733; fourteenth sitting, "reported in/by", "led to death" and "fatal" harm words and "experienced at least one": 0.958 / 0.767
		"g held out": {0.79, 0.67}, // ninth session, an arm named by its drug (incidence.percent_of_arm): 0.704 / 0.559; seventh sitting, "n of N acquired …", "after they were enrolled" no baseline: 0.714 / 0.588; ninth sitting, arms named by a participle ("6 (4%) fed early and 9 (7%) fed late"): 0.724 / 0.618; nineteenth sitting, the same: 0.742 / 0.676; thirty-ninth sitting, a clause that opens "At baseline," counts no incidence: 0.793 / 0.676
	}
	checkIncidenceFloors(t, scores, floors, "g tune", "g held out")
}

// TestRCTThirdSentences scores incidence on batch k (testdata/incidence/rct_hard3.tsv), own
// sentences of harms in ordinary trials written and labelled blind to the rules. Even rows
// tuned on, odd rows held out.
func TestRCTThirdSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_hard3.tsv", "")
	// First contact (2026-12-04, the rules of 468a225, before any rule was tuned on it):
	// k tune P 1.000 R 0.792, held out P 0.867 R 0.684.
	floors := map[string][2]float64{
		"k tune":     {0.99, 0.99}, // "drug-related" and "drug-induced" harm words, a denial "in any cycle" observed, "and in no patient on placebo" a zero arm: 1.000 / 0.958; twentieth sitting, "one vaccine recipient" a qualified count: 1.000 / 1.000
		"k held out": {0.96, 0.81}, // seventeenth sitting, "1 of our 30 adults" an observed count, so a result set against a cited one stays the own: 0.871 / 0.711; a bare "randomised to" an arm's drug: 0.900 / 0.711; twenty-first, a bracket of shares after the arms' counts gives each arm its share ("… and 14/60 without (10.0% vs 23.3%)"): 0.967 / 0.763; twenty-seventh sitting, a subject count's arm named by a participle ("3 of the 40 women receiving the implant developed …"): 0.968 / 0.789; thirtieth sitting, an arm named by a participle ("tacrolimus-treated and …"): 0.969 / 0.816
	}
	checkIncidenceFloors(t, scores, floors, "k tune", "k held out")
}

// TestRCTFourthSentences scores incidence on batch y (testdata/incidence/rct_hard4.tsv), own
// sentences of harms in ordinary trials (arms, lists, episodes, flattened table rows, deaths
// by cause) written and labelled blind to the rules. Even rows tuned on, odd rows held out.
func TestRCTFourthSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_hard4.tsv", "")
	// First contact (2026-12-04, thirteenth sitting, the rules of cd4fb93, before any rule was
	// tuned on it; the same with the rules of the sitting's start, d6d7057): y tune P 1.000
	// R 0.515, held out P 0.875 R 0.528.
	floors := map[string][2]float64{
		"y tune":     {0.99, 0.74}, // cells "n/N (p)" of flattened rows: 1.000 / 0.561; "… in one and febrile neutropenia in the other": 1.000 / 0.576; "reported by 44 patients, neutropenia by 19": 1.000 / 0.606; "21 (33%) recipients of A and 30 (48%) recipients of B" two arms: 1.000 / 0.621; "drug-induced liver failure", "related to study treatment" a harm: 1.000 / 0.636; fourteenth sitting, "reported in/by", "led to death" and "fatal" harm words and "experienced at least one": 1.000 / 0.682; thirty-sixth sitting, "…, 5 by relapse and 3 by …" (incidence.and_n_to): 1.000 / 0.742
		"y held out": {0.97, 0.81}, // cells "n/N (p)" of flattened rows: 0.895 / 0.642; fourteenth sitting, "reported in/by", "led to death" and "fatal" harm words and "experienced at least one": 0.902 / 0.698; an infection counted "in the two groups" or that "occurred in either arm" arose in the trial: 0.905 / 0.717; fifteenth sitting, counts that discontinued "because of" an outcome: 0.909 / 0.755; eighteenth sitting, an event "requiring" care befell the patients (adverse_event.requiring): 0.955 / 0.792; twenty-fifth sitting, counts "with and without" a treatment are two groups': 0.956 / 0.811; thirty-fifth sitting, the team's own earlier pilot an other study ("in our earlier pilot study of 20 patients, no DLT was seen"): 0.977 / 0.811
	}
	checkIncidenceFloors(t, scores, floors, "y tune", "y held out")
}

// TestRCTFifthSentences scores incidence on batch ab (testdata/incidence/rct_hard5.tsv): own
// sentences written blind to the rules, CAR-T and bispecific results mixed with ordinary
// two- and three-arm trials; even rows tuned, odd rows held out.
func TestRCTFifthSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_hard5.tsv", "")
	// First contact (2026-12-04, fourteenth sitting, the rules of a7600ee, before any rule was
	// tuned on it; the same with the rules of the sitting's start, fc2316f): ab tune P 0.979
	// R 0.754, held out P 0.961 R 0.831.
	floors := map[string][2]float64{
		"ab tune":     {0.98, 0.90}, // "All but one of the 11 patients developed CRS" a subject: 0.979 / 0.770; "respectively" 16 words after a list of shares: 0.980 / 0.803; "others" and "vaccinees" count nouns: 0.981 / 0.836; a period's count, then "and in" another's: 0.981 / 0.852; "and all four cases were grade 1": 0.981 / 0.869; "in 2 vaccinees and in no placebo recipients" two arms, the second a zero: 0.982 / 0.885; "Three patients with grade 3 CRS needed vasopressors" counts both: 0.982 / 0.902; fifteenth sitting, "No patient died of a treatment-related cause" a zero: 0.982 / 0.918; forty-eighth sitting, the audit of episode counts (GUIDELINES rule 7: an episode count beside a labelled outcome is a tuple of its own) added labels, mostly misses, and the floor moved to the audited figure: 0.982 / 0.903
		"ab held out": {0.96, 0.86}, // twentieth sitting, "were found/seen/noted in 2 and 7 patients" an observed signal: 0.963 / 0.881; forty-eighth sitting, the audit of episode counts (GUIDELINES rule 7: an episode count beside a labelled outcome is a tuple of its own) added labels, mostly misses, and the floor moved to the audited figure: 0.963 / 0.867
	}
	checkIncidenceFloors(t, scores, floors, "ab tune", "ab held out")
}

// TestRCTSixthSentences scores incidence on batch ac (testdata/incidence/rct_hard6.tsv): own
// sentences written blind to the rules, CAR-T and bispecific results mixed with ordinary
// trials, four paragraphs (one a table that lost its layout); even rows tuned, odd rows held out.
func TestRCTSixthSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_hard6.tsv", "")
	// First contact (2026-12-04, fifteenth sitting, the rules of 6f4c3bb, before any rule was
	// tuned on it): ac tune P 0.957 R 0.682, held out P 0.895 R 0.761; with the rules of the
	// sitting's start (96119ff): tune 0.957 / 0.682, held out 0.891 / 0.731.
	floors := map[string][2]float64{
		"ac tune":     {0.98, 0.95}, // fifteenth sitting, tuned on: "including grade ≥3 events in 6", "also received", "discontinued treatment because of", "7% of inpatients", "in 11 and 7 patients", "treated at 0.72 mg/kg", "the remaining patient", "was the dose-limiting toxicity in 2 of 7", "none … did", "affected 2, 5 and 6 patients": 0.967 / 0.879; forty-ninth sitting, a grade given at a sentence's opening to the CRS or ICANS the sentence before named ("It was grade 1 in 20, …", refers_to): 0.984 / 0.940; and a grade denied after those grades ("…, and there were no grade 4 events"): 0.985 / 0.955
		"ac held out": {0.92, 0.77}, // sixteenth sitting, a zero arm before an arm that had it: 0.897 / 0.776; thirty-ninth sitting, a clause that opens "At baseline," counts no incidence: 0.929 / 0.776
	}
	checkIncidenceFloors(t, scores, floors, "ac tune", "ac held out")
}

// TestRCTSeventhSentences scores incidence on batch ad (testdata/incidence/rct_hard7.tsv):
// own sentences written blind to the rules, mostly CAR-T and bispecific safety results with
// a wide vocabulary of events, the rest ordinary trials, labelled by rule 7 of the gold
// guideline (a count of episodes is a tuple of its own); even rows tuned, odd rows held out.
func TestRCTSeventhSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_hard7.tsv", "")
	// First contact (2026-12-04, sixteenth sitting, the rules of 818eb7f, before any rule was
	// tuned on it): ad tune P 0.969 R 0.759, held out P 0.887 R 0.653.
	floors := map[string][2]float64{
		"ad tune":     {0.99, 0.92}, // sixteenth sitting, tuned on: a flattened row labelled "Grade ≥3 CRS" counts the grade only, "Infections, all grades 24 (57) 19 (48)" a row of every grade: 1.000 / 0.783; "versus 15 (11%) of the usual-care patients" another arm, its "of" no clause of its own: 1.000 / 0.795; "after randomisation" says an infection arose on study (adverse_event.befell): 1.000 / 0.831; "in no patient in one group and in 6 patients (4%) in the other" two arms: 1.000 / 0.843; parts of an infection count by kind after a colon ("bacterial in 18, viral in 20 and fungal in 3", breakdown.kind): 1.000 / 0.880; an arm named by a dosing schedule ("receiving docetaxel every 3 weeks and in 18 of 138 …", arm.named_schedule): 1.000 / 0.892; a pair after the pair a "respectively" maps ("…, respectively, and CMV reactivation in 41 (42%) and 55 (54%)"): 1.000 / 0.904; eighteenth sitting, an event "requiring" care befell the patients (adverse_event.requiring): 1.000 / 0.928
		"ad held out": {0.94, 0.73}, // eighteenth sitting, a count after a semicolon that had a grade of the CRS counted 24 units before: 0.889 / 0.667; twenty-seventh, an event whose share is given per arm befell the patients (adverse_event.in_arms): 0.926 / 0.694; thirtieth sitting, a bare pair after a sentence's arms: 0.927 / 0.708; thirty-second sitting, a count of episodes before the event's name ("21 infection episodes arose in 15 adults"): 0.929 / 0.722; thirty-fourth, "the two affected patients" the event's count: 0.946 / 0.736
	}
	checkIncidenceFloors(t, scores, floors, "ad tune", "ad held out")
}

// TestCarTAbstracts scores incidence on own structured abstracts (testdata/incidence/
// cart_abstracts.tsv), each a document whose Background, Methods and general Conclusions
// give no tuple: batch l tuned on whole, batch m held out whole.
func TestCarTAbstracts(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/cart_abstracts.tsv", "", "tune:l", "m")
	// First contact (2026-12-04, the rules of 8dae864, before any rule was tuned on it):
	// l tune P 0.963 R 0.825, m held out P 1.000 R 0.828.
	floors := map[string][2]float64{
		"l tune":     {0.98, 0.96}, // "5 deaths …, 3 of which were due to sepsis" (incidence.count_of_which): 0.966 / 0.889; a treatment "given to 16 patients" observed, "and corticosteroids to 5 for …", ", most commonly infection" no knowledge and no count of its own: 0.965 / 0.873; fourteenth sitting, a count of dose-limiting toxicities ("one DLT occurred") counts them (incidence.dlts): 0.984 / 0.952; fifteenth sitting, "Among the 14 …, 13 had CRS, compared with 14 of 18 …" two arms: 0.984 / 0.968
		"m held out": {0.99, 0.86}, // fifteenth sitting, "and in" between counts of different wholes: 1.000 / 0.845; eighteenth sitting, "… and were grade 3 or higher in 5 (12%)" a count of the adverse event at a grade: 1.000 / 0.862
	}
	checkIncidenceFloors(t, scores, floors, "l tune", "m held out")
}

// TestCarTAbstractsSecond scores incidence on a second set of own structured abstracts
// (testdata/incidence/cart_abstracts2.tsv): eight CAR-T and bispecific reports and four
// two-arm trials, written blind to the rules. Batch ag tuned on whole, batch ah held out whole.
func TestCarTAbstractsSecond(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/cart_abstracts2.tsv", "", "tune:ag", "ah")
	// First contact (2026-12-04, the rules of 0a19be9, before any rule was tuned on it):
	// ag tune P 0.887 R 0.598, ah held out P 0.932 R 0.561; with three value names set to the
	// vocabulary's and "all 24 patients" given its whole, as the file's header says (the same
	// rules): ag P 0.952 R 0.641, ah P 0.966 R 0.582.
	floors := map[string][2]float64{
		"ag tune":     {0.95, 0.71}, // a list of three or more counts each out of its own whole after any verb ("ICANS affected 1 of 3, 2 of 6 and 5 of 9 adults"), not only after "in": 0.954 / 0.674; a count after a semicolon that had a grade of the CRS or ICANS counted 24 units before ("…, grade 3 in one; none of the 30 had a grade 4 event"): 0.955 / 0.685; "… and were grade 3 or higher in 5 (12%)" a count of the adverse event at a grade: 0.955 / 0.696; deaths "attributed to QZ-310", a product named by its code: 0.956 / 0.707; "steroid-refractory", "steroid-dependent" no steroid given (toxicity_treatment not_after): 0.957 / 0.717
		"ah held out": {0.96, 0.65}, // twentieth sitting, "in 3 versus 8 patients" and "(1.7% [1/60] vs …)" observed signals: 0.968 / 0.622; twenty-first, "6% (3/50) had grade 3 CRS" a share and its fraction as the subject: 0.969 / 0.633; thirty-first sitting, a bare count after 'and' before a treatment a gapped count of the verb before (incidence.gapped_bare): 0.969 / 0.643; thirty-sixth sitting, "31 infectious episodes" (incidence.episode_term): 0.970 / 0.653
	}
	checkIncidenceFloors(t, scores, floors, "ag tune", "ah held out")
}

// TestCarTAbstractsThird scores incidence on a third set of own structured abstracts
// (testdata/incidence/cart_abstracts3.tsv): twelve CAR-T and bispecific reports whose
// Results rows copy the structures, not the words, of real published abstracts, written
// blind to the rules. Batch ao tuned on whole, batch ap held out whole.
func TestCarTAbstractsThird(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/cart_abstracts3.tsv", "", "tune:ao", "ap")
	// First contact (2026-12-07, fiftieth sitting, the rules of dc14aaa, before any rule was
	// tuned on it): ao tune P 0.944 R 0.817, ap held out P 0.928 R 0.778.
	floors := map[string][2]float64{
		"ao tune":     {0.95, 0.83}, // a count that "met (consensus) criteria for" an event had it: 0.945 / 0.827; a list of grades past "of the cohort": 0.946 / 0.837; "most CRS events (91%)" a share of the events: 0.956 / 0.837
		"ap held out": {0.92, 0.77},
	}
	checkIncidenceFloors(t, scores, floors, "ao tune", "ap held out")
}

// TestCarTResults scores incidence on own safety sub-sections of full-text CAR-T and
// bispecific reports (testdata/incidence/cart_results.tsv): prose and tables flattened one
// line a row, whose forms copy the structures of real full-text reports, FDA reviews and
// registries, written blind to the rules. Batch aq tuned on whole, batch ar held out whole.
func TestCarTResults(t *testing.T) {
	scores := scoreOwnLines(t, "incidence/cart_results.tsv", "tune:aq", "ar")
	// First contact (2026-12-07, fiftieth sitting, the rules of a1e81d5, before any rule was
	// tuned on it): aq tune P 0.891 R 0.803, ar held out P 0.923 R 0.712.
	floors := map[string][2]float64{
		"aq tune":     {0.90, 0.87}, // a header line of grade columns that the splitter kept with the caption above it: 0.908 / 0.811; "refractory to" reaches forward only: 0.910 / 0.828; a grade said of all of a count in its own bracket (the set's label writes no share there, cart_abstracts3's does): 0.902 / 0.828; a bare zero cell: 0.903 / 0.836; a row label past its term ("HLH-like syndrome"): 0.906 / 0.869; "a total of 38 infection episodes": 0.907 / 0.877
		"ar held out": {0.92, 0.71},
	}
	checkIncidenceFloors(t, scores, floors, "aq tune", "ar held out")
}

// TestRCTTables scores incidence on own safety excerpts of ordinary trials whose tables lost
// their layout (testdata/incidence/rct_tables.tsv): batch o tuned on whole, batch p held out
// whole.
func TestRCTTables(t *testing.T) {
	scores := scoreOwnLines(t, "incidence/rct_tables.tsv", "tune:o", "p")
	// First contact (2026-12-04, the rules of d54198a, before any rule was tuned on it):
	// o tune P 1.000 R 0.382, p held out P 0.917 R 0.629.
	floors := map[string][2]float64{
		"o tune":     {0.99, 0.92}, // two cells side by side whose bar was lost join as columns (arm.column), a row's window reaches past the table's other rows and header lines to its caption: 1.000 / 0.673; liver enzyme and ALT elevations hepatotoxicity, zero cells among "n (p)" cells, "in 8 (2.6%), 5 (1.7%) and 2 (0.7%) patients" three groups: 1.000 / 0.800; a grade's number no bare count, "pneumonia (5, 2 and 1 patients, respectively)" the groups' counts: 1.000 / 0.836 (the same for two counts, "(2 and 1 patients in the active arms)", cost test4 a tuple: narrowed to three); a header of grades read from the header lines the splitter cut apart, over the table's section labels: 1.000 / 0.855; fourteenth sitting, "reported in/by", "led to death" and "fatal" harm words and "experienced at least one": 1.000 / 0.909; a bracket of two bare counts after its outcome ("(2 and 1 patients in the active arms)"): 1.000 / 0.927
		"p held out": {0.93, 0.85}, // first contact 0.917 / 0.629; the same: 0.935 / 0.829; thirtieth sitting, an arm named by a participle: 0.938 / 0.857
	}
	checkIncidenceFloors(t, scores, floors, "o tune", "p held out")
}

// TestRCTTables2 scores incidence on own safety excerpts in the three ways full-text
// extraction flattens a table (testdata/incidence/rct_tables2.tsv: a row's cells run
// together with spaces, glued to each other, or one per line): batch am tuned on whole,
// batch an held out whole.
func TestRCTTables2(t *testing.T) {
	scores := scoreOwnLines(t, "incidence/rct_tables2.tsv", "tune:am", "an")
	// First contact (2026-12-07, forty-ninth sitting, the rules of 4c07f28, before any rule
	// was tuned on it): am tune P 0.936 R 0.620, an held out P 1.000 R 0.431.
	floors := map[string][2]float64{
		"am tune":     {0.99, 0.87}, // first contact 0.936 / 0.620; forty-ninth sitting, a label glued to an n/N cell, a share after the arm, an arm named by a code or a dose, a grade in a row label: 0.966 / 0.789; a header repeating "Any grade   Grade ≥3" for each group, rows run together, a label in capitals glued to its count: 1.000 / 0.873
		"an held out": {0.99, 0.46}, // first contact 1.000 / 0.431; forty-ninth sitting, a header repeating "Any grade   Grade ≥3" for each group, rows run together: 1.000 / 0.462
	}
	checkIncidenceFloors(t, scores, floors, "am tune", "an held out")
}

// TestCarTTables scores incidence on own safety excerpts of CAR-T and bispecific articles
// whose tables lost their layout (testdata/incidence/cart_tables.tsv): batch q tuned on
// whole, batch t held out whole.
func TestCarTTables(t *testing.T) {
	scores := scoreOwnLines(t, "incidence/cart_tables.tsv", "tune:q", "t")
	// First contact (2026-12-04, the rules of 31d615a, before any rule was tuned on it):
	// q tune P 0.975 R 0.706, t held out P 0.925 R 0.681.
	floors := map[string][2]float64{
		"q tune":     {0.98, 0.90}, // header lines cut apart read as one header ("Any grade" / "Grade ≥3 n (%)") over section labels ("Hematologic"), n/N cells a row's cells: 0.979 / 0.853; a table's rows take no room in any window ("Tocilizumab was administered to 24 patients" after a table that counts CRS): 0.979 / 0.862; "…, and 3 patients had events of grade 3 or higher" a grade of the event counted before (crs/icans.grade.events_of): 0.979 / 0.872; "one of these events was grade 3": 0.980 / 0.881; events counted under a heading that names harms: 0.990 / 0.908
		"t held out": {0.93, 0.76}, // first contact 0.925 / 0.681; the same: 0.931 / 0.736; the same: 0.932 / 0.747; forty-sixth sitting, events counted under a heading that names harms: 0.933 / 0.769
	}
	checkIncidenceFloors(t, scores, floors, "q tune", "t held out")
}

// TestDiscussionTraps scores incidence on own Introduction and Discussion paragraphs whose
// counts are mostly other studies' (testdata/incidence/discussion_traps.tsv): only the
// authors' own results give tuples. Batch u tuned on whole, batch v held out whole.
func TestDiscussionTraps(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/discussion_traps.tsv", "", "tune:u", "v")
	// First contact (2026-12-04, the rules of b5ddb0f, before any rule was tuned on it):
	// u tune P 0.786 R 0.846, v held out P 0.833 R 0.714.
	floors := map[string][2]float64{
		"u tune":     {0.84, 0.84}, // a citation's clause goes on past ", including": 0.846 / 0.846
		"v held out": {0.99, 0.71}, // thirty-third sitting: 1.000/0.714 (was 0.833/0.714)
	}
	checkIncidenceFloors(t, scores, floors, "u tune", "v held out")
}

// TestRCTEighthSentences scores incidence on batch ae (testdata/incidence/rct_hard8.tsv): own
// sentences written blind to the rules in the count forms CAR-T and bispecific abstracts use
// ("in 40% (8/20)", "each of the 9", grades in brackets after a count, colon lists, deaths by
// cause), the rest ordinary trials, labelled by the gold guideline; even rows tuned, odd rows
// held out.
func TestRCTEighthSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_hard8.tsv", "")
	// First contact (2026-12-04, seventeenth sitting, the rules of 1351b9b, before any rule was
	// tuned on it): ae tune P 0.943 R 0.704, held out P 0.911 R 0.699.
	floors := map[string][2]float64{
		"ae tune":     {0.97, 0.92}, // seventeenth sitting, tuned on: "in 28 (grade 1–2)" a count of the grade (incidence.in_bare_graded): 0.946 / 0.746; "…; it fell to 12% and 7%" a pronoun's list of shares: 0.948 / 0.775; "; no event of grade 3 or higher occurred": 0.949 / 0.789; "…; 3/16 (19%) had grade 2" a fraction subject: 0.951 / 0.817; "4.2% of cycles (11 of 262)", "affected 52%": 0.968 / 0.845; "including 3 (8%) grade 3-4 events", "(all grade 1)" after a long count, "9.8% (25 of 255 cycles)": 0.969 / 0.887; thirty-fifth sitting, a bracketed grade said of all the event's cases ("CRS occurred in 28 (grade 1–2)"): 0.970 / 0.915; thirty-sixth sitting, fatal events: 0.971 / 0.930
		"ae held out": {0.95, 0.79}, // seventeenth sitting: 0.912 / 0.712; twenty-eighth sitting, a count that binds after it ends its reach at ", and" before an outcome that opens a clause with a count of its own: 0.930 / 0.726; twenty-ninth, "given to 19 of them" a count of the treatment: 0.931 / 0.740; thirtieth sitting, a bare subject after ", and" out of the whole before it: 0.948 / 0.753; thirty-second sitting, a count of episodes before the event's name: 0.949 / 0.767; thirty-fifth sitting, a bracketed grade said of all the event's cases: 0.950 / 0.781; thirty-sixth sitting, the last dose of a list joined by "and" (arm.ordinal_ellipsis): 0.951 / 0.795
	}
	checkIncidenceFloors(t, scores, floors, "ae tune", "ae held out")
}

// TestRCTNinthSentences scores incidence on batch af (testdata/incidence/rct_hard9.tsv): own
// sentences written blind to the rules, half CAR-T and bispecific safety results, half
// ordinary randomised trials with registry-style result lines and flattened table rows,
// labelled by the gold guideline; even rows tuned, odd rows held out.
func TestRCTNinthSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_hard9.tsv", "")
	// First contact (2026-12-04, seventeenth sitting, the rules of 3faa8eb, before any rule was
	// tuned on it): af tune P 0.845 R 0.681, held out P 0.872 R 0.612; the rules of the
	// sitting's start (32c5ada) score the same on it.
	floors := map[string][2]float64{
		"af tune":     {0.92, 0.80}, // seventeenth sitting, tuned on: "of those given placebo" an arm (arm.received): 0.847 / 0.694; "Arm B: 5/50 (10.00%)" registry arms (arm.label_colon): 0.852 / 0.722; "every case resolved" no count of the event: 0.869 / 0.736; "at least one episode of" no count: 0.883 / 0.736; a bare "randomised to hydrocortisone" an arm: 0.898 / 0.736; "two patients … (2/97, 2.1%)" one count: 0.917 / 0.764; "supportive care alone" counted: 0.918 / 0.778; thirty-sixth sitting, "six infection-related deaths" (incidence.event_deaths): 0.921 / 0.806
		"af held out": {0.97, 0.65}, // twenty-second sitting, "the sample size assumed …" and "powered to detect …" a design: P 0.872 -> 0.911; twenty-sixth sitting, the numbers of a list share the unit after its last ("after 1, 4 and 6 days"): 0.932; twenty-seventh sitting, a subject count's arm named by a participle ("3 of the 40 women receiving the implant developed …"): 0.933 / 0.627; twenty-eighth sitting, a subject count's clause ends at ", and" before a clause with a count of its own ("12 (25%) needed a dose delay, and FN occurred in 3"): 0.977 / 0.642; thirty-second sitting, a treatment a toxicity went on "despite" is its treatment: 0.978 / 0.657
	}
	checkIncidenceFloors(t, scores, floors, "af tune", "af held out")
}

// TestRCTTenthSentences scores incidence on batches ai and aj (testdata/incidence/rct_hard10.tsv):
// own results paragraphs written blind to the rules, where arms, populations and events are set
// up in one sentence and counted in a later one, in ordinary trials and CAR-T and bispecific
// studies. Batch ai tuned on whole, batch aj held out whole.
func TestRCTTenthSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_hard10.tsv", "", "tune:ai", "aj")
	// First contact (2026-12-07, forty-eighth sitting, the rules of 0c9e2c8, before any rule
	// was tuned on it; the rules of the sitting's start, 27eb4a0, score the same): ai tune
	// P 0.973 R 0.755, aj held out P 0.962 R 0.543.
	floors := map[string][2]float64{
		"ai tune":     {0.98, 0.89}, // forty-eighth sitting (each commit says what): 0.988 / 0.851; forty-ninth, a grade given at a sentence's opening to the CRS the sentence before named (refers_to): 0.988 / 0.883; a grade denied after those grades: 0.988 / 0.894
		"aj held out": {0.96, 0.54},
	}
	checkIncidenceFloors(t, scores, floors, "ai tune", "aj held out")
}

// TestRCTEleventhSentences scores incidence on batches ak and al
// (testdata/incidence/rct_hard11.tsv): own Results sentences of structured abstracts and short
// safety paragraphs, written blind to the rules, half ordinary trials and half CAR-T and
// bispecific studies. Batch ak tuned on whole, batch al held out whole.
func TestRCTEleventhSentences(t *testing.T) {
	scores := scoreOwnSentences(t, "incidence/rct_hard11.tsv", "", "tune:ak", "al")
	// First contact (2026-12-07, forty-eighth sitting, the rules of 6bd3e83, before any rule
	// was tuned on it; the rules of the sitting's start, 27eb4a0, score the same): ak tune
	// P 0.929 R 0.820, al held out P 0.969 R 0.847; with COVID-19 on study labelled infection
	// (GUIDELINES rule 10, against the brief's word; one ak row), ak tune P 0.929 R 0.812.
	floors := map[string][2]float64{
		"ak tune":     {0.92, 0.81},
		"al held out": {0.96, 0.84},
	}
	checkIncidenceFloors(t, scores, floors, "ak tune", "al held out")
}
