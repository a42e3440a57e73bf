// The calls of embedded.test through the WebAssembly module (Node's WASI):
// each line must equal the one direct.go prints calling Go natively.
//   node calls.mjs HOST.mjs MODULE.wasm
const [hostPath, wasmPath] = process.argv.slice(2);
const { load, hex } = await import(hostPath);
const lib = await load(wasmPath);
const out = (s) => process.stdout.write(s + "\n");
const ok = (r) => {
  if (r.status !== 0) throw new Error(`status ${r.status}: ${r.err}`);
  return r.results;
};

// github.com/cespare/xxhash/v2
const xx = lib.prefix("mochigo_xxhash");
for (const s of ["", "a", "hello, wasm", "x".repeat(1000)])
  out(`xxhash.Sum64String(${s.length}) = ${ok(xx.call("Sum64String", [lib.str(s)], ["u64"]))[0]}`);
out(`xxhash.Sum64([1 2 3]) = ${ok(xx.call("Sum64", [lib.bytes([1, 2, 3])], ["u64"]))[0]}`);
const [d] = ok(xx.call("New", [], ["handle"]));
out(`xxhash.Digest.WriteString = ${ok(xx.call("Digest_WriteString", [d, lib.str("hello, ")], ["i64"]))[0]}`);
out(`xxhash.Digest.Write = ${ok(xx.call("Digest_Write", [d, lib.str("wasm")], ["i64"]))[0]}`);
out(`xxhash.Digest.Sum64 = ${ok(xx.call("Digest_Sum64", [d], ["u64"]))[0]}`);
out(`xxhash.Digest.Sum = ${hex(ok(xx.call("Digest_Sum", [d, lib.bytes([0xff])], ["bytes"]))[0])}`);
const [state] = ok(xx.call("Digest_MarshalBinary", [d], ["bytes"]));
ok(xx.call("Digest_Reset", [d], []));
out(`xxhash.Digest.Sum64 after Reset = ${ok(xx.call("Digest_Sum64", [d], ["u64"]))[0]}`);
ok(xx.call("Digest_UnmarshalBinary", [d, lib.bytes(state)], []));
out(`xxhash.Digest.Sum64 after UnmarshalBinary = ${ok(xx.call("Digest_Sum64", [d], ["u64"]))[0]}`);
const bad = xx.call("Digest_UnmarshalBinary", [d, lib.bytes([1, 2])], []);
out(`xxhash.Digest.UnmarshalBinary([1 2]) error = ${bad.err}`);
out(`xxhash live handles = ${xx.live()}, release = ${xx.release(d)}, live = ${xx.live()}`);

// github.com/google/uuid
const uu = lib.prefix("mochigo_uuid");
const text = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
const [u] = ok(uu.call("Parse", [lib.str(text)], ["bytes"]));
out(`uuid.Parse = ${hex(u)}`);
out(`uuid.UUID.String = ${ok(uu.call("UUID_String", [lib.bytes(u)], ["string"]))[0]}`);
out(`uuid.UUID.URN = ${ok(uu.call("UUID_URN", [lib.bytes(u)], ["string"]))[0]}`);
const [ver] = ok(uu.call("UUID_Version", [lib.bytes(u)], ["u64"]));
out(`uuid.UUID.Version = ${ver} ${ok(uu.call("Version_String", [Number(ver)], ["string"]))[0]}`);
const [vari] = ok(uu.call("UUID_Variant", [lib.bytes(u)], ["u64"]));
out(`uuid.UUID.Variant = ${vari} ${ok(uu.call("Variant_String", [Number(vari)], ["string"]))[0]}`);
out(`uuid.UUID.Time = ${ok(uu.call("UUID_Time", [lib.bytes(u)], ["i64"]))[0]}`);
out(`uuid.UUID.ClockSequence = ${ok(uu.call("UUID_ClockSequence", [lib.bytes(u)], ["i64"]))[0]}`);
const [dns] = ok(uu.call("NameSpaceDNS_get", [], ["bytes"]));
const [sha] = ok(uu.call("NewSHA1", [lib.bytes(dns), lib.str("example.com")], ["bytes"]));
out(`uuid.NewSHA1(NameSpaceDNS, example.com) = ${ok(uu.call("UUID_String", [lib.bytes(sha)], ["string"]))[0]}`);
const [md5] = ok(uu.call("NewMD5", [lib.bytes(dns), lib.str("example.com")], ["bytes"]));
out(`uuid.NewMD5(NameSpaceDNS, example.com) = ${ok(uu.call("UUID_String", [lib.bytes(md5)], ["string"]))[0]}`);
const perr = uu.call("Parse", [lib.str("not-a-uuid")], ["bytes"]);
out(`uuid.Parse(not-a-uuid) status=${perr.status} error = ${perr.err}`);
const fb = uu.call("FromBytes", [lib.bytes([1, 2, 3])], ["bytes"]);
out(`uuid.FromBytes([1 2 3]) status=${fb.status} error = ${fb.err}`);
const [u2] = ok(uu.call("UUID_UnmarshalText", [lib.bytes(new Uint8Array(16)), lib.str(text)], ["bytes"]));
out(`uuid.UUID.UnmarshalText = ${hex(u2)}`);
out(`uuid.Max const RFC4122 = ${ok(uu.call("RFC4122_get", [], ["u64"]))[0]}`);
// The embedded ABI's own statuses: a panic is status 2, an array of the
// wrong length status 4, a handle never issued status 3.
const mp = uu.call("MustParse", [lib.str("nope")], ["bytes"]);
out(`abi: MustParse(nope) status=${mp.status} error = ${mp.err}`);
const short = uu.call("UUID_String", [lib.bytes([1, 2])], ["string"]);
out(`abi: UUID.String([1 2]) status=${short.status} error = ${short.err}`);
const gone = xx.call("Digest_Sum64", [12345n], ["u64"]);
out(`abi: Digest.Sum64(12345) status=${gone.status} error = ${gone.err}`);
