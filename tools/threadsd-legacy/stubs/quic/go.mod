module github.com/libp2p/go-libp2p-quic-transport

go 1.21

require (
	github.com/libp2p/go-libp2p-core v0.3.0
	github.com/multiformats/go-multiaddr v0.2.0
)
