package corpus

import (
	"regexp"
	"strings"
	"unicode"
)

// headingWords maps the words of a heading (lower case) to the section it opens. A heading
// such as "Background/Purpose" or "ABSTRACT.RESULTS" is read part by part and the first known
// part decides.
var headingWords = map[string]Section{
	"title": SectionTitle,

	"abstract": SectionAbstract, "summary": SectionAbstract,

	"background": SectionBackground, "introduction": SectionBackground, "context": SectionBackground,
	"rationale": SectionBackground, "importance": SectionBackground,
	// a review's account of how a toxicity arises, and of what is known of it
	"pathophysiology": SectionBackground, "pathogenesis": SectionBackground,
	"mechanisms": SectionBackground, "mechanism of action": SectionBackground,
	"historical perspective": SectionBackground, "historical background": SectionBackground,
	"historical overview": SectionBackground, "epidemiology": SectionBackground,
	"literature review":        SectionBackground,
	"review of the literature": SectionBackground, "state of the art": SectionBackground,

	"objective": SectionObjectives, "objectives": SectionObjectives, "purpose": SectionObjectives,
	"aim": SectionObjectives, "aims": SectionObjectives, "hypothesis": SectionObjectives,
	"specific aims": SectionObjectives, "study objectives": SectionObjectives,
	// a registry's plan ("PRIMARY OBJECTIVE: I. To estimate the rate of …")
	"primary objective": SectionObjectives, "primary objectives": SectionObjectives,
	"secondary objective": SectionObjectives, "secondary objectives": SectionObjectives,
	"exploratory objective": SectionObjectives, "exploratory objectives": SectionObjectives,
	"tertiary objective": SectionObjectives, "tertiary objectives": SectionObjectives,
	"correlative objectives": SectionObjectives,

	"methods": SectionMethods, "method": SectionMethods, "design": SectionMethods,
	"patients and methods": SectionMethods, "materials and methods": SectionMethods,
	"methods and materials": SectionMethods, "study design": SectionMethods, "setting": SectionMethods,
	"participants": SectionMethods, "interventions": SectionMethods, "intervention": SectionMethods,
	"measurements": SectionMethods, "main outcome measures": SectionMethods,
	"outcome measures": SectionMethods, "statistical analysis": SectionMethods,
	"design, setting, and participants": SectionMethods, "experimental design": SectionMethods,
	"study design and methods": SectionMethods, "eligibility": SectionMethods,
	"eligibility criteria": SectionMethods, "inclusion criteria": SectionMethods,
	"exclusion criteria": SectionMethods, "inclusion and exclusion criteria": SectionMethods,
	"outline": SectionMethods, "projected accrual": SectionMethods, "methods and analysis": SectionMethods,
	// a registry record's fields of its plan
	"primary outcome measure": SectionMethods, "primary outcome measures": SectionMethods,
	"secondary outcome measure": SectionMethods, "secondary outcome measures": SectionMethods,
	"other outcome measures": SectionMethods, "arms and interventions": SectionMethods,

	"results": SectionResults, "findings": SectionResults, "outcomes": SectionResults,
	"posted results": SectionResults, "interim results": SectionResults,
	// A case report's own patient: what befell them is the report's result.
	"case presentation": SectionResults, "case report": SectionResults, "case description": SectionResults,
	"case summary": SectionResults, "case history": SectionResults, "clinical case": SectionResults,
	"case presentations": SectionResults, "case reports": SectionResults, "case": SectionResults,
	"the case": SectionResults,

	"conclusion": SectionConclusions, "conclusions": SectionConclusions,
	"interpretation": SectionConclusions, "conclusions and relevance": SectionConclusions,
	"implications": SectionConclusions,

	"discussion": SectionDiscussion,
	// what a report's authors make of it beyond their results
	"limitations": SectionDiscussion, "strengths and limitations": SectionDiscussion,
	"study limitations": SectionDiscussion, "future directions": SectionDiscussion,
	"future perspectives": SectionDiscussion, "perspectives": SectionDiscussion,
	"outlook": SectionDiscussion, "commentary": SectionDiscussion,

	"keywords": SectionKeywords, "key words": SectionKeywords,

	"disclosures": SectionDisclosures, "disclosure": SectionDisclosures,
	"conflict of interest": SectionDisclosures, "conflict of interest statement": SectionDisclosures,
	"conflicts of interest": SectionDisclosures, "competing interests": SectionDisclosures,
	"funding": SectionDisclosures, "acknowledgements": SectionDisclosures,
	"acknowledgments": SectionDisclosures, "author contributions": SectionDisclosures,

	"references": SectionReferences, "bibliography": SectionReferences,
	"literature cited": SectionReferences, "works cited": SectionReferences,

	"embargo policy": SectionFurniture, "publication types": SectionFurniture,
	"mesh terms": SectionFurniture, "associated data": SectionFurniture,
	"linkout - more resources": SectionFurniture, "similar articles": SectionFurniture,
	"cited by": SectionFurniture, "related articles": SectionFurniture, "substances": SectionFurniture,
	"grants and funding": SectionFurniture, "navigate": SectionFurniture,
	"share": SectionFurniture, "comments": SectionFurniture,
}

