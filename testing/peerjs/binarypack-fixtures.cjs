// Prints what the real PeerJS 1.5.5 / peerjs-js-binarypack produce for the values BinaryPackTest
// checks, as JSON {cases: {name: hex}, chunked: [hex of each chunk frame]} (see BinaryPackTest.java).
// Required as a module it prints nothing and exports {cases, long, fixtures()} (binarypack-check.mjs).
const { pack } = require("peerjs-js-binarypack");
const peerjs = require("peerjs");
const util = peerjs.util || peerjs.default.util;

const hex = (buf) => Buffer.from(buf).toString("hex");
const long = "0123456789".repeat(2000); // 20,000 characters: chunked
const cases = {
  string: "hello",
  unicode: "grüße ☎ 🎉",
  string20: "a string of twenty c",
  empty: "",
  zero: 0,
  small: 42,
  fixnegative: -5,
  int8: -100,
  uint8: 200,
  uint16: 60000,
  int16: -30000,
  uint32: 4000000000,
  int32: -2000000000,
  large: 1234567890123,
  largeNegative: -1234567890123,
  float: 3.14159,
  negativeFloat: -2.5,
  tiny: 1e-7,
  wholeDouble: 2.0,
  yes: true,
  no: false,
  nothing: null,
  bytes: new Uint8Array([0, 1, 2, 254, 255]),
  bytes20: new Uint8Array(Array.from({ length: 20 }, (_, i) => i * 12)),
  array: [1, "two", [3, null], { four: 4 }],
  nested: { name: "peer", n: 7, list: [true, false, 1.5], inner: { deep: { deeper: "yes" } }, bytes: new Uint8Array([9, 8, 7]) },
  long,
};
function fixtures() {
  const out = {};
  for (const [name, value] of Object.entries(cases)) out[name] = hex(pack(value));
  const chunked = util.chunk(pack(long)).map((chunk) => hex(pack(chunk)));
  return { cases: out, chunked };
}
module.exports = { cases, long, fixtures };
if (require.main === module) process.stdout.write(JSON.stringify(fixtures()));
