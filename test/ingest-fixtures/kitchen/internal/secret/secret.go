// Package secret is internal: not part of the surface.
package secret

// Key is a key.
type Key [8]byte
