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

// resultsSubheadings are headings of a Methods word that a Results section also has as its
// own parts ("Participants": who took part, "Intervention": what they received), so under
// Results they open no Methods section.
var resultsSubheadings = map[string]bool{"participants": true, "patients": true, "intervention": true,
	"interventions": true, "setting": true, "measurements": true}

// resultsSubheading reports whether a whole-line heading is one of resultsSubheadings.
func resultsSubheading(trimmed string) bool {
	return resultsSubheadings[strings.ToLower(strings.TrimSpace(strings.TrimRight(withoutSectionNumber(trimmed), ": ")))]
}

// dottedLabel reports whether a line is a pmc-style label: "BODY." or "ABSTRACT." and the
// section's title in capitals.
func dottedLabel(s string) bool {
	return (strings.HasPrefix(s, "BODY.") || strings.HasPrefix(s, "ABSTRACT.")) && strings.ToUpper(s) == s
}

// dottedWords map the titles of an article's parts (lower case) that a pmc-style label
// gives after "BODY." ("BODY.STATISTICAL ANALYSES:", "BODY.AUTHORS' CONTRIBUTIONS:") and
// that name their kind though no heading word does, or name two kinds of which one holds
// what matters ("METHODS AND FINDINGS" reports results; its methods carry their own cues).
// They are read only in such labels, where the line is surely a heading, not in a line of
// text that may merely look like one. Titles that a Results section uses for its parts as
// often as a Methods section does ("STUDY POPULATION", "RECRUITMENT", "DATA COLLECTION") are
// not here: such a part stays in the section before it.
var dottedWords = map[string]Section{
	// how the trial was run
	"statistical analyses": SectionMethods, "statistics": SectionMethods, "data analysis": SectionMethods,
	"sample size": SectionMethods, "sample size calculation": SectionMethods,
	"randomization": SectionMethods, "randomisation": SectionMethods, "blinding": SectionMethods,
	"ethics": SectionMethods, "ethics statement": SectionMethods,
	"ethical approval": SectionMethods, "study protocol": SectionMethods,
	// two kinds in one title
	"methods and findings": SectionResults, "methods and finding": SectionResults,
	"methods and results": SectionResults, "results and discussion": SectionResults,
	"discussions": SectionDiscussion, "general discussions": SectionDiscussion,
	"discussion and conclusion": SectionDiscussion, "discussion and conclusions": SectionDiscussion,
	"discussions and conclusion": SectionDiscussion, "discussions and conclusions": SectionDiscussion,
	"conclusion and discussion": SectionDiscussion, "conclusions and discussion": SectionDiscussion,
	"background and objectives": SectionBackground, "background and objective": SectionBackground,
	"background and purpose": SectionBackground, "background and rationale": SectionBackground,
	// the back matter: who did what, and lists and files that tell of no patient
	"authors' contributions": SectionDisclosures, "authors’ contributions": SectionDisclosures,
	"authors' contribution": SectionDisclosures, "authors’ contribution": SectionDisclosures,
	"authors' information": SectionDisclosures, "authors’ information": SectionDisclosures,
	"author's contributions": SectionDisclosures, "author’s contributions": SectionDisclosures,
	"contributors": SectionDisclosures, "competing interest": SectionDisclosures,
	"conflict of interests": SectionDisclosures, "sources of funding": SectionDisclosures,
	"disclosure statement": SectionDisclosures,
	// a registration line tells of no patient: after the abstract, the parts after it are
	// the body's (labelSection)
	"trial registration":                 SectionBody,
	"declaration of competing interests": SectionDisclosures, "declaration of competing interest": SectionDisclosures,
	"declaration of interests": SectionDisclosures,
	"abbreviations":            SectionFurniture, "abbreviation": SectionFurniture, "list of abbreviations": SectionFurniture,
	"abbreviations used": SectionFurniture, "list of abbreviations used": SectionFurniture,
	"abbreviations used in this paper": SectionFurniture,
	"pre-publication history":          SectionFurniture,
	// (a supplementary part is none of them: the flattened text may set the article's
	// tables under "SUPPLEMENTARY MATERIALS", so it stays in the section before it)
}

// kindWords are the words that name a section's kind at the end of a longer title of a
// pmc-style label ("RESEARCH DESIGN AND METHODS", "SAFETY RESULTS", "GENERAL DISCUSSION").
var kindWords = map[string]Section{
	"methods": SectionMethods, "method": SectionMethods, "design": SectionMethods,
	"results": SectionResults, "findings": SectionResults,
	"discussion": SectionDiscussion,
	"conclusion": SectionConclusions, "conclusions": SectionConclusions,
	"background": SectionBackground, "introduction": SectionBackground,
	"objective": SectionObjectives, "objectives": SectionObjectives, "aims": SectionObjectives,
}

