// Package evaluate scores predicted document facets against a gold standard.
//
// A gold file is JSON Lines, one record per document:
//
//	{"id": "004_53fd14e8ab82a8c2", "facets": {"crs": ["present"], "crs_grade": ["1", "2"], "icans": []}}
//
// Facets are compared as sets of values per document. For every facet, and every value of a
// facet, [Compare] counts true positives (a value in both gold and predictions), false
// positives (predicted only) and false negatives (gold only), and derives precision, recall
// and F1 from them.
//
// Conventions where a ratio has a zero denominator:
//
//   - With no gold and no predicted values at all (TP = FP = FN = 0), precision, recall and
//     F1 are 1: there was nothing to find and nothing was found. This happens for a facet the
//     gold names with empty lists ("icans": []) and the predictions leave empty too.
//   - Otherwise precision is 0 when nothing was predicted (TP+FP = 0), recall is 0 when the
//     gold holds nothing (TP+FN = 0), and F1 is 0 when precision and recall are both 0.
//
// The micro average sums TP, FP and FN over all facets and applies the same formulas. The
// macro average is the mean of the per-facet precision, recall and F1 over the facets that
// occur in the gold (as a key of some compared record, even with an empty list) or in the
// predictions of the compared documents; with no such facet it is 1, like an empty facet.
//
// The package does no I/O beyond reading a gold file from an [io.Reader].
package evaluate
