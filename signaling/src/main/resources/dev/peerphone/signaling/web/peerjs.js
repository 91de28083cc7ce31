// PeerJS peers in the browser client (docs/PEERJS.md, "Browser client"): a PeerJS 1.5.5 page is
// called, answered and chatted with over the server's bridge, {type:"peerjs", name, message:
// {type, payload}}, in PeerJS's own payloads. PeerJsCall is what app.js keeps in its calls map for
// such a peer (the same surface as call.js's Call): one media connection at most, any number of
// DataConnections, each its own RTCPeerConnection (peerjs-conn.js).

import { Call } from './call.js';
import { PeerJsConnection, newConnectionId } from './peerjs-conn.js';
import { kindOf, displayText } from './peerjs-data.js';

const TYPES = ['OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE', 'EXPIRE'];
/** Ends the peer already knows of (it left, it is gone, it never got our answer): no LEAVE back. */
const PEER_KNOWS = new Set(['remote-hangup', 'unknown-user', 'declined', 'next']);

/** A bad PeerJS message: its text says what was wrong and who sent it. */
export class PeerJsError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PeerJsError';
  }
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** {type, payload} of a {type:"peerjs", name, message} envelope; throws PeerJsError when it is malformed. */
export function parseEnvelope(m) {
  if (typeof m.name !== 'string' || m.name === '') throw new PeerJsError('a peerjs message without a sender name');
  if (!isObject(m.message)) throw new PeerJsError(`a peerjs message from ${m.name} without a message object`);
  const { type, payload } = m.message;
  if (!TYPES.includes(type)) throw new PeerJsError(`${m.name} sent an unknown PeerJS message type ${JSON.stringify(type)}`);
  if (payload !== undefined && payload !== null && !isObject(payload)) {
    throw new PeerJsError(`${m.name} sent a PeerJS ${type} whose payload is not an object`);
  }
  return { type, payload: payload || {} };
}

/** The names that are PeerJS peers: presence (peerjs:true), a roulette match, or a message they sent. */
export class PeerJsNames {
  constructor() {
    this.names = new Set();
  }

  has(name) {
    return this.names.has(name.toLowerCase());
  }

  mark(name) {
    this.names.add(name.toLowerCase());
  }

  /** A users list: entries with peerjs:true mark the name, entries without it un-mark it. */
  fromUsers(users) {
    for (const u of users) {
      if (typeof u.name !== 'string') continue;
      if (u.peerjs === true) this.mark(u.name);
      else this.names.delete(u.name.toLowerCase());
    }
  }
}

/** payload.sdp when it is a session description {type, sdp} of that type, else null. */
function description(payload, type) {
  const sdp = payload.sdp;
  return isObject(sdp) && typeof sdp.sdp === 'string' && sdp.type === type ? { type, sdp: sdp.sdp } : null;
}

export class PeerJsCall {
  /** @param {string} peer the PeerJS id; opts as Call's, the listener also onRing(call), onError(call, text) */
  constructor(peer, opts) {
    this.peerjs = true;
    this.peer = peer;
    this.send = opts.send;
    this.localStream = opts.localStream;
    this.rtcConfig = opts.rtcConfig || (async () => ({ iceServers: [] }));
    this.roulette = !!opts.roulette;
    this.listener = opts.listener;
    this.state = 'new'; // new | chat (DataConnections only) | ringing-out | ringing-in | connecting | connected | ended
    this.media = null;
    this.conns = new Map(); // connection id → PeerJsConnection
    this.offered = null; // {id, sdp, candidates} of a media call waiting for accept
    this.outbox = [];
    this.remoteStream = new MediaStream();
    this.remotePaused = { audio: false, video: false };
  }

  get pc() {
    return this.media ? this.media.pc : null;
  }

  get chatOpen() {
    return [...this.conns.values()].some((c) => !c.media && c.open);
  }

