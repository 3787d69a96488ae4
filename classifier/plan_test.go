package classifier_test

import (
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestPlansGiveNoOutcome: a trial's plan told as a publication passage (not loaded as a
// registry record) names what it will estimate, give and follow; a review tells what is
// known and what other trials found; a mouse study tells what befell mice. None of it
// happened to patients of their own, so no outcome facet counts it. Own sentences in the way
// trial summaries set out objectives and an outline, reviews speak of a field, and
// preclinical reports close.
func TestPlansGiveNoOutcome(t *testing.T) {
	t.Parallel()
	c := testrules.Default(t)
	tests := []struct{ name, text string }{
		{"numbered objectives under registry headings",
			"Anakinra to prevent neurotoxicity after CAR T cells\n\nPRIMARY OBJECTIVE:\nI. To estimate the rate of grade 3 or higher ICANS within 30 days.\n\n" +
				"SECONDARY OBJECTIVES:\nI. To estimate the rate of any-grade CRS and the use of tocilizumab and corticosteroids.\n"},
		{"a numbered objective with no heading",
			"The study gives CAR T cells to adults with lymphoma.\nI. To estimate the rate of any-grade CRS after CAR-T cells and the use of tocilizumab and corticosteroids.\n"},
		{"a protocol paper named in its title",
			"Early tocilizumab after BCMA CAR T cells: study protocol for a single-arm phase 2 trial\n\n" +
				"This is an open-label study of a BCMA-directed CAR T-cell product in relapsed myeloma. " +
				"Patients with grade 2 or higher CRS receive tocilizumab 8 mg/kg; corticosteroids are added for refractory events.\n"},
		{"a protocol's design paragraph",
			"Methods and analysis: Adults will be randomised to dexamethasone or standard care after the CAR T cells. " +
				"CRS and ICANS are assessed twice daily while inpatient. Participants who develop grade 1 CRS receive paracetamol and fluids.\n"},
		{"a review named in its title",
			"Bispecific antibodies in myeloma: what clinicians should know\n\n" +
				"T-cell engagers redirect the patient's own T cells against the tumour. Step-up dosing lowers the chance of severe CRS, which is now uncommon. " +
				"Neurotoxicity is less frequent than with CAR T cells. In MajesTEC-1, 72% of patients had CRS, almost all of grade 1 or 2. " +
				"Hypogammaglobulinemia developed in three quarters of participants.\n"},
		{"a leaflet that speaks to its reader",
			"What to expect after CAR T-cell therapy\n\n" +
				"Cytokine release syndrome is a frequent reaction to CAR T cells. It tends to begin with a fever in the first days. " +
				"Your care team checks on you often for it. Tocilizumab is the usual treatment for CRS, and steroids are used for ICANS. " +
				"Most people feel better within a week.\n"},
		{"a guideline that names local practice",
			"Managing toxicities of CAR T cells\n\n" +
				"CRS usually begins within three days of the infusion. Tocilizumab is given for grade 2 CRS according to local guidelines in most centres. " +
				"Dexamethasone is added for CRS that does not respond to tocilizumab. ICANS is treated with corticosteroids. Anakinra is an option when steroids fail.\n"},
		{"a mouse study named in its title",
			"Anti-MPO CAR T cells in a mouse model of ANCA vasculitis\n\n" +
				"We engineered CAR T cells that target MPO-specific B cells. No signs of cytokine release syndrome were observed, and weight loss was minimal.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, vals := range outcomeFacets(c.Tag(corpus.TextDocument("plan", tt.text))) {
				t.Errorf("outcome facet %s = %v in a plan", name, vals)
			}
		})
	}
}

// outcomeFacets returns the outcome facets of a tagged document.
func outcomeFacets(res *classifier.Result) map[string][]string {
	out := map[string][]string{}
	for name, vals := range res.Facets {
		if fc, ok := classifier.LookupFacet(name); ok && fc.Kind == classifier.Outcome {
			out[name] = vals
		}
	}
	return out
}

