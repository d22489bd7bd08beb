//go:build tools

// Package tools pins the legacy go-threads daemon (threadsd v0.1.10, the "store" API api.pb.API that
// py-threads-client speaks) that Loom's legacy tests run against.
// Build with: go build -trimpath -o <out>/threadsd-legacy github.com/textileio/go-threads/threadsd
// QUIC is replaced by ./stubs/quic (see go.mod): quic-go v0.11.2 panics at start-up on current Go.
package tools

import _ "github.com/textileio/go-threads/threadsd"