  setState(state) {
    this.state = state;
    this.listener.onChange(this);
  }

  signal(type, payload) {
    if (this.state === 'ended') return;
    const message = payload === undefined ? { type } : { type, payload };
    this.send({ type: 'peerjs', name: this.peer, message });
  }

  connect(o) {
    const conn = new PeerJsConnection({ ...o, signal: (t, p) => this.signal(t, p), listener: this });
    this.conns.set(conn.id, conn);
    return conn;
  }

  async begin(conn, stream, offer) {
    const config = await this.rtcConfig();
    if (!conn.closed) await conn.start(config, stream, offer);
  }

  /** We call: a PeerJS media call (the page's peer.on('call') fires). */
  offer() {
    if (this.media || this.state === 'ended') return;
    this.media = this.connect({ id: newConnectionId(true), media: true, offerer: true });
    this.setState('ringing-out');
    this.begin(this.media, this.localStream);
  }

  /** Answers the media call that rang (the user accepted, or a roulette match). */
  accept() {
    const o = this.offered;
    if (!o || this.state === 'ended') return;
    this.offered = null;
    this.media = this.connect({ id: o.id, media: true, offerer: false });
    this.media.pending.push(...o.candidates);
    this.setState('connecting');
    this.begin(this.media, this.localStream, o.sdp);
  }

  /** PeerJS has no reject: we close (LEAVE tells the page, and the server, that it is over). */
  decline() {
    this.end('rejected');
  }

  /** One message from the peer (already parsed); throws PeerJsError for one we cannot use. */
  receive({ type, payload }) {
    if (this.state === 'ended') return;
    if (type === 'LEAVE') return this.end('remote-hangup');
    if (type === 'EXPIRE') {
      this.listener.onError(this, `${this.peer} is not connected (PeerJS EXPIRE)`);
      return this.end('unknown-user');
    }
    if (type === 'OFFER') return this.onOffer(payload);
    const id = payload.connectionId;
    const conn = typeof id === 'string' ? this.conns.get(id) : undefined;
    if (type === 'ANSWER') {
      const sdp = description(payload, 'answer');
      if (!conn || !conn.offerer) throw new PeerJsError(`${this.peer} sent an ANSWER for no offer of ours (${id})`);
      if (!sdp) {
        conn.close('failed'); // it cannot connect without one
        throw new PeerJsError(`${this.peer} sent an ANSWER without an sdp {type, sdp}`);
      }
      if (conn.media && this.state === 'ringing-out') this.setState('connecting');
      return conn.answered(sdp);
    }
    const c = payload.candidate;
    if (!isObject(c) || typeof c.candidate !== 'string') throw new PeerJsError(`${this.peer} sent a CANDIDATE without a candidate`);
    if (conn) conn.candidate(c);
    else if (this.offered && this.offered.id === id) this.offered.candidates.push(c);
    return undefined; // a candidate for a connection already closed
  }

  onOffer(p) {
    const sdp = description(p, 'offer');
    const id = p.connectionId;
    if (!sdp || typeof id !== 'string' || id === '' || (p.type !== 'media' && p.type !== 'data')) {
      throw new PeerJsError(`${this.peer} sent an OFFER without connectionId, sdp and type media|data`);
    }
    const old = this.conns.get(id);
    if (old) old.close('replaced'); // as PeerJS: an offer again for a connection id replaces it
    if (this.state === 'ended') return; // it was our media call: that call is over
    if (p.type === 'media') {
      if (this.media || this.offered) throw new PeerJsError(`${this.peer} called again during a call; ignored`);
      this.offered = { id, sdp, candidates: [] };
      if (this.roulette) this.accept();
      else this.listener.onRing(this);
      return;
    }
    const kind = kindOf(p.serialization);
    if (!kind) throw new PeerJsError(`${this.peer} offered a DataConnection with serialization ${JSON.stringify(p.serialization)}; supported: binary, json, raw`);
    if (this.state === 'new') this.setState('chat');
    const conn = this.connect({ id, media: false, offerer: false, kind, label: p.label, reliable: p.reliable === true });
    this.begin(conn, null, sdp);
  }

