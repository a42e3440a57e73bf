// wasm-host.mjs - call the exports of an embedded-profile wrapper module.
//
// A small host for tests: loads a WebAssembly reactor that mochi-go's
// embedded profile built (GOOS=wasip1 GOARCH=wasm, -buildmode=c-shared)
// under Node's WASI, and speaks the embedded ABI of docs/CAbi.md ("The
// embedded profile"): strings and bytes go in through <prefix>_alloc and
// come back as (ptr, len) pairs in 8-byte result slots that the host frees
// with <prefix>_free; handles are int64 ids (BigInt in JavaScript).
//
//   import { load } from "wasm-host.mjs";
//   const lib = await load("app.wasm");
//   const xx = lib.prefix("mochigo_xxhash");
//   const r = xx.call("Sum64String", [lib.str("abc")], ["u64"]);
//   // r.status, r.err (string or null), r.results[0] (a BigInt)

import { readFile } from "node:fs/promises";
import { WASI } from "node:wasi";

/** Load and initialize the module at `path`. */
export async function load(path) {
  const wasi = new WASI({ version: "preview1", args: [], env: {} });
  const bytes = await readFile(path);
  const { instance } = await WebAssembly.instantiate(bytes, {
    wasi_snapshot_preview1: wasi.wasiImport,
  });
  // A reactor: _initialize runs the Go runtime's start-up (package init).
  wasi.initialize(instance);
  return new Library(instance.exports);
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** A string or bytes argument, copied in by call(). */
class Buffer {
  constructor(bytes) { this.bytes = bytes; }
}

class Library {
  constructor(exports) { this.x = exports; }

  view() { return new DataView(this.x.memory.buffer); }

  /** The exports of one wrapper library: `<prefix>_<name>`. */
  prefix(prefix) {
    if (!this.x[prefix + "_alloc"])
      throw new Error("no library " + prefix + " (no " + prefix + "_alloc)");
    return {
      call: (name, args, kinds) => this.call(prefix, name, args, kinds),
      release: (h) => this.x[prefix + "_handle_release"](h),
      live: () => this.x[prefix + "_handle_live"](),
    };
  }

  str(s) { return new Buffer(utf8.encode(s)); }
  bytes(b) { return new Buffer(Uint8Array.from(b)); }

  /** Call `<prefix>_<name>` with `args` (numbers, BigInts, str()/bytes() values) and
   *  read its results by `kinds`: "i64", "u64", "f64", "bool", "string",
   *  "bytes", "handle". Returns {status, err, results}. Buffers the call
   *  returned are freed after they are read. */
  call(prefix, name, args, kinds) {
    const sym = prefix + "_" + name;
    const fn = this.x[sym];
    if (!fn) throw new Error("no export " + sym);
    const alloc = this.x[prefix + "_alloc"], free = this.x[prefix + "_free"];
    const wasmArgs = [], inputs = [];
    for (const a of args) {
      if (a instanceof Buffer) {
        const p = alloc(a.bytes.length);
        new Uint8Array(this.x.memory.buffer, p, a.bytes.length).set(a.bytes);
        inputs.push(p);
        wasmArgs.push(p, a.bytes.length);
      } else {
        wasmArgs.push(a);
      }
    }
    const slots = kinds.map(() => alloc(8));
    const errSlot = alloc(8);
    const status = fn(...wasmArgs, ...slots, errSlot);
    const results = [];
    if (status === 0)
      kinds.forEach((k, i) => results.push(this.read(k, slots[i], free)));
    const err = this.readBuf(errSlot, free);
    for (const p of [...inputs, ...slots, errSlot]) free(p);
    return { status, err: err === null ? null : fromUtf8.decode(err), results };
  }

  readBuf(slot, free) {
    const v = this.view();
    const p = v.getUint32(slot, true), n = v.getUint32(slot + 4, true);
    if (p === 0) return null;
    const out = new Uint8Array(this.x.memory.buffer, p, n).slice();
    if (free(p) !== 0) throw new Error("free of a result buffer failed");
    return out;
  }

  read(kind, slot, free) {
    const v = this.view();
    switch (kind) {
      case "i64": return v.getBigInt64(slot, true);
      case "u64": return v.getBigUint64(slot, true);
      case "handle": return v.getBigInt64(slot, true);
      case "f64": return v.getFloat64(slot, true);
      case "bool": return v.getBigUint64(slot, true) !== 0n;
      case "string": {
        const b = this.readBuf(slot, free);
        return b === null ? "" : fromUtf8.decode(b);
      }
      case "bytes": return this.readBuf(slot, free) ?? new Uint8Array();
    }
    throw new Error("unknown result kind " + kind);
  }
}

/** Lowercase hex of bytes. */
export function hex(b) {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}
