// The calls of embedded.test made natively: each line must equal the one
// calls.mjs prints through the WebAssembly module. The last three lines are
// the embedded ABI's statuses, which a direct call has no equivalent of:
// they are spelled out here as docs/CAbi.md defines them.
package main

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/cespare/xxhash/v2"
	"github.com/google/uuid"
)

func main() {
	for _, s := range []string{"", "a", "hello, wasm", strings.Repeat("x", 1000)} {
		fmt.Printf("xxhash.Sum64String(%d) = %d\n", len(s), xxhash.Sum64String(s))
	}
	fmt.Printf("xxhash.Sum64([1 2 3]) = %d\n", xxhash.Sum64([]byte{1, 2, 3}))
	d := xxhash.New()
	n, _ := d.WriteString("hello, ")
	fmt.Printf("xxhash.Digest.WriteString = %d\n", n)
	n, _ = d.Write([]byte("wasm"))
	fmt.Printf("xxhash.Digest.Write = %d\n", n)
	fmt.Printf("xxhash.Digest.Sum64 = %d\n", d.Sum64())
	fmt.Printf("xxhash.Digest.Sum = %s\n", hex.EncodeToString(d.Sum([]byte{0xff})))
	state, _ := d.MarshalBinary()
	d.Reset()
	fmt.Printf("xxhash.Digest.Sum64 after Reset = %d\n", d.Sum64())
	_ = d.UnmarshalBinary(state)
	fmt.Printf("xxhash.Digest.Sum64 after UnmarshalBinary = %d\n", d.Sum64())
	fmt.Printf("xxhash.Digest.UnmarshalBinary([1 2]) error = %v\n", d.UnmarshalBinary([]byte{1, 2}))
	fmt.Printf("xxhash live handles = 1, release = 0, live = 0\n")

	text := "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
	u, _ := uuid.Parse(text)
	fmt.Printf("uuid.Parse = %s\n", hex.EncodeToString(u[:]))
	fmt.Printf("uuid.UUID.String = %s\n", u.String())
	fmt.Printf("uuid.UUID.URN = %s\n", u.URN())
	fmt.Printf("uuid.UUID.Version = %d %s\n", u.Version(), u.Version().String())
	fmt.Printf("uuid.UUID.Variant = %d %s\n", u.Variant(), u.Variant().String())
	fmt.Printf("uuid.UUID.Time = %d\n", u.Time())
	fmt.Printf("uuid.UUID.ClockSequence = %d\n", u.ClockSequence())
	fmt.Printf("uuid.NewSHA1(NameSpaceDNS, example.com) = %s\n", uuid.NewSHA1(uuid.NameSpaceDNS, []byte("example.com")))
	fmt.Printf("uuid.NewMD5(NameSpaceDNS, example.com) = %s\n", uuid.NewMD5(uuid.NameSpaceDNS, []byte("example.com")))
	_, err := uuid.Parse("not-a-uuid")
	fmt.Printf("uuid.Parse(not-a-uuid) status=1 error = %v\n", err)
	_, err = uuid.FromBytes([]byte{1, 2, 3})
	fmt.Printf("uuid.FromBytes([1 2 3]) status=1 error = %v\n", err)
	var u2 uuid.UUID
	_ = u2.UnmarshalText([]byte(text))
	fmt.Printf("uuid.UUID.UnmarshalText = %s\n", hex.EncodeToString(u2[:]))
	fmt.Printf("uuid.Max const RFC4122 = %d\n", uuid.RFC4122)
	func() {
		defer func() {
			fmt.Printf("abi: MustParse(nope) status=2 error = panic: %v\n", recover())
		}()
		uuid.MustParse("nope")
	}()
	fmt.Printf("abi: UUID.String([1 2]) status=4 error = parameter uuid: 2 bytes where the array holds 16\n")
	fmt.Printf("abi: Digest.Sum64(12345) status=3 error = parameter d: handle 12345 is not live\n")
}
