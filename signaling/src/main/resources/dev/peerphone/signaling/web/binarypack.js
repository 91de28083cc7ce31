// PeerJS's BinaryPack (peerjs-js-binarypack 2.x, what PeerJS 1.5.5 DataConnections send by
// default): an early MessagePack dialect. 0xa0..0xaf / 0xda / 0xdb are bytes, 0xb0..0xbf / 0xd8 /
// 0xd9 UTF-8 strings, every fraction a double (0xcb), integers in the smallest of fixint, uint8,
// int8, uint16, int16, uint32, int32, int64. Same bytes as the npm package and as the Java peer's
// BinaryPack.java (checked against testing/peerjs/binarypack-fixtures.cjs by BinaryPackJsTest).
// Pure functions; runs in the page and under node.

/** Bytes that are not BinaryPack, or a value that cannot be packed. */
export class BinaryPackError extends Error {
  constructor(message) {
    super(message);
    this.name = 'BinaryPackError';
  }
}

/** PeerJS's chunk size: a packed message longer than this goes as chunks. */
export const CHUNK_MTU = 16300;
const MAX_DEPTH = 100;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

class Writer {
  constructor() {
    this.buf = new Uint8Array(64);
    this.len = 0;
  }

  room(n) {
    if (this.len + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    bigger.set(this.buf.subarray(0, this.len));
    this.buf = bigger;
  }

  byte(b) {
    this.room(1);
    this.buf[this.len++] = b & 0xff;
  }

  /** Writes n big-endian bytes through a DataView setter. */
  view(n, set) {
    this.room(n);
    set(new DataView(this.buf.buffer, this.len, n));
    this.len += n;
  }

  bytes(b) {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** A fix type for sizes up to 15, else the 16-bit or the 32-bit form. */
  header(size, fix, t16, t32) {
    if (size <= 0x0f) this.byte(fix + size);
    else if (size <= 0xffff) {
      this.byte(t16);
      this.view(2, (v) => v.setUint16(0, size));
    } else if (size <= 0xffffffff) {
      this.byte(t32);
      this.view(4, (v) => v.setUint32(0, size));
    } else throw new BinaryPackError(`length ${size} is too large`);
  }

  number(x) {
    if (!Number.isFinite(x)) throw new BinaryPackError(`cannot pack the number ${x}`);
    if (Math.floor(x) !== x) {
      this.byte(0xcb);
      this.view(8, (v) => v.setFloat64(0, x));
    } else if (x >= -0x20 && x <= 0x7f) this.byte(x);
    else if (x >= 0 && x <= 0xff) { this.byte(0xcc); this.byte(x); }
    else if (x >= -0x80 && x <= 0x7f) { this.byte(0xd0); this.byte(x); }
    else if (x >= 0 && x <= 0xffff) { this.byte(0xcd); this.view(2, (v) => v.setUint16(0, x)); }
    else if (x >= -0x8000 && x <= 0x7fff) { this.byte(0xd1); this.view(2, (v) => v.setInt16(0, x)); }
    else if (x >= 0 && x <= 0xffffffff) { this.byte(0xce); this.view(4, (v) => v.setUint32(0, x)); }
    else if (x >= -0x80000000 && x <= 0x7fffffff) { this.byte(0xd2); this.view(4, (v) => v.setInt32(0, x)); }
    else if (x >= -(2 ** 63) && x < 2 ** 63) { this.byte(0xd3); this.view(8, (v) => v.setBigInt64(0, BigInt(x))); }
    else { this.byte(0xcf); this.view(8, (v) => v.setBigUint64(0, BigInt(x))); }
  }

  value(v, depth) {
    if (depth > MAX_DEPTH) throw new BinaryPackError(`value nested deeper than ${MAX_DEPTH} levels`);
    if (v === null || v === undefined) this.byte(0xc0);
    else if (v === true) this.byte(0xc3);
    else if (v === false) this.byte(0xc2);
    else if (typeof v === 'string') {
      const utf8 = encoder.encode(v);
      this.header(utf8.length, 0xb0, 0xd8, 0xd9);
      this.bytes(utf8);
    } else if (typeof v === 'number') this.number(v);
    else if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const b = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      this.header(b.length, 0xa0, 0xda, 0xdb);
      this.bytes(b);
    } else if (Array.isArray(v)) {
      this.header(v.length, 0x90, 0xdc, 0xdd);
      for (const x of v) this.value(x, depth + 1);
    } else if (v instanceof Date) this.value(v.toString(), depth);
    else if (typeof v === 'object') {
      const keys = Object.keys(v);
      this.header(keys.length, 0x80, 0xde, 0xdf);
      for (const k of keys) {
        this.value(k, depth + 1);
        this.value(v[k], depth + 1);
      }
    } else throw new BinaryPackError(`cannot pack a ${typeof v}`);
  }
}

/** The BinaryPack bytes of value (strings, numbers, booleans, null, byte arrays, arrays, plain objects). */
export function pack(value) {
  const w = new Writer();
  w.value(value, 0);
  return w.buf.slice(0, w.len);
}

class Reader {
  constructor(bytes) {
    this.b = bytes;
    this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.i = 0;
  }

