// Package corpus reads documents and cuts them into sections, sentences and tokens.
//
// It owns [Document], [Sentence], [Token] and [Section]; [Load] reads files, folders and
// standard input in the formats trialtag knows (plain text, Markdown, HTML, JSON Lines,
// PubMed MEDLINE and PubMed XML), streaming multi-record files record by record and
// reporting what it skips as [SkipError]. [Splitter] finds headings, page furniture and
// reference lists, and splits sentences and tokens with prose v3, correcting the sentence
// splits of clinical abbreviations. Every offset is a byte offset into [Document.Text].
//
// It does not own tagging (package classifier) or search (package index), and never reads
// configuration.
package corpus
