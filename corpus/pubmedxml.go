package corpus

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// pubmedArticle is the part of a <PubmedArticle> element that Load keeps.
type pubmedArticle struct {
	PMID     string               `xml:"MedlineCitation>PMID"`
	Title    flatXMLText          `xml:"MedlineCitation>Article>ArticleTitle"`
	Abstract []pubmedAbstractText `xml:"MedlineCitation>Article>Abstract>AbstractText"`

	Journal       flatXMLText    `xml:"MedlineCitation>Article>Journal>Title"`
	JournalAbbrev flatXMLText    `xml:"MedlineCitation>Article>Journal>ISOAbbreviation"`
	PubDate       pubmedDate     `xml:"MedlineCitation>Article>Journal>JournalIssue>PubDate"`
	ArticleDate   []pubmedDate   `xml:"MedlineCitation>Article>ArticleDate"`
	Authors       []pubmedAuthor `xml:"MedlineCitation>Article>AuthorList>Author"`
	PubTypes      []flatXMLText  `xml:"MedlineCitation>Article>PublicationTypeList>PublicationType"`
	MeSH          []flatXMLText  `xml:"MedlineCitation>MeshHeadingList>MeshHeading>DescriptorName"`
	Keywords      []flatXMLText  `xml:"MedlineCitation>KeywordList>Keyword"`
	DataBanks     []flatXMLText  `xml:"MedlineCitation>Article>DataBankList>DataBank>AccessionNumberList>AccessionNumber"`
	ArticleIDs    []pubmedID     `xml:"PubmedData>ArticleIdList>ArticleId"`
}

// pubmedDate is a <PubDate> or <ArticleDate>: Year, Month (a name or a number) and Day, or
// a MedlineDate written as text ("2022 Dec-2023 Jan").
type pubmedDate struct {
	Year        string `xml:"Year"`
	Month       string `xml:"Month"`
	Day         string `xml:"Day"`
	Season      string `xml:"Season"`
	MedlineDate string `xml:"MedlineDate"`
}

// written is the date as the element writes it, or "".
func (d pubmedDate) written() string {
	if d.MedlineDate != "" {
		return d.MedlineDate
	}
	return strings.Join(strings.Fields(strings.Join([]string{d.Year, d.Month, d.Day, d.Season}, " ")), " ")
}

// pubmedAuthor is one <Author>: a person or a group.
type pubmedAuthor struct {
	LastName       string `xml:"LastName"`
	ForeName       string `xml:"ForeName"`
	Initials       string `xml:"Initials"`
	CollectiveName string `xml:"CollectiveName"`
}

// name writes the author as MEDLINE's FAU field does: "Last, Fore", or the group's name.
func (a pubmedAuthor) name() string {
	switch {
	case a.CollectiveName != "":
		return strings.TrimSpace(a.CollectiveName)
	case a.ForeName != "":
		return strings.TrimSpace(a.LastName) + ", " + strings.TrimSpace(a.ForeName)
	case a.Initials != "":
		return strings.TrimSpace(a.LastName) + " " + strings.TrimSpace(a.Initials)
	}
	return strings.TrimSpace(a.LastName)
}

// pubmedID is an <ArticleId IdType="doi|pmc|pubmed|pii">.
type pubmedID struct {
	Type  string `xml:"IdType,attr"`
	Value string `xml:",chardata"`
}

// meta reads the article's Meta.
func (a *pubmedArticle) meta(pmid string) *Meta {
	m := &Meta{PMID: pmid, Journal: string(a.Journal), JournalAbbrev: string(a.JournalAbbrev)}
	if w := a.PubDate.written(); w != "" {
		m.setDate("PubDate", w)
	} else if len(a.ArticleDate) > 0 {
		m.setDate("ArticleDate", a.ArticleDate[0].written())
	}
	for _, au := range a.Authors {
		m.Authors = addUnique(m.Authors, au.name())
	}
	for _, t := range a.PubTypes {
		m.addPublicationType("PublicationType", string(t))
	}
	for _, h := range a.MeSH {
		m.MeSH = addUnique(m.MeSH, string(h))
	}
	for _, k := range a.Keywords {
		m.Keywords = addUnique(m.Keywords, string(k))
	}
	for _, n := range a.DataBanks {
		m.addRegistryID(string(n))
	}
	for _, id := range a.ArticleIDs {
		v := strings.TrimSpace(id.Value)
		switch strings.ToLower(id.Type) {
		case "doi":
			m.setDOI("ArticleId doi", v)
		case "pmc":
			m.setPMCID("ArticleId pmc", v)
		}
	}
	return m.orNil()
}

// flatXMLText is the text of an element with its inner markup (<i>, <sup>…) dropped and
// its white space collapsed.
type flatXMLText string

// UnmarshalXML implements xml.Unmarshaler.
func (t *flatXMLText) UnmarshalXML(d *xml.Decoder, _ xml.StartElement) error {
	s, err := xmlElementText(d)
	*t = flatXMLText(s)
	return err
}

