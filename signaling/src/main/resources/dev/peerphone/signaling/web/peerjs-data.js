// What goes over a PeerJS 1.5.5 DataConnection, by its serialization (docs/PEERJS.md,
// "Serializations"): binary (the default; also "binary-utf8" and "default") is BinaryPack in
// binary frames, chunked as {__peerData: n, n, data, total} above 16,300 bytes; json is UTF-8 JSON
// in binary frames (16,300 bytes and more refused, as PeerJS refuses them); raw is strings as text
// frames and bytes as binary frames. {__peerData: {type: "close"}} is a page's close({flush: true}).

import { pack, unpack, chunk, CHUNK_MTU, BinaryPackError } from './binarypack.js';

/** Data that cannot be sent or read on a connection (the connection stays). */
export class DataError extends Error {
  constructor(message) {
    super(message);
    this.name = 'DataError';
  }
}

const KINDS = { binary: 'binary', 'binary-utf8': 'binary', default: 'binary', json: 'json', raw: 'raw' };
/** Chunks held for one connection at most (a peer that never sends the last chunk). */
const MAX_PENDING = 16 * 1024 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The codec kind ('binary', 'json' or 'raw') of a serialization name, or null when unknown. */
export function kindOf(serialization) {
  return Object.prototype.hasOwnProperty.call(KINDS, serialization) ? KINDS[serialization] : null;
}

const bytesOf = (data) => (data instanceof ArrayBuffer ? new Uint8Array(data)
  : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null);

/** Encoding and decoding for one connection (chunk ids and pending chunks are per connection). */
export class DataCodec {
  constructor(kind) {
    this.kind = kind;
    this.nextChunk = 1;
    this.chunks = new Map(); // __peerData id → {parts, count, total}
    this.pendingBytes = 0;
  }

  /** The frames (Uint8Array or string) that carry value. */
  encode(value) {
    if (this.kind === 'binary') {
      const bytes = pack(value);
      if (bytes.length <= CHUNK_MTU) return [bytes];
      return chunk(bytes, this.nextChunk++).map((c) => pack(c));
    }
    if (this.kind === 'json') {
      const bytes = encoder.encode(JSON.stringify(value));
      if (bytes.length >= CHUNK_MTU) throw new DataError(`a json message of ${bytes.length} bytes is too big (PeerJS takes less than ${CHUNK_MTU})`);
      return [bytes];
    }
    if (typeof value === 'string') return [value];
    const bytes = bytesOf(value);
    return [bytes || JSON.stringify(value)];
  }

  /**
   * One received frame: {value}, {close: true} for a close request, or null while a chunked
   * message is incomplete. Throws DataError or BinaryPackError for data it cannot read.
   */
  decode(data) {
    if (this.kind === 'raw') return { value: typeof data === 'string' ? data : bytesOf(data) };
    if (this.kind === 'json') {
      let value;
      try {
        value = JSON.parse(typeof data === 'string' ? data : decoder.decode(data));
      } catch (e) {
        throw new DataError(`not JSON (${e.message})`);
      }
      return isClose(value) ? { close: true } : { value };
    }
    if (typeof data === 'string') throw new DataError('a text frame on a binary connection');
    const value = unpack(data);
    if (value === null || typeof value !== 'object' || !('__peerData' in value)) return { value };
    if (isClose(value)) return { close: true };
    return this.piece(value);
  }

  piece(c) {
    const { __peerData: id, n, total, data } = c;
    if (!Number.isInteger(n) || !Number.isInteger(total) || n < 0 || n >= total || !(data instanceof Uint8Array)) {
      throw new DataError('a chunk without a valid n, total and data');
    }
    let entry = this.chunks.get(id);
    if (!entry) {
      entry = { parts: [], count: 0, total };
      this.chunks.set(id, entry);
    }
    if (entry.total !== total || entry.parts[n]) throw new DataError(`chunk ${n} of message ${id} is inconsistent`);
    this.pendingBytes += data.length;
    if (this.pendingBytes > MAX_PENDING) {
      this.chunks.clear();
      this.pendingBytes = 0;
      throw new DataError(`more than ${MAX_PENDING} bytes of unfinished chunked messages`);
    }
    entry.parts[n] = data;
    entry.count += 1;
    if (entry.count < entry.total) return null;
    this.chunks.delete(id);
    const size = entry.parts.reduce((s, p) => s + p.length, 0);
    this.pendingBytes -= size;
    const whole = new Uint8Array(size);
    let at = 0;
    for (const p of entry.parts) {
      whole.set(p, at);
      at += p.length;
    }
    return this.decode(whole);
  }
}

function isClose(v) {
  return v !== null && typeof v === 'object' && v.__peerData !== null && typeof v.__peerData === 'object'
    && v.__peerData.type === 'close';
}

/** How chat shows a received value: a string as it is, anything else as JSON (bytes as arrays of numbers). */
export function displayText(value) {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (k, v) => {
    const bytes = v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? bytesOf(v) : null;
    return bytes ? Array.from(bytes) : v;
  });
}

export { BinaryPackError };