// imradInitials are the one-letter names of the body's sections some articles use after
// "BODY." (introduction, methods, results, discussion, conclusions).
var imradInitials = map[string]Section{
	"i": SectionBackground, "m": SectionMethods, "r": SectionResults, "d": SectionDiscussion, "c": SectionConclusions,
}

// headingPatterns map heading labels (lower case) of a kind rather than a fixed wording:
// how to cite the page ("Cite this article", "How to cite", "To cite this abstract in AMA
// style") opens its reference, and a list of the reader's saved items ("Your Favorites",
// "My bookmarks") is page furniture.
var headingPatterns = []struct {
	re  *regexp.Regexp
	sec Section
}{
	{regexp.MustCompile(`^(how to cite|(to )?cite this)\b`), SectionReferences},
	{regexp.MustCompile(`^((your|my|saved) )?(favou?rites|bookmarks|saved (items|articles|abstracts))$`), SectionFurniture},
}

// headingSection reports whether a whole line is a heading, and the section it opens.
func headingSection(trimmed string) (Section, bool) {
	// A heading is short, but a pmc-style label carries its subsection's whole title
	// ("BODY.RESULTS.INCIDENCE RATES OF HEMATOMA ENLARGEMENT AND BRAIN HERNIATION POST-ONSET:").
	if len(trimmed) > 60 && !(len(trimmed) <= 300 && strings.HasSuffix(trimmed, ":") && dottedLabel(trimmed)) {
		return "", false
	}
	label := strings.TrimSpace(strings.TrimRight(withoutSectionNumber(trimmed), ": "))
	if label == "" || strings.ContainsRune(label, ':') {
		return "", false // "Methods: text" is an inline heading, not a heading line
	}
	// "TITLE:" in the pmc format announces the title on the next line.
	if strings.EqualFold(label, "title") && strings.HasSuffix(trimmed, ":") {
		return SectionTitle, true
	}
	sec, ok := sectionOfLabel(label)
	if !ok || sec == SectionTitle {
		return "", false
	}
	return sec, true
}

// dottedLabel reports whether a line is a pmc-style label: "BODY." or "ABSTRACT." and the
// section's title in capitals.
func dottedLabel(s string) bool {
	return (strings.HasPrefix(s, "BODY.") || strings.HasPrefix(s, "ABSTRACT.")) && strings.ToUpper(s) == s
}

// sectionOfLabel maps a heading label ("Background/Purpose", "ABSTRACT.RESULTS",
// "BODY.METHODS.STATISTICAL ANALYSIS") to a section.
func sectionOfLabel(label string) (Section, bool) {
	l := strings.ToLower(strings.TrimSpace(label))
	if sec, ok := headingWords[l]; ok {
		return sec, true
	}
	for _, p := range headingPatterns {
		if p.re.MatchString(l) {
			return p.sec, true
		}
	}
	parts := strings.FieldsFunc(l, func(r rune) bool { return r == '/' || r == '.' || r == '&' })
	if len(parts) < 2 {
		return "", false
	}
	// The most specific part wins: "ABSTRACT.RESULTS" is results, "BODY.METHODS.X" methods.
	// Some articles give the body's parts by their initials ("BODY.I", "BODY.M.STUDY DESIGN",
	// "BODY.R.SAFETY", "BODY.D"): after "body" these letters are the IMRaD sections.
	found, ok := Section(""), false
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "body" {
			continue
		}
		if sec, known := imradInitials[p]; known && i == 1 && strings.TrimSpace(parts[0]) == "body" {
			found, ok = sec, true
			continue
		}
		if sec, known := headingWords[p]; known && sec != SectionTitle {
			if !ok || found == SectionAbstract {
				found, ok = sec, true
			}
		}
	}
	return found, ok
}

// inlineHeading finds a heading label at the start of a line ("Methods: Six patients ..."):
// the section, and the offset in the line where the content starts.
func inlineHeading(l string) (Section, int, bool) {
	i := strings.IndexByte(l, ':')
	if i <= 0 || i > 50 {
		return "", 0, false
	}
	label := strings.TrimSpace(l[:i])
	// "Results (n = 45): …", "Posted results (12 participants): …": a bracket after the
	// label says whom the section covers.
	if open := strings.IndexByte(label, '('); open > 0 && strings.HasSuffix(label, ")") && strings.Count(label, "(") == 1 {
		label = strings.TrimSpace(label[:open])
	}
	for _, r := range label {
		if !(unicode.IsLetter(r) || r == ' ' || r == '/' || r == '.' || r == '&' || r == ',' || r == '-') {
			return "", 0, false
		}
	}
	sec, ok := sectionOfLabel(label)
	if !ok || sec == SectionTitle {
		return "", 0, false
	}
	j := i + 1
	for j < len(l) && (l[j] == ' ' || l[j] == '\t') {
		j++
	}
	return sec, j, true
}

// isInlineHeading reports whether a line starts with a heading label that leaves a furniture
// section.
func isInlineHeading(trimmed string) bool {
	sec, _, ok := inlineHeading(trimmed)
	return ok && sec != SectionFurniture
}