// pubmedAbstractText is one <AbstractText> element: a paragraph, with an optional label
// ("METHODS") in a structured abstract.
type pubmedAbstractText struct {
	Label string
	Text  string
}

// UnmarshalXML implements xml.Unmarshaler.
func (a *pubmedAbstractText) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for _, at := range start.Attr {
		if at.Name.Local == "Label" {
			a.Label = strings.Join(strings.Fields(at.Value), " ")
		}
	}
	s, err := xmlElementText(d)
	a.Text = s
	return err
}

// xmlElementText reads the rest of the element whose start tag was just read and returns
// its character data, white space collapsed.
func xmlElementText(d *xml.Decoder) (string, error) {
	var b strings.Builder
	for depth := 1; depth > 0; {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			b.Write(t)
		}
	}
	return strings.Join(strings.Fields(b.String()), " "), nil
}

// errArticleTooLarge stops the XML decoder when an article grows over the size limit.
var errArticleTooLarge = errors.New("article over the size limit")

// limitedByteReader feeds an xml.Decoder, counting bytes and failing once a limit is set
// and passed, so that an article is never held whole in memory beyond the limit.
type limitedByteReader struct {
	r     *bufio.Reader
	n     int64 // bytes read
	limit int64 // fail past this many bytes read; 0 for no limit
}

func (c *limitedByteReader) Read(p []byte) (int, error) {
	if c.limit > 0 {
		if c.n >= c.limit {
			return 0, errArticleTooLarge
		}
		p = p[:min(int64(len(p)), c.limit-c.n)]
	}
	k, err := c.r.Read(p)
	c.n += int64(k)
	return k, err
}

func (c *limitedByteReader) ReadByte() (byte, error) {
	if c.limit > 0 && c.n >= c.limit {
		return 0, errArticleTooLarge
	}
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

// loadPubMedXML streams a PubMed XML input (<PubmedArticleSet>), decoding one
// <PubmedArticle> at a time. Malformed XML ends the input with a SkipError.
func (l *loader) loadPubMedXML(in loadInput, br *bufio.Reader) bool {
	cr := &limitedByteReader{r: br}
	dec := xml.NewDecoder(cr)
	dec.Entity = xml.HTMLEntity
	pubmed := false // a PubmedArticleSet or PubmedArticle element was seen
	for {
		if !l.alive() {
			return false
		}
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return l.skip(&SkipError{Source: in.source, Line: line, Kind: SkipMalformed, Reason: "malformed XML; the rest of the file was not read", Err: err})
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch start.Name.Local {
		case "PubmedArticleSet":
			pubmed = true
		case "PubmedArticle":
			pubmed = true
			line, _ := dec.InputPos()
			cr.limit = cr.n + l.max
			var a pubmedArticle
			err := dec.DecodeElement(&a, &start)
			cr.limit = 0
			if errors.Is(err, errArticleTooLarge) {
				return l.skip(&SkipError{Source: in.source, Line: line, Kind: SkipMalformed,
					Reason: fmt.Sprintf("PubmedArticle is over the limit of %d bytes; the rest of the file was not read", l.max)})
			}
			if err != nil {
				errLine, _ := dec.InputPos()
				return l.skip(&SkipError{Source: in.source, Line: errLine, Kind: SkipMalformed, Reason: "malformed XML; the rest of the file was not read", Err: err})
			}
			d, skip := a.document(in, line)
			if skip != nil {
				if !l.skip(skip) {
					return false
				}
				continue
			}
			if !l.emit(d) {
				return false
			}
		}
	}
	if !pubmed {
		return l.skip(&SkipError{Source: in.source, Kind: SkipMalformed, Reason: "not PubMed XML: no PubmedArticleSet or PubmedArticle element"})
	}
	return true
}

// document turns the article that starts on line into a Document, or says why it is
// skipped.
func (a *pubmedArticle) document(in loadInput, line int) (*Document, *SkipError) {
	pmid := strings.TrimSpace(a.PMID)
	if pmid == "" {
		return nil, &SkipError{Source: in.source, Line: line, Kind: SkipMalformed, Reason: "PubmedArticle has no PMID"}
	}
	var paras []string
	for _, p := range a.Abstract {
		switch {
		case p.Text == "":
		case p.Label != "":
			paras = append(paras, p.Label+": "+p.Text)
		default:
			paras = append(paras, p.Text)
		}
	}
	d := &Document{
		ID:     pmid,
		Title:  strings.ToValidUTF8(string(a.Title), "\uFFFD"),
		Text:   strings.ToValidUTF8(strings.Join(paras, "\n\n"), "\uFFFD"),
		Source: in.recordSource(line),
		Format: FormatPubMedXML,
		Meta:   a.meta(pmid),
	}
	if d.Text == "" {
		d.Text = d.Title
	}
	if d.Text == "" {
		return nil, &SkipError{Source: in.source, Line: line, Kind: SkipMalformed, Reason: "PubmedArticle has no ArticleTitle and no AbstractText"}
	}
	return d, nil
}
