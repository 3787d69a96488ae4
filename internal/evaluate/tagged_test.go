package evaluate

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/rules"
)

// baseClassifier has the built-in rules without trials.yaml and without the backward cue
// "not observed": against it the built-in rules gain trial tags and negate "… was not observed".
func baseClassifier(t *testing.T) *classifier.Classifier {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(rules.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "trials.yaml" {
			return err
		}
		b, err := fs.ReadFile(rules.FS, p)
		if p == "context.yaml" {
			s := strings.ReplaceAll(string(b), "      - was not observed\n", "")
			b = []byte(strings.ReplaceAll(s, "      - not observed\n", ""))
		}
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := classifier.Load(m)
	if err != nil {
		t.Fatalf("base rules: %v", err)
	}
	c, err := classifier.New(rs, defaultClassifier(t).Splitter())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDiff(t *testing.T) {
	base, now := baseClassifier(t), defaultClassifier(t)
	tests := []struct {
		name          string
		text          string
		oldRes        func(*corpus.Document, []corpus.Sentence) *classifier.Result // default: base rules
		gained, lost  []string                                                     // facet=value status
		changed       []string                                                     // facet=value old→new
		facets        []DiffFacet
		snippetOfGain string
	}{
		{name: "same tags", text: "Grade 2 CRS occurred in 5 patients.",
			oldRes: now.TagSentences},
		{name: "a tag changes status", text: "ICANS was not observed.",
			changed: []string{"icans=present affirmed→negated"},
			facets:  []DiffFacet{{Doc: "d", Facet: "icans", Added: []string{"absent"}, Removed: []string{"present"}}}},
		{name: "tags gained", text: "This was a phase 1 trial (NCT01234567). Grade 1 CRS occurred.",
			gained:        []string{"trial_phase=phase 1 affirmed", "trial_id=NCT01234567 affirmed"},
			facets:        []DiffFacet{{Doc: "d", Facet: "trial_phase", Added: []string{"phase 1"}, Removed: []string{}}, {Doc: "d", Facet: "trial_id", Added: []string{"NCT01234567"}, Removed: []string{}}},
			snippetOfGain: "This was a [phase 1] trial (NCT01234567).",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &corpus.Document{ID: "d", Text: tt.text}
			sents := now.Splitter().Split(doc.Text)
			old := tt.oldRes
			if old == nil {
				old = base.TagSentences
			}
			d := Diff(old(doc, sents), now.TagSentences(doc, sents))
			show := func(l []DiffTag, changed bool) []string {
				var out []string
				for _, c := range l {
					if c.Doc != "d" || c.Snippet == "" || c.Rule == "" {
						t.Errorf("incomplete change %+v", c)
					}
					s := c.Facet + "=" + c.Value + " " + c.Status
					if changed {
						s = c.Facet + "=" + c.Value + " " + c.OldStatus + "→" + c.Status
					}
					out = append(out, s)
				}
				return out
			}
			check := func(what string, got, want []string) {
				t.Helper()
				if len(got)+len(want) > 0 && !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("gained", show(d.Gained, false), tt.gained)
			check("lost", show(d.Lost, false), tt.lost)
			check("changed", show(d.Changed, true), tt.changed)
			if len(d.Facets)+len(tt.facets) > 0 && !reflect.DeepEqual(d.Facets, tt.facets) {
				t.Errorf("facets = %+v, want %+v", d.Facets, tt.facets)
			}
			if tt.snippetOfGain != "" && d.Gained[0].Snippet != tt.snippetOfGain {
				t.Errorf("snippet = %q, want %q", d.Gained[0].Snippet, tt.snippetOfGain)
			}
			// Swapping the rule sets swaps gained and lost.
			r := Diff(now.TagSentences(doc, sents), old(doc, sents))
			check("lost when swapped", show(r.Lost, false), tt.gained)
		})
	}
}

func TestSortChangesByRule(t *testing.T) {
	l := []DiffTag{{Rule: "b", Facet: "x", Doc: "1"}, {Rule: "a", Facet: "y", Doc: "2"}, {Rule: "a", Facet: "x", Doc: "3"}, {Rule: "a", Facet: "y", Doc: "4"}}
	SortChangesByRule(l)
	var got []string
	for _, c := range l {
		got = append(got, c.Doc)
	}
	if want := []string{"3", "2", "4", "1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func TestCover(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		sentences  int
		fired      map[string]int
		nearMisses []string // topic:keyword:snippet
	}{
		{name: "tagged sentences are no near misses", text: "Grade 2 CRS occurred in 5 patients. No ICANS occurred.", sentences: 2,
			fired: map[string]int{"crs.grade.before": 1, "crs.abbreviation": 1, "icans.term": 1}},
		{name: "a keyword without a tag", text: "Neurotoxicity was common. Patients achieved MRD negativity.", sentences: 2,
			fired:      map[string]int{"remission.criteria": 1},
			nearMisses: []string{"icans:Neurotox:[Neurotox]icity was common."}},
		{name: "nothing", text: "The weather was fine.", sentences: 1, fired: map[string]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dc := Cover(tag(t, "d", tt.text))
			if dc.Sentences != tt.sentences {
				t.Errorf("sentences = %d, want %d", dc.Sentences, tt.sentences)
			}
			if !reflect.DeepEqual(dc.Fired, tt.fired) {
				t.Errorf("fired = %v, want %v", dc.Fired, tt.fired)
			}
			var got []string
			for _, m := range dc.NearMisses {
				if m.Doc != "d" {
					t.Errorf("near miss of doc %q", m.Doc)
				}
				got = append(got, m.Topic+":"+m.Keyword+":"+m.Snippet)
			}
			if !reflect.DeepEqual(got, tt.nearMisses) {
				t.Errorf("near misses = %q, want %q", got, tt.nearMisses)
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	results := map[string]*classifier.Result{
		"a": tag(t, "a", "Grade 2 CRS occurred in 5 patients and was treated with tocilizumab."),
		"b": tag(t, "b", "No ICANS occurred. Neurotoxicity was common."),
	}
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name       string
		gold       docs
		checked    []string
		minF1      *float64
		fp, fn     []string // doc facet=value (evidence tags)
		below      []string
		notChecked []string
	}{
		{name: "all right", gold: docs{"a": {"crs": {"present"}, "crs_grade": {"2"}}, "b": {"crs": {}}},
			checked: []string{"crs", "crs_grade"}, minF1: f(1)},
		{name: "a false positive with its producers",
			gold: docs{"a": {"crs": {"present"}, "crs_grade": {"3"}}, "b": {}},
			fp:   []string{"a crs_grade=2 (crs_grade=2 affirmed crs.grade.before)"},
			fn:   []string{"a crs_grade=3 (crs_grade=2 affirmed crs.grade.before)"},
		},
		{name: "a false negative shows the negated tag", gold: docs{"a": {}, "b": {"icans": {"present"}}},
			checked: []string{"icans", "crs"}, minF1: f(0.5),
			fp:         []string{"b icans=absent (icans=present negated icans.term)"},
			fn:         []string{"b icans=present (icans=present negated icans.term)"},
			below:      []string{"icans"},
			notChecked: []string{"crs"}},
		{name: "a gold id with no result", gold: docs{"a": {"crs": {"present"}}, "c": {"crs": {"present"}}},
			fn: []string{"c crs=present ()"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := Evaluate(tt.gold, results, tt.checked, tt.minF1)
			show := func(m Mismatch, tags []EvidenceTag) string {
				var ev []string
				for _, e := range tags {
					if e.Snippet == "" {
						t.Errorf("evidence without a snippet: %+v", e)
					}
					ev = append(ev, e.Facet+"="+e.Value+" "+e.Status+" "+e.Rule)
				}
				return m.Doc + " " + m.Facet + "=" + m.Value + " (" + strings.Join(ev, "; ") + ")"
			}
			var fp, fn []string
			for _, e := range out.FalsePositives {
				fp = append(fp, show(e.Mismatch, e.Tags))
			}
			for _, e := range out.FalseNegatives {
				fn = append(fn, show(e.Mismatch, e.FacetTags))
			}
			if !reflect.DeepEqual(fp, tt.fp) {
				t.Errorf("false positives = %q, want %q", fp, tt.fp)
			}
			if !reflect.DeepEqual(fn, tt.fn) {
				t.Errorf("false negatives = %q, want %q", fn, tt.fn)
			}
			if want := tt.below; !reflect.DeepEqual(out.BelowMinF1, append([]string{}, want...)) {
				t.Errorf("below min F1 = %q, want %q", out.BelowMinF1, want)
			}
			if !reflect.DeepEqual(out.NotChecked, tt.notChecked) {
				t.Errorf("not checked = %q, want %q", out.NotChecked, tt.notChecked)
			}
			if (out.MinF1 == nil) != (tt.minF1 == nil) || out.MinF1 != nil && *out.MinF1 != *tt.minF1 {
				t.Errorf("min F1 = %v, want %v", out.MinF1, tt.minF1)
			}
			if out.Ignored == nil || out.FalsePositives == nil || out.FalseNegatives == nil {
				t.Error("a list of the outcome is nil (JSON null)")
			}
			if out.Report.Documents != len(tt.gold) {
				t.Errorf("documents = %d, want %d", out.Report.Documents, len(tt.gold))
			}
		})
	}
}

func TestMarkedSnippet(t *testing.T) {
	s := corpus.Sentence{Start: 10, End: 40, Text: "CRS  grade\t2\noccurred in  one."}
	tests := []struct {
		start, end int
		want       string
	}{
		{15, 20, "CRS [grade] 2 occurred in one."},
		{-1, -1, "CRS grade 2 occurred in one."},
		{5, 12, "CRS grade 2 occurred in one."}, // outside the sentence: nothing marked
	}
	for _, tt := range tests {
		if got := MarkedSnippet(s, tt.start, tt.end); got != tt.want {
			t.Errorf("MarkedSnippet(%d, %d) = %q, want %q", tt.start, tt.end, got, tt.want)
		}
	}
	long := corpus.Sentence{Text: strings.Repeat("word ", 100) + "CRS" + strings.Repeat(" word", 100)}
	got := MarkedSnippet(long, 500, 503)
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "[CRS]") || len(got) > 220 {
		t.Errorf("long snippet = %q", got)
	}
}