// TestRegistryPlanFirstIsNoOpening: a registry record whose summary opens with its own plan
// (what it permits, leaves to its doctors or tells its participants) has no opening of
// knowledge before it: the plan's events are hypothetical, not generic background. Own
// sentences in the way consent texts and treatment sections of records are written.
func TestRegistryPlanFirstIsNoOpening(t *testing.T) {
	t.Parallel()
	c := testrules.Default(t)
	tests := []struct{ name, first string }{
		{"a permission", "Systemic steroids are not permitted in the first week unless they treat ICANS."},
		{"a treatment the record permits", "Anakinra may be started for ICANS after two doses of dexamethasone."},
		{"a treatment by the local algorithm", "Tocilizumab is given for CRS following the institutional algorithm."},
		{"a doctor's discretion", "Dexamethasone is added for ICANS at the treating doctor's discretion."},
		{"a consent risk", "Your platelet count can drop after the infusion, and thrombocytopenia may last for months."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkHypothetical(t, tagRecord(t, c, tt.first), tt.first)
		})
	}
}

// TestRegistryPlanAfterOtherWork: in a registry record, a sentence that states the record's
// own plan in words only a record uses so ("at the treating physician's discretion", "taking
// part") after one that cites another trial is no continuation of that trial ("However,
// …"): its events stay the plan's, hypothetical.
func TestRegistryPlanAfterOtherWork(t *testing.T) {
	t.Parallel()
	c := testrules.Default(t)
	for _, next := range []string{
		"However, anakinra is started for ICANS at the treating physician's discretion.",
		"In addition, taking part may bring a higher chance of ICANS.",
	} {
		text := "CAR T Cells for Relapsed Lymphoma\n\nBrief Summary\n\nThis trial gives CD19 CAR T cells to adults with lymphoma.\n\n" +
			"Detailed Description\n\nIn the pivotal ZUMA-1 trial, grade 3 CRS arose in 13% of patients [1]. " + next + "\n"
		checkHypothetical(t, c.Tag(corpus.TextDocument("record", text)), next)
	}
}

// tagRecord tags a registry record whose Brief Summary is summary (a Detailed Description
// follows, as in the records the loader reads) and fails unless it is read as one.
func tagRecord(t *testing.T, c *classifier.Classifier, summary string) *classifier.Result {
	t.Helper()
	text := "CAR T Cells for Relapsed Lymphoma\n\nBrief Summary\n\n" + summary +
		"\n\nDetailed Description\n\nParticipants will be followed for two years.\n"
	res := c.Tag(corpus.TextDocument("record", text))
	if kind := res.JSON().Kind; kind != "registry" {
		t.Fatalf("kind %q, want registry", kind)
	}
	return res
}

// checkHypothetical fails unless the outcome tags of the sentences of res that sentence
// holds exist and are all hypothetical.
func checkHypothetical(t *testing.T, res *classifier.Result, sentence string) {
	t.Helper()
	checkStatus(t, res, sentence, classifier.Hypothetical)
}

// checkStatus fails unless the outcome tags of the sentences of res that sentence holds
// exist and all have the status want.
func checkStatus(t *testing.T, res *classifier.Result, sentence, want string) {
	t.Helper()
	n := 0
	for _, s := range res.Sentences {
		if !strings.Contains(sentence, s.Text) {
			continue
		}
		for _, tag := range s.Tags {
			if fc, ok := classifier.LookupFacet(tag.Facet); !ok || fc.Kind != classifier.Outcome {
				continue
			}
			n++
			if tag.Status != want {
				t.Errorf("%q: %s=%s is %s (%s %s), want %s", sentence, tag.Facet, tag.Value, tag.Status, tag.Rule, tag.Cue, want)
			}
		}
	}
	if n == 0 {
		t.Errorf("no outcome tag in %q", sentence)
	}
}

