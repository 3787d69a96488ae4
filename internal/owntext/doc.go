// Package owntext holds the tests that keep third-party text out of the repository.
//
// Third-party documents (abstracts, registry records, articles) live in the project's
// shared data folder (../shared/data beside the repository, or $TRIALTAG_DATA), where their
// source and licence are recorded; the repository points into it by id and byte range
// (corpus.Ref). The tests fail when a file of the repository, the shipped seed documents
// aside, holds a passage of 20 words or more that also stands in the shared data, or when a
// rule example or fixture line is a sentence of the shared data word for word. They skip
// when the shared data is absent.
//
// The package has no code of its own.
package owntext
