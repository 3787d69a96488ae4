package classifier

import (
	"slices"
	"sort"
	"strings"
)

// termEntry is one surface form of a vocabulary or cue group, compiled to units.
type termEntry struct {
	vocab *Vocabulary   // a vocabulary term, or
	cue   *CueGroup     // a context cue, or
	doc   *DocumentRule // a phrase that makes a document of a kind
	value string
	form  string
	norms []string
	cased []string // non-nil for exact-case forms
	group string   // longest match is decided within a group: facet, class, or "cue"
	// titleOnly: a document rule's phrase that counts only in a title (TitlePhrases)
	titleOnly bool
	// pattern: a cue a pattern of its group found (CueGroup.Patterns), its norms the name
	// the pattern read
	pattern bool
}

// trieNode is a node of the term trie: one edge per normalised unit. Every vocabulary and
// cue phrase of the rule set lives in one trie, so one left-to-right pass over a sentence's
// units finds every term (a multi-pattern matcher over tokens, in the manner of
// Aho–Corasick, with hash lookups per unit).
type trieNode struct {
	next    map[string]*trieNode
	entries []*termEntry
}

func (n *trieNode) add(e *termEntry) {
	cur := n
	for _, w := range e.norms {
		if cur.next == nil {
			cur.next = map[string]*trieNode{}
		}
		nx := cur.next[w]
		if nx == nil {
			nx = &trieNode{}
			cur.next[w] = nx
		}
		cur = nx
	}
	cur.entries = append(cur.entries, e)
}

// hit is a term found in a sentence, in units [start, end).
type hit struct {
	entry      *termEntry
	class      string
	value      string
	start, end int
}

// findTerms returns every term hit in the units, leftmost-longest within each group, hits
// of different groups free to overlap. Exact-case and not_before/not_after limits are applied
// here.
func findTerms(root *trieNode, us []unit) []hit {
	// per group, the longest at the current start (ties all kept); a start has few groups,
	// so a slice searched in turn beats a map cleared at every unit
	type groupBest struct {
		group string
		cs    []cand
	}
	var best []groupBest
	var cands []cand
	for i := range us {
		best = best[:0]
		cur := root
		for j := i; j < len(us); j++ {
			cur = cur.next[us[j].norm]
			if cur == nil {
				break
			}
			for _, e := range cur.entries {
				if !e.accepts(us, i, j+1) {
					continue
				}
				k := 0
				for k < len(best) && best[k].group != e.group {
					k++
				}
				if k == len(best) {
					if len(best) < cap(best) {
						best = best[:k+1]
						best[k].group, best[k].cs = e.group, best[k].cs[:0]
					} else {
						best = append(best, groupBest{group: e.group})
					}
				}
				b := best[k].cs
				switch {
				case len(b) == 0 || j+1 > b[0].end:
					best[k].cs = append(b[:0], cand{e, i, j + 1})
				case j+1 == b[0].end && !sameRule(b, e):
					// The same span in two rules of one group (one term under different
					// conditions): each rule judges its own.
					best[k].cs = append(b, cand{e, i, j + 1})
				}
			}
			if cur.next == nil {
				break
			}
		}
		for _, g := range best {
			cands = append(cands, g.cs...)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].start != cands[b].start {
			return cands[a].start < cands[b].start
		}
		if cands[a].end != cands[b].end {
			return cands[a].end > cands[b].end
		}
		return cands[a].e.group < cands[b].e.group
	})
	// Leftmost-longest within each group.
	type span struct{ start, end int }
	taken := map[string]span{} // group → the last hit kept
	out := make([]hit, 0, len(cands))
	for _, c := range cands {
		if t, ok := taken[c.e.group]; ok && c.start < t.end && (c.start != t.start || c.end != t.end) {
			continue
		}
		taken[c.e.group] = span{c.start, c.end}
		h := hit{entry: c.e, value: c.e.value, start: c.start, end: c.end}
		if c.e.vocab != nil {
			h.class = c.e.vocab.Class
		}
		out = append(out, h)
	}
	return mergeAbbreviations(out, us)
}

// dropForeignAbbreviations drops an abbreviation in brackets right after a term of its class
// when its own rule has no term there but another rule has both: the mention is that rule's
// term and abbreviation ("with graft-versus-host disease (GVHD)", whose long form one rule's
// neighbour limits refuse), so the first rule must not tag the abbreviation alone, nor beside
// the other's tag. A rule of abbreviations only ("CRS" beside "cytokine release syndrome"
// of another) keeps its hit, which joins the term as before.
func dropForeignAbbreviations(hs []hit, us []unit) []hit {
	type key struct {
		class string
		end   int
	}
	var before map[key][]*Vocabulary // rules with a term that ends where a bracket opens
	for _, h := range hs {
		if h.class != "" && h.end < len(us) && us[h.end].norm == "(" {
			if before == nil {
				before = map[key][]*Vocabulary{}
			}
			k := key{h.class, h.end}
			before[k] = append(before[k], h.entry.vocab)
		}
	}
	if before == nil {
		return hs
	}
	bracketed := func(a hit) bool { return a.start > 0 && a.end < len(us) && us[a.end].norm == ")" }
	owned := map[key]bool{} // an abbreviation there that a rule with a term before it will take
	for _, a := range hs {
		if k := (key{a.class, a.start - 1}); bracketed(a) && slices.Contains(before[k], a.entry.vocab) {
			owned[k] = true
		}
	}
	return slices.DeleteFunc(hs, func(a hit) bool {
		k := key{a.class, a.start - 1}
		return bracketed(a) && owned[k] && !slices.Contains(before[k], a.entry.vocab)
	})
}