  // ---- PeerJsConnection listener ----

  onTrack(conn, track) {
    if (!conn.media || conn !== this.media) return;
    this.remoteStream.addTrack(track);
    this.listener.onChange(this);
  }

  onOpen(conn) {
    if (!conn.media) this.flushOutbox(conn);
    this.listener.onChange(this);
  }

  onData(conn, value) {
    this.listener.onChat(this, displayText(value));
  }

  onConnected(conn) {
    if (conn === this.media && this.state !== 'connected') this.setState('connected');
  }

  onClosed(conn, reason) {
    this.conns.delete(conn.id);
    if (this.state === 'ended') return;
    if (conn === this.media) {
      this.end(reason === 'failed' ? 'failed' : 'remote-hangup', true); // the page closed its call: LEAVE frees the server's "busy"
    } else if (this.state === 'chat' && this.conns.size === 0) {
      this.end('chat-closed', false); // no LEAVE: the page closed it, and the server counts no DataConnection as a call
    } else {
      this.listener.onChange(this);
    }
  }

  onError(conn, text) {
    this.listener.onError(this, text);
  }

  // ---- the Call surface app.js uses ----

  /** Chat goes on the DataConnection the peer used last, else a new one (binary); texts wait until it opens. */
  sendChat(text) {
    const data = [...this.conns.values()].filter((c) => !c.media);
    const open = data.filter((c) => c.open).sort((a, b) => b.lastActivity - a.lastActivity)[0];
    if (open && this.outbox.length === 0) {
      this.deliver(open, text);
      return true;
    }
    this.outbox.push(text);
    if (!open && !data.some((c) => !c.closed)) {
      this.begin(this.connect({ id: newConnectionId(false), media: false, offerer: true, kind: 'binary', reliable: true }), null);
    } else if (open) {
      this.flushOutbox(open);
    }
    return true;
  }

  deliver(conn, value) {
    try {
      return conn.send(value);
    } catch (e) {
      this.listener.onError(this, `Cannot send to ${this.peer}: ${e.message}`);
      return true; // dropped, said so
    }
  }

  flushOutbox(conn) {
    while (this.outbox.length > 0 && this.deliver(conn, this.outbox[0])) this.outbox.shift();
  }

  sendControl() {
    // PeerJS has no control channel: a paused track sends silence / black frames, as PeerJS pages do.
  }

  replaceTrack(kind, track) {
    if (!this.pc) return;
    for (const s of this.pc.getSenders()) {
      if (s.track && s.track.kind === kind) s.replaceTrack(track).catch((e) => console.warn('replaceTrack', e));
    }
  }

  hangup() {
    this.end('hangup');
  }

  /**
   * Ends every connection with the peer (closing them is PeerJS's hang-up) and, unless the peer
   * already knows (tell false), sends LEAVE so the page and the server's presence know too.
   */
  end(reason, tell = !PEER_KNOWS.has(reason)) {
    if (this.state === 'ended') return;
    if (tell) this.signal('LEAVE');
    this.state = 'ended';
    this.endReason = reason;
    for (const c of [...this.conns.values()]) c.close(reason);
    this.conns.clear();
    this.remoteStream.getTracks().forEach((t) => t.stop());
    for (const text of this.outbox) this.listener.onError(this, `Not delivered to ${this.peer}: ${text.slice(0, 80)}`);
    this.outbox = [];
    this.listener.onEnded(this, reason);
  }
}

// The statistics (selected pair, frames decoded, audio packets) read this.pc only: Call's own code serves.
for (const name of ['selectedPair', 'framesDecoded', 'audioPackets', 'inbound']) {
  PeerJsCall.prototype[name] = Call.prototype[name];
}