// TestRegistryProgressNote: a registry record's sentence that says where the running study
// stands (its participants counted so far, its latest data cut) reports the record's own
// patients: a denial there is negated and a count affirmed, not the plan's hypothetical nor
// the literature's generic ("have been observed"). Other trials' patients counted to date,
// another trial's data cut and a clause past a semicolon stay generic.
func TestRegistryProgressNote(t *testing.T) {
	t.Parallel()
	c := testrules.Default(t)
	tests := []struct{ note, facet, status string }{
		{"Twelve participants have been treated so far, and no dose-limiting toxicities have been observed.", "adverse_event", classifier.Negated},
		{"Eight participants have been infused to date; none has had ICANS.", "icans", classifier.Negated},
		{"As of the latest data cut-off, three participants have had grade 2 CRS.", "crs", classifier.Affirmed},
		{"Twelve participants have been treated so far; no dose-limiting toxicities have been observed.", "adverse_event", classifier.Negated},
		{"Twelve patients have been treated in this study so far, and no dose-limiting toxicities have been observed.", "adverse_event", classifier.Negated},
		{"Status update: two of the first five participants have had grade 2 CRS.", "crs", classifier.Affirmed},
		{"Safety report: no participant has had ICANS.", "icans", classifier.Negated},
		// other trials' counts and the literature stay generic
		{"More than 300 patients have been treated to date in earlier trials of this product, and grade 3 ICANS has been observed in 10% of them.", "icans", classifier.Generic},
		{"As of the latest data cut-off of the ZUMA-1 trial, grade 3 CRS had occurred in 13% of patients.", "crs", classifier.Generic},
		{"Six participants have been treated so far; tocilizumab has been used for CRS in most centres.", "crs", classifier.Generic},
	}
	for _, tt := range tests {
		t.Run(tt.note, func(t *testing.T) {
			res := tagRecord(t, c, "This trial gives CD19 CAR T cells to adults with lymphoma. "+tt.note)
			found := false
			for _, s := range res.Sentences {
				for _, tag := range s.Tags {
					if tag.Facet == tt.facet && strings.Contains(tt.note, s.Text) {
						found = true
						if tag.Status != tt.status {
							t.Errorf("%s=%s is %s (%s %s), want %s", tag.Facet, tag.Value, tag.Status, tag.Rule, tag.Cue, tt.status)
						}
					}
				}
			}
			if !found {
				t.Errorf("no %s tag", tt.facet)
			}
		})
	}
}

// TestRegistryConditionIsPlan: in a registry record a condition ("if", "in the event of") is
// the record's own plan or a consent-style risk to the participant, even beside a
// possibility ("may") and in the record's opening, where the same words in an article's
// Background are knowledge; not where the record cites or reports the knowledge ("[3]", "as
// reported in").
func TestRegistryConditionIsPlan(t *testing.T) {
	t.Parallel()
	c := testrules.Default(t)
	for _, s := range []string{
		"If steroids are needed to control ICANS, they may weaken the CAR T cells.",
		"In the event of grade 3 CRS, tocilizumab may be given.",
	} {
		t.Run(s, func(t *testing.T) {
			checkHypothetical(t, tagRecord(t, c, s+" This trial gives CD19 CAR T cells to adults with lymphoma."), s)
		})
	}
	// knowledge the record cites or reports stays knowledge, as in its opening before
	for _, s := range []string{
		"Untreated severe CRS is often fatal if tocilizumab is not given promptly [3].",
		"CRS may progress to grade 4 if tocilizumab is delayed, as reported in the pivotal trials.",
	} {
		t.Run(s, func(t *testing.T) {
			checkStatus(t, tagRecord(t, c, s+" This trial gives CD19 CAR T cells to adults with lymphoma."), s, classifier.Generic)
		})
	}
	// the same condition in an article's Background stays knowledge
	const bg = "If steroids are needed to control ICANS, they may weaken the CAR T cells."
	checkStatus(t, c.Tag(corpus.TextDocument("a", "CAR T cells in lymphoma\n\nBackground\n\n"+bg+"\n\nResults\n\nTwenty patients were treated.\n")), bg, classifier.Generic)
}
