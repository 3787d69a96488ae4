// Package scalebench measures trialtag at scale: it builds a corpus of any size from the
// real texts of the shared data folder, indexes it into a new index through the public
// API of package index (Create, TagAndUpdate, Stats, Close, DiskSize), opens it again and
// runs a fixed mix of searches through [index.Index.Answer], the path of `trialtag search`
// and GET /api/search. It reports indexing throughput, peak memory, size on disk and the
// latency of each class of search.
//
// The corpus ([Generate]) repeats the base texts under fresh ids until it has the number
// of documents asked for, one document at a time: memory does not grow with the corpus.
// [Run] does the whole measurement and returns a [Report], which writes itself as an
// aligned text table ([Report.WriteText]) or as JSON.
//
// It does not own an index format, a query language or a rule set: it uses what the index,
// classifier and rules packages offer, as cmd/trialtag does. The command in ./cmd is its
// front end; BenchmarkScale10k runs it under `go test -bench`.
package scalebench
