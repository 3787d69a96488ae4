// Package depcheck holds a test that enforces the import direction between packages.
package depcheck
