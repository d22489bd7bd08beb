// Package libp2pquic is Loom's stand-in for go-libp2p-quic-transport in the legacy daemon build.
// The real quic-go v0.11.2 panics at start-up on current Go (its TLS copy must match Go 1.12/1.13),
// and ipfs-lite v0.1.8 hard-codes the QUIC transport. This transport can neither dial nor listen,
// so the daemon runs on TCP only (which is all Loom's tests use, on 127.0.0.1).
package libp2pquic

import (
	"context"
	"errors"

	ic "github.com/libp2p/go-libp2p-core/crypto"
	"github.com/libp2p/go-libp2p-core/peer"
	tpt "github.com/libp2p/go-libp2p-core/transport"
	ma "github.com/multiformats/go-multiaddr"
)

var errDisabled = errors.New("QUIC is not compiled into this build")

type transport struct{}

// NewTransport has the signature libp2p checks by reflection.
func NewTransport(key ic.PrivKey) (tpt.Transport, error) {
	return &transport{}, nil
}

func (t *transport) Dial(ctx context.Context, raddr ma.Multiaddr, p peer.ID) (tpt.CapableConn, error) {
	return nil, errDisabled
}

func (t *transport) CanDial(addr ma.Multiaddr) bool { return false }

func (t *transport) Listen(laddr ma.Multiaddr) (tpt.Listener, error) { return nil, errDisabled }

func (t *transport) Protocols() []int { return []int{ma.P_QUIC} }

func (t *transport) Proxy() bool { return false }
