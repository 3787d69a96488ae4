package classifier

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp/syntax"
	"sort"
	"strings"
	"unicode"
)

// Issue severities.
const (
	SeverityError   = "error"   // the rule set does not load
	SeverityWarning = "warning" // it loads, but something is off
)

// Issue is one problem that [Lint] found, at a position.
type Issue struct {
	Pos
	RuleID   string `json:"rule,omitempty"`
	Severity string `json:"severity"`
	// Check names the kind of problem: load, examples, ambiguous-form, duplicate-form,
	// never-matches, unused-exact-case, shadowed-cue.
	Check string `json:"check"`
	Msg   string `json:"message"`
}

func (i Issue) String() string {
	id := ""
	if i.RuleID != "" {
		id = i.RuleID + ": "
	}
	return fmt.Sprintf("%s: %s: %s%s [%s]", i.Pos, i.Severity, id, i.Msg, i.Check)
}

// LintFS lints the rule files of fsys, as [Lint].
func LintFS(fsys fs.FS) ([]Issue, error) {
	files, err := RuleFiles(fsys)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, ErrNoRules
	}
	srcs, err := readFiles(fsys, files)
	if err != nil {
		return nil, err
	}
	return Lint(files, srcs), nil
}

// Lint reports every problem of a rule set at once, each with file:line:col: what stops it
// loading (unknown keys, missing fields, duplicate ids, invalid patterns, values outside
// their facet) and what is off though it loads (rules without a positive or a negative
// example, a surface form mapped to two values, patterns that can never match normalised
// text, cues shadowed by another of the same words).
func Lint(names []string, srcs map[string][]byte) []Issue {
	rs, errs := parseAll(names, srcs)
	var out []Issue
	for _, err := range errs {
		var re *RuleError
		if errors.As(err, &re) {
			msg := re.Msg
			if re.Prev != nil {
				msg += " (first defined at " + re.Prev.String() + ")"
			}
			if re.Err != nil {
				msg += ": " + re.Err.Error()
			}
			out = append(out, Issue{Pos: re.Pos, RuleID: re.RuleID, Severity: SeverityError, Check: "load", Msg: msg})
			continue
		}
		out = append(out, Issue{Severity: SeverityError, Check: "load", Msg: err.Error()})
	}
	out = append(out, lintExamples(rs)...)
	out = append(out, lintForms(rs)...)
	out = append(out, lintPatterns(rs)...)
	out = append(out, lintCues(rs)...)
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].File != out[b].File {
			return out[a].File < out[b].File
		}
		if out[a].Line != out[b].Line {
			return out[a].Line < out[b].Line
		}
		return out[a].Col < out[b].Col
	})
	return out
}

func warn(pos Pos, id, check, format string, args ...any) Issue {
	return Issue{Pos: pos, RuleID: id, Severity: SeverityWarning, Check: check, Msg: fmt.Sprintf(format, args...)}
}

func lintExamples(rs *RuleSet) []Issue {
	var out []Issue
	check := func(pos Pos, id string, exs []Example) {
		pos2, neg := 0, 0
		for _, e := range exs {
			if e.Match {
				pos2++
			} else {
				neg++
			}
		}
		if pos2 == 0 {
			out = append(out, warn(pos, id, "examples", "no example of text the rule must match (examples: match:)"))
		}
		if neg == 0 {
			out = append(out, warn(pos, id, "examples", "no example of text the rule must not match (examples: nomatch:)"))
		}
	}
	for _, v := range rs.Vocabularies {
		check(v.Pos, v.ID, v.Examples)
	}
	for _, p := range rs.Patterns {
		check(p.Pos, p.ID, p.Examples)
	}
	for _, c := range rs.Cues {
		check(c.Pos, c.ID, c.Examples)
	}
	for _, sg := range rs.Signals {
		check(sg.Pos, sg.ID, sg.Examples)
	}
	for _, d := range rs.Documents {
		check(d.Pos, d.ID, d.Examples)
	}
	for _, r := range rs.Incidence {
		check(r.Pos, r.ID, r.Examples)
		for _, e := range r.Examples {
			if e.Incidence == "" {
				out = append(out, warn(r.Pos, r.ID, "examples", "example %q of an incidence rule gives no incidence: to check", e.Text))
			}
		}
	}
	return out
}

