// Calls into the wasip1 module of Inputs/cgomod (embedded-skip.test).
//   node cgomod-calls.mjs HOST.mjs MODULE.wasm
const [hostPath, wasmPath] = process.argv.slice(2);
const { load } = await import(hostPath);
const lib = await load(wasmPath);
const m = lib.prefix("mochigo_cgomod");
const g = m.call("Greet", [lib.str("wasm")], ["string"]);
console.log(`Greet = ${g.results[0]}`);
const c = m.call("Count", [lib.str("a,b,c,d"), ",".charCodeAt(0)], ["i64"]);
console.log(`Count = ${c.results[0]}`);
console.log(`live = ${m.live()}`);
