//go:build tools

// Package tools pins the go-threads daemon (threadsd) that Loom's tests run against.
// Build with: go build -trimpath -o <out>/threadsd github.com/textileio/go-threads/threadsd
package tools

import _ "github.com/textileio/go-threads/threadsd"
