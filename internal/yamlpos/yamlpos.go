// Package yamlpos finds where a YAML problem is, for every YAML file trialtag reads (rule
// files, saved searches), so that each reports file:line the same way. It knows only
// go.yaml.in/yaml/v3 and the standard library.
package yamlpos

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Problem is one problem of a YAML text: its 1-based line and what is wrong.
type Problem struct {
	Line int
	Msg  string
}

// Problems turns an error of yaml.Unmarshal on src into problems, each at the line that
// holds it.
//
// go.yaml.in/yaml/v3 has one structured error, *yaml.TypeError, for values that do not fit a
// Go type; it lists one "line N: message" per value, N counted from 1. Decoding into a
// yaml.Node accepts any YAML and so gives none, but each is kept should the library report
// some. Syntax errors have no type of their own: they are plain errors whose text is
// "yaml: line N: problem", and N is not the problem's line. The library keeps the problem's
// position private and writes the line of the context instead, where the construct it was
// reading began (the plain scalar on the line before a tab, the open "[" of an unclosed
// list, the start of the mapping a badly indented key breaks), counted from 1 for scanner
// errors but from 0 for parser errors. A tab on line 41 under a "key: value" line was thus
// reported at 40. [SyntaxErrorLine] finds the real line.
func Problems(src []byte, err error) []Problem {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		out := make([]Problem, 0, len(te.Errors))
		for _, e := range te.Errors {
			line, msg := Message(e)
			out = append(out, Problem{Line: max(line, 1), Msg: msg})
		}
		return out
	}
	_, msg := Message(err.Error())
	return []Problem{{Line: SyntaxErrorLine(src, err), Msg: msg}}
}

// Message splits a message of go.yaml.in/yaml/v3, "yaml: line N: problem" (a syntax
// error) or "line N: problem" (an entry of a *yaml.TypeError), into N and the problem. A
// message without a line gives 0. This is the only place that reads the library's text,
// because for syntax errors text is all the library gives.
func Message(s string) (line int, msg string) {
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

// SyntaxErrorLine returns the line of src where the YAML syntax error err is: the first line
// by which a prefix of src, cut after whole lines, fails to parse with the very same error.
// Up to that line the text could still have gone on as valid YAML; from it on, the error is
// there. The search starts at the line in the library's message, which is never after the
// problem's (see [Problems]), so it usually parses a few prefixes only, and only for a
// file that is broken.
func SyntaxErrorLine(src []byte, err error) int {
	want := err.Error()
	line, _ := Message(want)
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
