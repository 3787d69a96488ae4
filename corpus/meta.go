package corpus

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Meta is what a record says about itself besides its text, where its format has it:
// MEDLINE fields, PubMed XML elements, JSON Lines keys, an HTML page's citation_* tags.
// Nothing is invented: a value the record does not give stays empty, and one that cannot be
// read (an impossible date, an unknown publication type) is kept as written and named in
// Problems.
type Meta struct {
	// Date is the publication date, normalised to "2023", "2023-05" or "2023-05-17": only
	// as precise as the record is. DateWritten is the date as the record wrote it, when that
	// differs from Date or could not be read.
	Date        string `json:"date,omitempty"`
	DateWritten string `json:"date_written,omitempty"`
	Journal     string `json:"journal,omitempty"`
	// JournalAbbrev is the journal's abbreviation (MEDLINE TA, ISOAbbreviation).
	JournalAbbrev string   `json:"journal_abbrev,omitempty"`
	Authors       []string `json:"authors,omitempty"`
	// PublicationTypes are PubMed's publication types ("Review", "Clinical Trial, Phase I").
	PublicationTypes []string `json:"publication_types,omitempty"`
	MeSH             []string `json:"mesh,omitempty"`
	Keywords         []string `json:"keywords,omitempty"`
	PMID             string   `json:"pmid,omitempty"`
	PMCID            string   `json:"pmcid,omitempty"`
	DOI              string   `json:"doi,omitempty"`
	// RegistryIDs are trial registry numbers the record lists (NCT…, ChiCTR…, EudraCT…).
	RegistryIDs []string `json:"registry_ids,omitempty"`
	// Phase and Status are a registry record's trial phase and recruitment status.
	Phase  string `json:"phase,omitempty"`
	Status string `json:"status,omitempty"`
	// Problems lists what could not be read, each naming the field and the value as written.
	Problems []string `json:"problems,omitempty"`
}

// empty reports whether m holds nothing.
func (m *Meta) empty() bool {
	return m == nil || m.Date == "" && m.DateWritten == "" && m.Journal == "" && m.JournalAbbrev == "" &&
		len(m.Authors) == 0 && len(m.PublicationTypes) == 0 && len(m.MeSH) == 0 && len(m.Keywords) == 0 &&
		m.PMID == "" && m.PMCID == "" && m.DOI == "" && len(m.RegistryIDs) == 0 && m.Phase == "" &&
		m.Status == "" && len(m.Problems) == 0
}

// orNil returns m, or nil when it holds nothing.
func (m *Meta) orNil() *Meta {
	if m.empty() {
		return nil
	}
	return m
}

// Year returns the year of Date, or 0.
func (m *Meta) Year() int {
	if m == nil || len(m.Date) < 4 {
		return 0
	}
	y, err := strconv.Atoi(m.Date[:4])
	if err != nil {
		return 0
	}
	return y
}

// problem records a value that could not be read.
func (m *Meta) problem(field, value, why string) {
	m.Problems = append(m.Problems, fmt.Sprintf("%s %q: %s", field, value, why))
}

// addUnique appends v to list unless it is empty or already there.
func addUnique(list []string, v string) []string {
	v = strings.TrimSpace(v)
	if v == "" || slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}

// setDate reads a date as a record writes it ("2023 May 17", "2023-05", "2022 Dec-2023 Jan",
// "2023 Spring", "20230517") into Date, keeping what was written in DateWritten when it
// differs, and a problem when nothing sensible can be read.
func (m *Meta) setDate(field, written string) {
	written = strings.Join(strings.Fields(written), " ")
	if written == "" {
		return
	}
	d, ok := normalizeDate(written)
	if !ok {
		m.DateWritten = written
		m.problem(field, written, "not a date")
		return
	}
	m.Date = d
	if d != written {
		m.DateWritten = written
	}
}

