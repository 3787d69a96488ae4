// Package saved reads the saved-searches file (searches.yaml): named searches that run on
// every document `trialtag index` adds or updates, each with examples that must match and
// must not, as rules have. It owns the file's format, its checks with file:line:col
// positions, and running the examples. It does not match documents itself: a [File] becomes
// an [index.Percolator], which does, and the index records what it finds. It reads no
// configuration and prints nothing.
//
// # Format
//
//	searches:
//	  - name: severe-icans-bcma           # unique; letters, digits, spaces, . _ -
//	    description: Grade ≥3 ICANS with a BCMA product.
//	    query: grade ≥3 ICANS BCMA         # read with the rules, as `trialtag search` reads it
//	    filters: [year>=2020]              # optional, as --filter takes them
//	    same_sentence: false               # optional: the tag filters in one sentence
//	    literal: false                     # optional: do not read the query with the rules
//	    min_percent: 0                     # optional: an incidence bound on outcome filters
//	    examples:
//	      must_match:
//	        - Grade 3 ICANS occurred in two patients after BCMA CAR-T cells.
//	        - {text: "…", title: "…", date: 2023-05, journal: "…", publication_types: [Review]}
//	      must_not_match:
//	        - No ICANS was observed after BCMA CAR-T cells.
//
// An example is a text, or a mapping with the text and what a record would say about
// itself (for searches with filters on date, journal or publication type). Each is tagged
// as a document of its own and percolated against its search alone.
package saved