// sameRule reports whether a candidate of e's vocabulary (or cue group) is already kept.
func sameRule(cs []cand, e *termEntry) bool {
	for _, c := range cs {
		if c.e.vocab == e.vocab && c.e.cue == e.cue {
			return true
		}
	}
	return false
}

// cand is a term match being weighed against others of its group.
type cand struct {
	e          *termEntry
	start, end int
}

// accepts checks the exact-case and neighbour limits of an entry matched at us[start:end].
func (e *termEntry) accepts(us []unit, start, end int) bool {
	if e.cased != nil {
		for k, c := range e.cased {
			if us[start+k].cased != c {
				return false
			}
		}
	}
	if v := e.vocab; v != nil {
		if v.notBefore.matchesBefore(us, start) || v.notAfter.matchesAfter(us, end) {
			return false
		}
	}
	return true
}

func (ws wordSet) matchesBefore(us []unit, start int) bool {
	for _, seq := range ws.seqs {
		if start-len(seq) >= 0 && normsEqual(us[start-len(seq):start], seq) {
			return true
		}
	}
	if start > 0 {
		for _, re := range ws.res {
			if re.MatchString(us[start-1].cased) {
				return true
			}
		}
	}
	return false
}

func (ws wordSet) matchesAfter(us []unit, end int) bool {
	for _, seq := range ws.seqs {
		if end+len(seq) <= len(us) && normsEqual(us[end:end+len(seq)], seq) {
			return true
		}
	}
	if end < len(us) {
		for _, re := range ws.res {
			if re.MatchString(us[end].cased) {
				return true
			}
		}
	}
	return false
}

// verbAfter reports whether the units from end start with a word of the set, a verb, or
// with an adverb or a participle and then such a word: a count's verb may come after "also",
// "later" or "subsequently" ("four (11%) also received dexamethasone", "18 (32%) still had
// cytopenia") and after a participle that says which patients ("four of six treated had").
func (ws wordSet) verbAfter(us []unit, end int) bool {
	return ws.matchesAfter(us, end) || end < len(us) && (subjectAdverbs[us[end].norm] || isParticiple(us[end].norm, participleWhich)) && ws.matchesAfter(us, end+1)
}

// subjectAdverbs are the adverbs that may stand between a count of patients and its verb.
var subjectAdverbs = map[string]bool{"also": true, "later": true, "subsequently": true, "eventually": true,
	"ultimately": true, "additionally": true, "further": true, "then": true, "each": true, "still": true, "again": true}

// participleRole is what a participle after the patients a count counts says of them.
type participleRole uint8

const (
	// participleWhich says which patients, right before the count's verb ("four of the six
	// patients treated had grade 1 CRS").
	participleWhich participleRole = 1 << iota
	// participleArm opens the words that name their arm by what they were given ("3 of the
	// 40 women receiving the implant developed …").
	participleArm
	// participleDose, with "at" or a dose right after it, places them in a dose group ("six
	// patients treated at dose level 2").
	participleDose
)

// participles are the participles that may follow a subject count's patients, by role.
var participles = map[string]participleRole{
	"treated": participleWhich | participleDose, "infused": participleWhich | participleDose, "dosed": participleWhich | participleDose,
	"enrolled": participleWhich, "evaluated": participleWhich, "evaluable": participleWhich, "analysed": participleWhich, "analyzed": participleWhich,
	"randomised": participleWhich | participleArm, "randomized": participleWhich | participleArm,
	"receiving": participleArm | participleDose, "given": participleArm | participleDose,
	"taking": participleArm, "allocated": participleArm, "assigned": participleArm,
}

// isParticiple reports whether word w is a participle of role r.
func isParticiple(w string, r participleRole) bool { return participles[w]&r != 0 }

// normsEqual reports whether the units' normalised forms are seq, one by one.
func normsEqual(us []unit, seq []string) bool {
	for i, w := range seq {
		if us[i].norm != w {
			return false
		}
	}
	return true
}

func joinNorms(us []unit) string {
	if len(us) == 1 {
		return us[0].norm
	}
	parts := make([]string, len(us))
	for i, u := range us {
		parts[i] = u.norm
	}
	return strings.Join(parts, " ")
}

// mergeAbbreviations joins a term and the abbreviation that follows it in brackets, when both
// are of one class: "cytokine release syndrome (CRS)" is one mention, not two. Where several
// rules of the class match both, each term takes its own rule's abbreviation: a rule whose
// term a neighbour word kept out ("with acute kidney injury (AKI)") must not take another
// rule's, which would leave that one unjoined and read as defined as something else
// (otherDefinitions) for the whole document.
func mergeAbbreviations(hs []hit, us []unit) []hit {
	hs = dropForeignAbbreviations(hs, us)
	out := hs[:0]
	for i := 0; i < len(hs); i++ {
		h := hs[i]
		if h.class != "" && h.end < len(us) && us[h.end].norm == "(" {
			k := -1
			for j := i + 1; j < len(hs) && hs[j].start <= h.end+1; j++ {
				a := hs[j]
				if a.start == h.end+1 && a.class == h.class && a.end < len(us) && us[a.end].norm == ")" {
					if a.entry.vocab == h.entry.vocab {
						k = j
						break
					}
					if k < 0 {
						k = j
					}
				}
			}
			if k >= 0 {
				h.end = hs[k].end + 1
				hs = append(hs[:k], hs[k+1:]...)
			}
		}
		out = append(out, h)
	}
	return out
}