// lintForms finds surface forms that normalise alike: within a facet, to two values
// (ambiguous), or twice to one value in one rule (redundant); and exact_case entries that name
// no form.
func lintForms(rs *RuleSet) []Issue {
	type seen struct {
		value string
		rule  string
		pos   Pos
		form  string
	}
	var out []Issue
	byGroup := map[string]map[string]seen{} // facet (or class) → normalised form → first use
	for _, v := range rs.Vocabularies {
		group := v.Facet
		if group == "" || !v.Emit {
			group = "class:" + v.Class
		}
		if byGroup[group] == nil {
			byGroup[group] = map[string]seen{}
		}
		forms := map[string]bool{}
		exact := map[string]bool{}
		for _, e := range v.ExactCase {
			exact[e] = true
		}
		for _, g := range v.Terms {
			for i, f := range g.Forms {
				forms[f] = true
				key := Normalize(f)
				if exact[f] {
					key = "=" + casedForm(f) // an exact-case form differs from its other cases
				}
				if key == "" {
					continue
				}
				first, dup := byGroup[group][key]
				switch {
				case !dup:
					byGroup[group][key] = seen{g.Value, v.ID, g.forms[i], f}
				case first.value != g.Value:
					out = append(out, warn(g.forms[i], v.ID, "ambiguous-form",
						"%q means %q here but %q at %s (%s, form %q): one surface form, two values", f, g.Value, first.value, first.pos, first.rule, first.form))
				case first.rule == v.ID:
					out = append(out, warn(g.forms[i], v.ID, "duplicate-form",
						"%q matches as %q, already listed at %s", f, first.form, first.pos))
				}
			}
		}
		for _, e := range v.ExactCase {
			if !forms[e] {
				out = append(out, warn(v.Pos, v.ID, "unused-exact-case", "exact_case names %q, which is not one of the rule's surface forms", e))
			}
		}
	}
	return out
}

func casedForm(s string) string {
	us := phraseUnits(s)
	parts := make([]string, len(us))
	for i, u := range us {
		parts[i] = u.cased
	}
	return strings.Join(parts, " ")
}

// lintPatterns finds /regexp/ elements that can never match a unit: units are a run of
// letters and digits or one punctuation mark, so a regexp whose literal text mixes the two
// (or holds a space) never matches.
func lintPatterns(rs *RuleSet) []Issue {
	var out []Issue
	for _, p := range rs.Patterns {
		for _, e := range p.elems {
			if e.kind != elemRegexp {
				continue
			}
			src := e.src
			src = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(src, "?"), "/"), "/")
			if lit, bad := unmatchableLiteral(src); bad {
				out = append(out, warn(p.srcPos, p.ID, "never-matches",
					"/%s/ can never match: it needs %q in one word, but text is matched word by word and punctuation mark by punctuation mark (write the parts as separate elements)", src, lit))
			}
		}
	}
	return out
}

func unmatchableLiteral(expr string) (string, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return "", false
	}
	var found string
	var walk func(r *syntax.Regexp) bool
	walk = func(r *syntax.Regexp) bool {
		if r.Op == syntax.OpLiteral {
			word, punct := false, false
			for _, c := range r.Rune {
				if unicode.IsLetter(c) || unicode.IsDigit(c) {
					word = true
				} else {
					punct = true
				}
			}
			if (word && punct) || strings.ContainsRune(string(r.Rune), ' ') || (punct && len(r.Rune) > 1) {
				found = string(r.Rune)
				return true
			}
		}
		// A concatenation is only as good as every part; an alternation as any part.
		if r.Op == syntax.OpAlternate {
			for _, s := range r.Sub {
				if !walk(s) {
					return false
				}
			}
			return len(r.Sub) > 0
		}
		for _, s := range r.Sub {
			if walk(s) {
				return true
			}
		}
		return false
	}
	return found, walk(re)
}

// lintCues finds cue phrases that normalise alike in two places: only one of them can ever
// match, so the other is shadowed.
func lintCues(rs *RuleSet) []Issue {
	type first struct {
		group *CueGroup
		pos   Pos
	}
	var out []Issue
	seen := map[string]first{}
	for _, cg := range rs.Cues {
		for i, ph := range cg.Phrases {
			key := Normalize(ph)
			if f, dup := seen[key]; dup {
				out = append(out, warn(cg.phrasePos[i], cg.ID, "shadowed-cue",
					"the cue %q is also at %s (%s, %s): only one can match, so this one is shadowed", ph, f.pos, f.group.ID, f.group.Category))
				continue
			}
			seen[key] = first{cg, cg.phrasePos[i]}
		}
	}
	return out
}