var monthNames = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// seasons name no month: a date that gives only a season keeps only its year.
var seasons = map[string]bool{"spring": true, "summer": true, "autumn": true, "fall": true, "winter": true}

// NormalizeDate reads a date as records and users write it ("2023 May 17", "2023-05",
// "20230517", "May 2023") and returns it as "2023", "2023-05" or "2023-05-17", no more
// precise than written; ok is false when it is not a date.
func NormalizeDate(s string) (string, bool) { return normalizeDate(s) }

// normalizeDate reads the start of a date as records write it and returns it as "YYYY",
// "YYYY-MM" or "YYYY-MM-DD", no more precise than written; ok is false when it is not a date
// (no year, or a month or day that does not exist).
func normalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	// "20230517", "202305".
	if len(s) == 8 || len(s) == 6 {
		if _, err := strconv.Atoi(s); err == nil {
			if len(s) == 8 {
				return ymd(s[:4], s[4:6], s[6:8])
			}
			return ymd(s[:4], s[4:6], "")
		}
	}
	// "2023-05-17", "2023/05/17", "2023-05", "2023 May 17", "2023 May 15-21", "2022 Dec-2023 Jan".
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '/' || r == '.' || r == ',' })
	if len(fields) == 0 {
		return "", false
	}
	year := fields[0]
	if len(year) != 4 {
		// "May 17, 2023", "17 May 2023": find the year elsewhere.
		return normalizeLooseDate(fields)
	}
	month, day := "", ""
	if len(fields) > 1 {
		f := strings.ToLower(fields[1])
		switch {
		case seasons[f]:
			return ymd(year, "", "")
		case monthNames[f] > 0:
			month = strconv.Itoa(monthNames[f])
		default:
			if _, err := strconv.Atoi(f); err != nil {
				return "", false
			}
			month = f
		}
		if len(fields) > 2 {
			if _, err := strconv.Atoi(fields[2]); err == nil && len(fields[2]) <= 2 {
				day = fields[2]
			}
		}
	}
	return ymd(year, month, day)
}

// normalizeLooseDate reads "May 17, 2023" and "17 May 2023".
func normalizeLooseDate(fields []string) (string, bool) {
	var year, month, day string
	for _, f := range fields {
		lf := strings.ToLower(f)
		switch {
		case len(f) == 4 && year == "":
			if _, err := strconv.Atoi(f); err == nil {
				year = f
			}
		case monthNames[lf] > 0 && month == "":
			month = strconv.Itoa(monthNames[lf])
		case len(f) <= 2 && day == "":
			if _, err := strconv.Atoi(f); err == nil {
				day = f
			}
		}
	}
	if year == "" || month == "" && day != "" {
		return "", false
	}
	return ymd(year, month, day)
}

