// Package index stores tagged documents in a bleve search index and searches them by free
// text and by facets. It owns the bleve mapping, the text analyzer, the index's metadata,
// incremental updates and the query layer ([Create], [Open], [Index.Update], [Index.Search],
// [Interpret]) and returns its own types: bleve's never leave the package, and no other
// package of trialtag imports bleve. It does not read files or configuration and does not
// tag text itself: documents arrive tagged (classifier.Result) or are tagged with the
// classifier.Classifier the caller passes to [Index.TagAndUpdate] and [Interpret].
//
// # Layout: a document and its tagged sentences
//
// Each trialtag document is one bleve document of type "doc", with its id as `trialtag tag`
// gives it. It holds the title and text (analysed, stored, with term vectors for phrases and
// highlighting), the source, the content hash and rules fingerprint, every document facet as
// a keyword field named after the facet (antigen, crs_grade, …; facet counts read its
// terms' postings, see "Cost of a search"), "status_<facet>" keywords "value/status" (one per tag, so that negated and
// hypothetical tags can be asked for and mentions counted), grade_crs and grade_icans
// (numeric affirmed grades, "3+" as 3) with maxgrade_crs and maxgrade_icans for range facets,
// and a stored-only JSON record of the sentences and tags.
//
// Each sentence with tags (outside furniture and reference lists, whose tags never reach
// facets) is a bleve document of type "sent" whose id is the document id and the sentence
// number, with keyword fields "tag_<facet>" (values) and "tagstatus_<facet>" ("value/status").
// Same-sentence filters and the co-occurrence bonus of ranking search these and map the hits
// back to their documents.
//
// We chose sentence documents that point to their parent over bleve's nested document
// mapping (new in v2.6.0), because:
//   - facets must count documents with their document-level values (TAGS.md), while bleve's
//     nested faceting counts within the matched nested objects;
//   - nested documents are new (v2.6.0, with the zap v17 format) and still changing;
//   - flat documents keep every query plain bleve, including the query-string syntax that
//     power users type, and keep each document's update one batch of small documents.
//
// The price is a second search when filters must co-occur in a sentence (cheap: keyword
// terms only) and bookkeeping of a document's sentence documents when it is replaced or
// pruned, which this package does.
//
// # Text analysis
//
// [TextAnalyzer] indexes every word (no stop words: "no", "not" and "without" stay), keeps
// "≥" and "≤", and indexes compounds whole and in parts: "CAR-T" as car, t and car-t; "CD19"
// as cd, 19 and cd19; "1–2" as 1, 2 and 1-2. [QueryAnalyzer] reads queries into whole
// compounds only (and lets a word match its other number, "patient"/"patients"), so "CD19"
// does not match every "CD" and every "19". Nothing is stemmed beyond that, so "CRS" stays
// crs and "ICANS" icans. Both are registered with bleve when this package is imported,
// which an index needs to open.
//
// # Updates
//
// [Index.Update] adds or replaces documents in batches and skips those whose content hash
// and rules fingerprint it already holds; [Index.NeedsUpdate] lets callers skip tagging them
// too, and [Index.TagAndUpdate] does both on all cores. After a rule change, [Index.SetMeta]
// records the new fingerprint and the next update re-tags every document tagged under
// another one ([Index.Outdated] counts them). [Index.Prune] removes documents whose source is
// gone. A new mapping ([MappingVersion], or a mapping fingerprint that differs) cannot be
// fixed by updates: [Index.Stale] and [Index.MappingStale] report it, and the caller
// rebuilds with [Remove] and [Create] when the user asks.
//
// # Damage and locks
//
// [Open] and [OpenReadOnly] never repair, rebuild or delete. They look first with a
// read-only open, which takes the index lock shared, so an index a writer has open elsewhere
// reports [ErrLocked] after a short wait; it checks that bleve loaded the latest snapshot (bleve silently falls back to an
// older one when a segment is unreadable, and a writable open would then delete the newer
// files), that the segment files on disk are exactly those of that snapshot, and the CRC-32
// of every segment. Any failure is [ErrCorrupt] and leaves the files as they were. Bleve
// itself logs such fallbacks with the standard logger, which this package does not silence.
//
// # Searching
//
// [Query] combines free text (bleve's query-string syntax passes through when the text uses
// it, see [IsQuerySyntax]), required [Filter]s, same-sentence co-occurrence, facet counts and
// paging. Free text scores with bleve's tf-idf; filters are required and rank documents by
// how often their tags carry the filtered values, with a bonus when the filtered tags
// co-occur in one sentence. Each [Hit] carries the document's facets and its best sentences
// with their tags and the spans the free text matched. [Interpret] turns a user's query
// into filters with the same rules that tag documents: "grade 2 CRS tocilizumab" becomes
// crs_grade=2 and toxicity_treatment=tocilizumab, "no ICANS" icans=absent.
//
// # Cost of a search
//
// bleve finds and scores the hits; the rest is this package's, through bleve's document
// match handler hook (collect.go), so that a broad query costs one pass over its postings
// and little per hit. Facets are counted against the hit set as bitmaps: per snapshot of the
// index, each facet value's documents are read once from the term dictionary into a roaring
// bitmap (columns.go) and a facet count is the size of an intersection, not a visit of every
// hit's doc values. Hits are kept by score in a small heap, and ties in score are broken by
// id through a per-snapshot table of the documents' id order, not by loading every hit's id.
// A search of every document (no words, filters or ids; by relevance or id) makes no pass
// at all: its hits are the first documents in id order, its facets the sizes of the value
// bitmaps. Where words match (for the shown sentences) is found for the shown hits only, by a second
// search of those hits. Results are the same as bleve's own sort (score, then id) and facets
// (TestCollectorAgreesWithBleve). The first search of a new snapshot pays for what it reads
// (on 100,000 registry records: tens of milliseconds per facet field and for the id order).
//
// # Concurrency
//
// An [Index] serves any number of concurrent searches and reads while one writer updates;
// writers queue. Only one writable [Index] may have a folder open at a time, in any process;
// any number of [OpenReadOnly] ones may share it while no writer has it.
package index
