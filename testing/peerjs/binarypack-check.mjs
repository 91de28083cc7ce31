// Checks the browser client's binarypack.js (its path is the argument) against what the real
// peerjs-js-binarypack and PeerJS 1.5.5's chunker produce (binarypack-fixtures.cjs): the same
// bytes for every fixture value and chunk, every fixture decoded back to its value, typed errors
// for bad bytes. Prints "ok <checks>", or one line per failure on stderr and exits 1.
// Usage: node binarypack-check.mjs ../../signaling/src/main/resources/dev/peerphone/signaling/web/binarypack.js
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { cases, long, fixtures } = require("./binarypack-fixtures.cjs");
// The page's module has no imports: load it as it is, whatever the package type around it.
const source = readFileSync(process.argv[2], "utf8");
const bp = await import("data:text/javascript;base64," + Buffer.from(source).toString("base64"));

const hex = (b) => Buffer.from(b).toString("hex");
const fromHex = (h) => new Uint8Array(Buffer.from(h, "hex"));
const failures = [];
let checks = 0;
const check = (ok, what) => {
  checks += 1;
  if (!ok) failures.push(what);
};
const same = (a, b) => {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    return ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && hex(a) === hex(b);
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  const ka = Object.keys(a), kb = Object.keys(b);
  return Array.isArray(a) === Array.isArray(b) && ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
};

const expected = fixtures();
for (const [name, value] of Object.entries(cases)) {
  const ours = hex(bp.pack(value));
  check(ours === expected.cases[name], `pack ${name}: ${ours.slice(0, 80)} != ${expected.cases[name].slice(0, 80)}`);
  let back;
  try {
    back = bp.unpack(fromHex(expected.cases[name]));
  } catch (e) {
    back = e;
  }
  check(same(back, value), `unpack ${name}: ${String(back).slice(0, 80)}`);
}
const chunks = bp.chunk(bp.pack(long), 1).map((c) => hex(bp.pack(c)));
check(chunks.length === expected.chunked.length && chunks.every((c, i) => c === expected.chunked[i]),
  `chunks of the 20,000-character string: ${chunks.length} frames, PeerJS sends ${expected.chunked.length}`);
const parts = expected.chunked.map((h) => bp.unpack(fromHex(h)));
check(parts.every((p, i) => p.__peerData === 1 && p.n === i && p.total === parts.length && p.data instanceof Uint8Array),
  "PeerJS's chunk frames decode to {__peerData, n, data, total}");
const whole = Buffer.concat(parts.map((p) => p.data));
check(bp.unpack(whole) === long, "PeerJS's chunks put together decode to the string");

const bad = { "ends early": [0xd9, 0, 0, 0, 10, 0x41], "unknown type": [0xc4], empty: [], "array beyond data": [0xdd, 0xff, 0xff, 0xff, 0xff] };
for (const [name, bytes] of Object.entries(bad)) {
  let error = null;
  try {
    bp.unpack(new Uint8Array(bytes));
  } catch (e) {
    error = e;
  }
  check(error instanceof bp.BinaryPackError, `bad bytes (${name}) give a BinaryPackError, not ${error}`);
}
let refused = null;
try {
  bp.pack({ f: () => 1 });
} catch (e) {
  refused = e;
}
check(refused instanceof bp.BinaryPackError, "a function cannot be packed");

for (const f of failures) console.error("FAIL " + f);
if (failures.length > 0) console.error(`${failures.length} of ${checks} checks failed`);
else console.log(`ok ${checks}`);
process.exit(failures.length === 0 ? 0 : 1);