// ymd checks and writes a date from its parts; month and day may be empty.
func ymd(year, month, day string) (string, bool) {
	y, err := strconv.Atoi(year)
	if err != nil || len(year) != 4 || y < 1000 {
		return "", false
	}
	if month == "" {
		return year, true
	}
	mo, err := strconv.Atoi(month)
	if err != nil || mo < 1 || mo > 12 {
		return "", false
	}
	if day == "" {
		return fmt.Sprintf("%04d-%02d", y, mo), true
	}
	d, err := strconv.Atoi(day)
	if err != nil || d < 1 || d > daysIn(y, mo) {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// publicationTypes are the publication types PubMed assigns (its Publication Characteristics
// vocabulary, as MEDLINE PT fields and PublicationType elements write them); another value is
// kept and named as a problem.
var publicationTypes = map[string]bool{}

func init() {
	for _, t := range []string{
		"Adaptive Clinical Trial", "Address", "Autobiography", "Bibliography", "Biography",
		"Case Reports", "Classical Article", "Clinical Conference", "Clinical Study",
		"Clinical Trial", "Clinical Trial Protocol", "Clinical Trial, Phase I",
		"Clinical Trial, Phase II", "Clinical Trial, Phase III", "Clinical Trial, Phase IV",
		"Clinical Trial, Veterinary", "Collected Work", "Comment", "Comparative Study",
		"Congress", "Consensus Development Conference", "Consensus Development Conference, NIH",
		"Controlled Clinical Trial", "Corrected and Republished Article", "Dataset",
		"Dictionary", "Directory", "Duplicate Publication", "Editorial", "English Abstract",
		"Equivalence Trial", "Evaluation Study", "Expression of Concern", "Festschrift",
		"Government Publication", "Guideline", "Historical Article", "Interactive Tutorial",
		"Interview", "Introductory Journal Article", "Journal Article", "Lecture",
		"Legal Case", "Legislation", "Letter", "Meta-Analysis", "Multicenter Study", "News",
		"Newspaper Article", "Observational Study", "Observational Study, Veterinary",
		"Overall", "Patient Education Handout", "Periodical Index", "Personal Narrative",
		"Portrait", "Practice Guideline", "Pragmatic Clinical Trial", "Preprint",
		"Published Erratum", "Randomized Controlled Trial",
		"Randomized Controlled Trial, Veterinary", "Research Support, American Recovery and Reinvestment Act",
		"Research Support, N.I.H., Extramural", "Research Support, N.I.H., Intramural",
		"Research Support, Non-U.S. Gov't", "Research Support, U.S. Gov't, Non-P.H.S.",
		"Research Support, U.S. Gov't, P.H.S.", "Research Support, U.S. Gov't",
		"Retracted Publication", "Retraction of Publication", "Review", "Scientific Integrity Review",
		"Scoping Review", "Systematic Review", "Technical Report", "Twin Study",
		"Validation Study", "Video-Audio Media", "Webcast",
	} {
		publicationTypes[strings.ToLower(t)] = true
	}
}

// addPublicationType adds a publication type, naming an unknown one as a problem.
func (m *Meta) addPublicationType(field, t string) {
	t = strings.Join(strings.Fields(t), " ")
	if t == "" {
		return
	}
	if !publicationTypes[strings.ToLower(t)] {
		m.problem(field, t, "not a PubMed publication type")
	}
	m.PublicationTypes = addUnique(m.PublicationTypes, t)
}

// registryIDPrefixes start the registry numbers that a record's databank or secondary-id
// fields list.
var registryIDPrefixes = []string{"NCT", "ChiCTR", "ISRCTN", "ACTRN", "DRKS", "UMIN", "JPRN", "CTRI", "EudraCT", "KCT", "NTR", "IRCT"}

// addRegistryID adds a registry number written alone or after a registry name
// ("ClinicalTrials.gov/NCT01234567").
func (m *Meta) addRegistryID(v string) {
	v = strings.TrimSpace(v)
	if i := strings.LastIndexByte(v, '/'); i >= 0 {
		v = v[i+1:]
	}
	for _, p := range registryIDPrefixes {
		if strings.HasPrefix(v, p) && len(v) > len(p) {
			m.RegistryIDs = addUnique(m.RegistryIDs, v)
			return
		}
	}
}

// setPMCID keeps a PMC id written "PMC1234567" (or its digits).
func (m *Meta) setPMCID(field, v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	digits := strings.TrimPrefix(strings.ToUpper(v), "PMC")
	if _, err := strconv.Atoi(digits); err != nil {
		m.problem(field, v, "not a PMC id")
		return
	}
	m.PMCID = "PMC" + digits
}

// setDOI keeps a DOI ("10.1000/xyz"), from a bare DOI, a "doi:" form or a doi.org link.
func (m *Meta) setDOI(field, v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	low := strings.ToLower(v)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if strings.HasPrefix(low, p) {
			v = strings.TrimSpace(v[len(p):])
			break
		}
	}
	if !strings.HasPrefix(v, "10.") || !strings.Contains(v, "/") {
		m.problem(field, v, "not a DOI")
		return
	}
	m.DOI = v
}
