package classifier

import (
	"github.com/trialtag/trialtag/internal/yamlpos"
)

// yamlErrors turns an error of yaml.Unmarshal on the rule file src into rule errors, each at
// the line of its problem (column 1: the library gives no column). internal/yamlpos finds
// the line, which the YAML library's own message often gets wrong.
func yamlErrors(file string, src []byte, err error) []error {
	probs := yamlpos.Problems(src, err)
	out := make([]error, 0, len(probs))
	for _, p := range probs {
		out = append(out, &RuleError{Pos: Pos{File: file, Line: p.Line, Col: 1}, Msg: invalidYAML + p.Msg})
	}
	return out
}

// invalidYAML opens the message of a problem that kept a file from being read as YAML.
const invalidYAML = "invalid YAML: "