// weakKinds are the kind words that a title of a later part uses for a subsection as often
// as for a part of their own ("MAIN FINDINGS", "MAIN RESULTS", "CROSSOVER DESIGN" under a
// Discussion): a label they name opens its kind only after the parts before it
// (labelSection).
var weakKinds = map[string]bool{"results": true, "findings": true, "design": true}

// activityWords are the words before "discussion" that make it an activity of the study,
// no part of the paper ("FOCUS GROUP DISCUSSION", "PANEL DISCUSSION").
var activityWords = map[string]bool{"group": true, "groups": true, "panel": true, "focus": true}

// titleLinks are the words by which a title speaks of a kind rather than being one:
// "COMPARISON WITH OTHER METHODS", "INTERPRETATION OF RESULTS" are parts of a Discussion.
var titleLinks = map[string]bool{"of": true, "to": true, "in": true, "with": true, "for": true,
	"on": true, "by": true, "from": true, "between": true, "versus": true, "vs": true, "other": true}

// dottedSection returns the section a pmc-style label opens when sectionOfLabel knows none
// of its parts (or knows only "ABSTRACT"): the kind its most specific part names, read from
// the last part back ("BODY.SUBJECTS AND METHODS.STUDY PARTICIPANTS" is Methods) — a title
// of dottedWords, or a title whose last word names a kind (kindWords) where no other word
// names another kind and none links the title to it ("RESEARCH DESIGN AND METHODS" is
// Methods; "INTERPRETATION OF RESULTS" names none) — and whether that kind is a weak one.
func dottedSection(label string) (sec Section, ok, weak bool) {
	parts := strings.Split(strings.ToLower(strings.TrimSpace(label)), ".")
	for i := len(parts) - 1; i >= 0; i-- {
		part := strings.TrimSpace(parts[i])
		if part == "" || part == "body" || part == "abstract" {
			continue
		}
		if sec, ok, weak := titleSection(part); ok {
			return sec, true, weak
		}
	}
	return "", false, false
}

// titleSection is dottedSection for one part of a label; weak reports a kind of weakKinds.
func titleSection(part string) (sec Section, ok, weak bool) {
	if sec, ok := dottedWords[part]; ok {
		return sec, true, false
	}
	words := strings.FieldsFunc(part, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) == 0 {
		return "", false, false
	}
	last := words[len(words)-1]
	if sec, ok = kindWords[last]; !ok {
		return "", false, false
	}
	weak = weakKinds[last]
	for i, w := range words[:len(words)-1] {
		k, kind := kindWords[w]
		if titleLinks[w] || kind && k != sec || sec == SectionDiscussion && i == len(words)-2 && activityWords[w] {
			return "", false, false
		}
		if kind && !weakKinds[w] {
			weak = false // "METHODS AND DESIGN": a strong word of the same kind
		}
	}
	return sec, true, weak
}

// paperOrder ranks the sections of a paper's body in the order they are written; 0 for
// any other.
var paperOrder = map[Section]int{SectionBackground: 1, SectionObjectives: 1, SectionMethods: 2,
	SectionResults: 3, SectionDiscussion: 4, SectionConclusions: 5}

// labelSection returns the section a pmc-style label that no heading word names opens, given
// the section it stands in and whether it opens a part of its own (the body after the
// abstract, or after back matter): the kind dottedSection reads, unless that kind is of an
// earlier part of the paper than the one the label stands in and is no strong Methods
// ("BODY.MAIN FINDINGS" after "BODY.DISCUSSION", "BODY.PATIENT BACKGROUND" after
// "BODY.RESULTS" are subsections; "BODY.ONLINE METHODS" after a Discussion is Methods), and
// a title of the body's ("TRIAL REGISTRATION") only where it opens a part of its own or
// follows the Discussion; else the section it stands in, or the body of no known kind where
// the label opens a part of its own.
func labelSection(label string, in Section, fresh bool) Section {
	if fresh {
		in = SectionBody
	}
	sec, ok, weak := dottedSection(label)
	switch {
	case !ok:
		return in
	case paperOrder[sec] > 0 && paperOrder[sec] < paperOrder[in] && (weak || sec != SectionMethods):
		return in // a subsection: "PATIENT BACKGROUND" under Results, "STUDY OBJECTIVES" under Methods
	case sec == SectionBody && !fresh && paperOrder[in] < paperOrder[SectionDiscussion]:
		return in // "TRIAL REGISTRATION" inside the body's Methods; after a Discussion it is back matter
	}
	return sec
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
	if found == SectionAbstract && dottedLabel(strings.ToUpper(label)) {
		// "ABSTRACT.RESEARCH DESIGN AND METHODS", "ABSTRACT.METHODS AND FINDINGS": the part's
		// own title says more than the abstract does
		if sec, named, _ := dottedSection(label); named {
			return sec, true
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
