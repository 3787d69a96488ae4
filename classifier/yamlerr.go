package classifier

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlErrors turns an error of yaml.Unmarshal on the rule file src into rule errors, each at
// the line of its problem (column 1: the library gives no column).
//
// go.yaml.in/yaml/v3 has one structured error, *yaml.TypeError, for values that do not fit a
// Go type; it lists one "line N: message" per value, N counted from 1. Decoding into a
// yaml.Node, as the parser does, accepts any YAML and so gives none, but each is kept
// should the library report some. Syntax errors have no type of their own: they are plain
// errors whose text is "yaml: line N: problem", and N is not the problem's line. The library
// keeps the problem's position private and writes the line of the context instead, where
// the construct it was reading began (the plain scalar on the line before a tab, the open
// "[" of an unclosed list, the start of the mapping a badly indented key breaks), counted
// from 1 for scanner errors but from 0 for parser errors. A tab on line 41 under a
// "key: value" line was thus reported at 40. [syntaxErrorLine] finds the real line.
func yamlErrors(file string, src []byte, err error) []error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		out := make([]error, 0, len(te.Errors))
		for _, e := range te.Errors {
			line, msg := yamlMessage(e)
			out = append(out, &RuleError{Pos: Pos{File: file, Line: max(line, 1), Col: 1}, Msg: "invalid YAML: " + msg})
		}
		return out
	}
	_, msg := yamlMessage(err.Error())
	return []error{&RuleError{Pos: Pos{File: file, Line: syntaxErrorLine(src, err), Col: 1}, Msg: "invalid YAML: " + msg}}
}

// yamlMessage splits a message of go.yaml.in/yaml/v3, "yaml: line N: problem" (a syntax
// error) or "line N: problem" (an entry of a *yaml.TypeError), into N and the problem. A
// message without a line gives 0. This is the only place that reads the library's text,
// because for syntax errors text is all the library gives.
func yamlMessage(s string) (line int, msg string) {
	s = strings.TrimPrefix(s, "yaml: ")
	if rest, ok := strings.CutPrefix(s, "line "); ok {
		if num, problem, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil && n >= 0 {
				return n, problem
			}
		}
	}
	return 0, s
}

// syntaxErrorLine returns the line of src where the YAML syntax error err is: the first line
// by which a prefix of src, cut after whole lines, fails to parse with the very same error.
// Up to that line the text could still have gone on as valid YAML; from it on, the error is
// there. The search starts at the line in the library's message, which is never after the
// problem's (see [yamlErrors]), so it usually parses a few prefixes only, and only for a
// file that is broken.
func syntaxErrorLine(src []byte, err error) int {
	want := err.Error()
	line, _ := yamlMessage(want)
	line = max(line, 1)
	// Skip to the end of line-1: the prefixes tried end after line, line+1, ...
	end := 0
	for range line - 1 {
		i := bytes.IndexByte(src[end:], '\n')
		if i < 0 {
			return line
		}
		end += i + 1
	}
	for ; end < len(src); line++ {
		if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
			end += i + 1
		} else {
			end = len(src)
		}
		var doc yaml.Node
		if perr := yaml.Unmarshal(src[:end], &doc); perr != nil && perr.Error() == want {
			return line
		}
	}
	return max(line-1, 1)
}
