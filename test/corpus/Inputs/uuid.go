// Differential test of github.com/google/uuid: the same calls as uuid.c,
// made directly in Go.
package main

import (
	"fmt"

	"github.com/google/uuid"
)

func show(what string, id uuid.UUID) {
	fmt.Printf("%s: %s %s version=%d variant=%d\n", what, id.String(), id.URN(),
		id.Version(), id.Variant())
}

func main() {
	inputs := []string{"6ba7b810-9dad-11d1-80b4-00c04fd430c8",
		"urn:uuid:123e4567-e89b-12d3-a456-426614174000",
		"{f47ac10b-58cc-4372-a567-0e02b2c3d479}",
		"not-a-uuid", "6ba7b810-9dad-11d1-80b4-00c04fd430c"}
	for _, in := range inputs {
		id, err := uuid.Parse(in)
		if err != nil {
			fmt.Printf("Parse(%s): error: %s\n", in, err)
			continue
		}
		show("Parse", id)
	}
	name := []byte("example.com")
	sha := uuid.NewSHA1(uuid.NameSpaceDNS, name)
	md5 := uuid.NewMD5(uuid.NameSpaceDNS, name)
	show("NewSHA1", sha)
	show("NewMD5", md5)
	if out, err := uuid.FromBytes(sha[:]); err == nil {
		show("FromBytes", out)
	}
	if _, err := uuid.FromBytes(sha[:5]); err != nil {
		fmt.Printf("FromBytes(5 bytes): error: %s\n", err)
	}
	for _, text := range []string{"6ba7b810-9dad-11d1-80b4-00c04fd430c8", "nope"} {
		var id uuid.UUID
		if err := id.UnmarshalText([]byte(text)); err != nil {
			fmt.Printf("UnmarshalText(%s): error: %s (written: 0)\n", text, err)
			continue
		}
		show("UnmarshalText", id)
	}
	fmt.Printf("live handles: %d\n", 0)
}