  take(n) {
    if (this.i + n > this.b.length) {
      throw new BinaryPackError(`BinaryPack data ends early (${n} bytes wanted at ${this.i} of ${this.b.length})`);
    }
    const at = this.i;
    this.i += n;
    return at;
  }

  u8() { return this.b[this.take(1)]; }
  u16() { return this.v.getUint16(this.take(2)); }
  u32() { return this.v.getUint32(this.take(4)); }

  raw(n) {
    const at = this.take(n);
    return this.b.slice(at, at + n);
  }

  string(n) {
    const at = this.take(n);
    return decoder.decode(this.b.subarray(at, at + n));
  }

  array(n, depth) {
    if (n > this.b.length - this.i) throw new BinaryPackError(`BinaryPack array of ${n} beyond the bytes left`);
    const out = new Array(n);
    for (let k = 0; k < n; k++) out[k] = this.read(depth + 1);
    return out;
  }

  map(n, depth) {
    if (2 * n > this.b.length - this.i) throw new BinaryPackError(`BinaryPack map of ${n} beyond the bytes left`);
    const out = {};
    for (let k = 0; k < n; k++) {
      const key = this.read(depth + 1);
      out[key instanceof Uint8Array ? decoder.decode(key) : String(key)] = this.read(depth + 1);
    }
    return out;
  }

  read(depth) {
    if (depth > MAX_DEPTH) throw new BinaryPackError(`BinaryPack value nested deeper than ${MAX_DEPTH} levels`);
    const t = this.u8();
    if (t < 0x80) return t;
    if (t >= 0xe0) return t - 0x100;
    if (t <= 0x8f) return this.map(t - 0x80, depth);
    if (t <= 0x9f) return this.array(t - 0x90, depth);
    if (t <= 0xaf) return this.raw(t - 0xa0);
    if (t <= 0xbf) return this.string(t - 0xb0);
    switch (t) {
      case 0xc0: case 0xc1: case 0xd4: case 0xd5: case 0xd6: case 0xd7: return null;
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xca: return this.v.getFloat32(this.take(4));
      case 0xcb: return this.v.getFloat64(this.take(8));
      case 0xcc: return this.u8();
      case 0xcd: return this.u16();
      case 0xce: return this.u32();
      case 0xcf: return Number(this.v.getBigUint64(this.take(8)));
      case 0xd0: return this.v.getInt8(this.take(1));
      case 0xd1: return this.v.getInt16(this.take(2));
      case 0xd2: return this.v.getInt32(this.take(4));
      case 0xd3: return Number(this.v.getBigInt64(this.take(8)));
      case 0xd8: return this.string(this.u16());
      case 0xd9: return this.string(this.u32());
      case 0xda: return this.raw(this.u16());
      case 0xdb: return this.raw(this.u32());
      case 0xdc: return this.array(this.u16(), depth);
      case 0xdd: return this.array(this.u32(), depth);
      case 0xde: return this.map(this.u16(), depth);
      case 0xdf: return this.map(this.u32(), depth);
      default: throw new BinaryPackError(`unknown BinaryPack type 0x${t.toString(16)}`);
    }
  }
}

/** One value from BinaryPack bytes (ArrayBuffer or a typed array); bytes come back as Uint8Array. */
export function unpack(data) {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data)
    : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  if (bytes === null) throw new BinaryPackError('BinaryPack data must be bytes');
  if (bytes.length === 0) throw new BinaryPackError('empty BinaryPack frame');
  return new Reader(bytes).read(0);
}

/**
 * PeerJS's chunker: packed bytes over CHUNK_MTU as {__peerData: id, n, data, total} messages,
 * each then packed on its own (ids count from 1 per connection, as PeerJS's).
 */
export function chunk(bytes, id) {
  const total = Math.ceil(bytes.length / CHUNK_MTU);
  const out = [];
  for (let n = 0; n < total; n++) {
    out.push({ __peerData: id, n, data: bytes.subarray(n * CHUNK_MTU, Math.min(bytes.length, (n + 1) * CHUNK_MTU)), total });
  }
  return out;
}
