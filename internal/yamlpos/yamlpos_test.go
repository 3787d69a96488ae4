package yamlpos

import "testing"

func TestYAMLMessage(t *testing.T) {
	tests := []struct {
		in       string
		wantLine int
		wantMsg  string
	}{
		{"yaml: line 40: found a tab character that violates indentation", 40, "found a tab character that violates indentation"},
		{"yaml: line 7: did not find expected ',' or ']'", 7, "did not find expected ',' or ']'"},
		{"line 3: cannot unmarshal !!str `x` into int", 3, "cannot unmarshal !!str `x` into int"},
		{"yaml: unknown anchor 'names' referenced", 0, "unknown anchor 'names' referenced"},
		{"yaml: line x: odd", 0, "line x: odd"},
		{"something else", 0, "something else"},
	}
	for _, tt := range tests {
		line, msg := Message(tt.in)
		if line != tt.wantLine || msg != tt.wantMsg {
			t.Errorf("Message(%q) = %d, %q; want %d, %q", tt.in, line, msg, tt.wantLine, tt.wantMsg)
		}
	}
}
