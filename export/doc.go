// Package export writes tagged documents in the formats curators load into their own tools,
// and reads back what curators correct.
//
// It owns the mapping from a [classifier.Result] to each format; it owns no tagging, no
// roll-up of tags into document facets (that is [classifier.DocumentFacets], which
// [BratDocument.Result] calls) and no files other than the brat folder it is asked to write.
// It never imports the index: a search's documents reach it as results
// (index.StoredDocument.Result).
//
// # Formats
//
//   - [BioCXML] and [BioCJSON]: the BioC collection of PubTator and BioCreative. One BioC
//     document per trialtag document, one passage per run of sentences of one section
//     (infon "type": title, abstract, methods, …), and one annotation per tag, in its passage,
//     with infons type and facet (the facet), value, status, rule, cue (when the status has
//     one), incidence_n, incidence_of, incidence_source, incidence_percent and
//     incidence_grade (each when the tag's incidence gives it) and denied_grade (a denial
//     limited to some grades). The collection's key is "trialtag" and its infon
//     offset_unit says "character".
//   - [PubTator]: per document a title line (ID|t|…), an abstract line (ID|a|…) and one line
//     per tag: ID, start, end, text, facet, value (the six columns of the format), then
//     trialtag's own columns status, rule and, when there is one, cue. Documents are
//     separated by a blank line.
//   - [Brat]: brat standoff, a folder of ID.txt and ID.ann files (see [BratFolder]): a
//     text-bound annotation (T) per tag, typed by facet; attributes (A) Status and Section;
//     the value as the annotation's note (#, AnnotatorNotes), followed by the rule, cue and
//     incidence for the curator: "2 | rule: crs.grade.before | cue: no", and for a denial
//     limited to some grades (classifier.Tag's DeniedGrade) those grades, "infection | rule:
//     adverse_event.term | cue: no | incidence: 0 | denied grade: 3+", and for a denial
//     that spared some patients only their count, "spared: 18/20", which reading the folder
//     back keeps (neither denial gives "<value>: absent"). An annotation.conf
//     declares the facets and attributes so brat opens the folder as it is.
//
// # Offsets
//
// trialtag's offsets are bytes of UTF-8 text; every format here counts characters (Unicode
// code points: "≥" and "⁺" are one each, as in Python's strings and PubTator's files), so
// offsets are converted, and each tag is checked against the text before it is written
// ([ErrOffset]). The BioC DTD's comment suggests byte offsets, but the BioC corpora of
// PubTator and BioCreative count characters, and so does this package.
//
// BioC locations are offsets into the whole document, as in PubTator's BioC: a passage's
// offset is where its first sentence starts, and its text runs to the end of its last
// sentence. A PubTator title line is the document text up to the end of its title (or its
// first line break) and the abstract line the rest, so that title, one space and abstract
// are the document text again, character for character; line breaks and tabs inside them
// are written as spaces. A brat .txt is the document text with each carriage return written
// as a space, because brat reads text files with universal newlines, which would turn CR LF
// into one character and shift every offset after it.
//
// # Concurrency
//
// A [Stream] is immutable and its methods are safe for concurrent use; a [BratFolder] is not.
package export
