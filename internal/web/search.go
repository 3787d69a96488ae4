package web

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/trialtag/trialtag/index"
)

// ParseSearchRequest reads the parameters of GET /api/search: q, filter (repeatable,
// facet=value), literal, same_sentence, facets (comma-separated or repeated), limit, offset
// sentences and sort (relevance, newest, oldest, id). Unknown parameters are ignored.
func ParseSearchRequest(v url.Values) (index.Request, error) {
	req := index.Request{Query: v.Get("q"), Filters: v["filter"]}
	var errs []error
	boolean := func(name string) bool {
		s, ok := v[name]
		if !ok {
			return false
		}
		if s[0] == "" {
			return true // ?literal
		}
		b, err := strconv.ParseBool(s[0])
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %s is not true or false", name, index.Excerpt(s[0])))
		}
		return b
	}
	integer := func(name string) int {
		s := v.Get(name)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("%s: %s is not a whole number ≥ 0", name, index.Excerpt(s)))
		}
		return n
	}
	req.Literal = boolean("literal")
	req.SameSentence = boolean("same_sentence")
	req.Limit = integer("limit")
	req.Offset = integer("offset")
	req.Sentences = integer("sentences")
	req.FacetSize = integer("facet_size")
	req.Sort = v.Get("sort")
	if s := v.Get("min_percent"); s != "" {
		p, err := strconv.ParseFloat(s, 64)
		if err != nil || p < 0 || p > 100 {
			errs = append(errs, fmt.Errorf("min_percent: %s is not a percent between 0 and 100", index.Excerpt(s)))
		}
		req.MinPercent = p
	}
	for _, f := range v["facets"] {
		for _, name := range strings.Split(f, ",") {
			if name = strings.TrimSpace(name); name != "" {
				req.Facets = append(req.Facets, name)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return req, fmt.Errorf("%w: %w", index.ErrBadQuery, err)
	}
	return req, nil
}
