// One PeerJS 1.5.5 connection with one peer: a media call ("mc_…") or a DataConnection ("dc_…"),
// each its own RTCPeerConnection, never renegotiated (docs/PEERJS.md, "What the Java peer sends").
// The caller opens the DataChannel (a media call's auxiliary, unordered one too) and sends
// OFFER; the callee answers. Candidates trickle as CANDIDATE and wait for the remote description.
// Closing the RTCPeerConnection is PeerJS's hang-up: the other side sees its channel close.

import { DataCodec } from './peerjs-data.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A connection id as PeerJS makes them: mc_ or dc_ and 12 random letters/digits. */
export function newConnectionId(media) {
  const r = crypto.getRandomValues(new Uint8Array(12));
  return (media ? 'mc_' : 'dc_') + Array.from(r, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export class PeerJsConnection {
  /**
   * @param {object} o {id, media, offerer, kind ('binary'|'json'|'raw', data only), label,
   *   reliable, signal(type, payload), listener}; listener: onTrack(conn, track), onOpen(conn),
   *   onData(conn, value), onConnected(conn), onClosed(conn, reason), onError(conn, text)
   */
  constructor(o) {
    this.id = o.id;
    this.media = o.media;
    this.offerer = o.offerer;
    this.label = o.label || o.id;
    this.reliable = o.reliable !== false;
    this.kind = o.kind || null;
    this.codec = this.media ? null : new DataCodec(this.kind);
    this.signal = o.signal;
    this.listener = o.listener;
    this.pc = null;
    this.dc = null;
    this.open = false;
    this.closed = false;
    this.pending = [];
    this.lastActivity = Date.now();
    this.queue = Promise.resolve();
  }

  get type() {
    return this.media ? 'media' : 'data';
  }

  /** Runs SDP steps one after another; a step that throws ends the connection. */
  run(step) {
    this.queue = this.queue.then(() => (this.closed ? null : step())).catch((e) => {
      this.listener.onError(this, `${this.type} connection ${this.id}: ${e.message || e}`);
      this.close('failed');
    });
    return this.queue;
  }

  /**
   * Starts it: the caller (no offer) opens the channel and sends OFFER; the callee sets offer and
   * sends ANSWER. stream: our camera and microphone for a media call (may be null).
   */
  start(config, stream, offer) {
    return this.run(async () => {
      const pc = new RTCPeerConnection(config);
      this.pc = pc;
      pc.onicecandidate = (e) => {
        if (e.candidate && e.candidate.candidate && !this.closed) {
          this.signal('CANDIDATE', { candidate: e.candidate.toJSON(), type: this.type, connectionId: this.id });
        }
      };
      pc.ontrack = (e) => this.listener.onTrack(this, e.track);
      pc.ondatachannel = (e) => this.adopt(e.channel);
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'connected') this.listener.onConnected(this);
        else if (pc.connectionState === 'failed') this.close('failed');
      };
      if (this.offerer) {
        if (this.media) this.addTracks(stream, true);
        this.adopt(pc.createDataChannel(this.label, { ordered: !this.media && this.reliable }));
        await pc.setLocalDescription(await pc.createOffer());
        const payload = { sdp: plain(pc.localDescription), type: this.type, connectionId: this.id };
        if (!this.media) Object.assign(payload, { label: this.label, reliable: this.reliable, serialization: this.kind });
        this.signal('OFFER', payload);
      } else {
        await pc.setRemoteDescription(offer);
        if (this.media) this.addTracks(stream, false);
        await this.flush();
        await pc.setLocalDescription(await pc.createAnswer());
        this.signal('ANSWER', { sdp: plain(pc.localDescription), type: this.type, connectionId: this.id });
      }
    });
  }

  /** Our tracks, each with its stream's id (a PeerJS page's 'stream' event needs one). */
  addTracks(stream, offerer) {
    for (const kind of ['audio', 'video']) {
      const track = stream && stream.getTracks().find((t) => t.kind === kind);
      if (track) this.pc.addTrack(track, stream);
      else if (offerer) this.pc.addTransceiver(kind, { direction: 'recvonly' });
    }
  }

  answered(sdp) {
    return this.run(async () => {
      if (!this.pc || this.pc.signalingState !== 'have-local-offer') return;
      await this.pc.setRemoteDescription(sdp);
      await this.flush();
    });
  }

  candidate(c) {
    if (this.closed) return;
    if (this.pc && this.pc.remoteDescription) {
      this.pc.addIceCandidate(c).catch((e) => console.warn(`peerjs ${this.id}: candidate refused`, e));
    } else {
      this.pending.push(c);
    }
  }

  async flush() {
    const list = this.pending;
    this.pending = [];
    for (const c of list) await this.pc.addIceCandidate(c).catch((e) => console.warn(`peerjs ${this.id}: candidate refused`, e));
  }

  adopt(dc) {
    this.dc = dc;
    dc.binaryType = 'arraybuffer';
    dc.onopen = () => {
      this.open = true;
      this.lastActivity = Date.now();
      this.listener.onOpen(this);
    };
    dc.onclose = () => this.close('remote-hangup');
    dc.onmessage = (e) => {
      if (this.media || this.closed) return; // PeerJS never sends on a media call's auxiliary channel
      this.lastActivity = Date.now();
      let r;
      try {
        r = this.codec.decode(e.data);
      } catch (err) {
        this.listener.onError(this, `unreadable ${this.kind} data on ${this.id}: ${err.message}`);
        return;
      }
      if (r && r.close) this.close('remote-hangup');
      else if (r) this.listener.onData(this, r.value);
    };
  }

  /** Sends value (data connections); false when the channel is not open. Throws DataError/BinaryPackError. */
  send(value) {
    if (!this.open || !this.dc || this.dc.readyState !== 'open') return false;
    for (const frame of this.codec.encode(value)) this.dc.send(frame);
    return true;
  }

  /** Closes it (once) and tells the listener why: the PeerJS hang-up. */
  close(reason) {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    if (this.dc) this.dc.onclose = null;
    try {
      if (this.dc) this.dc.close();
      if (this.pc) this.pc.close();
    } finally {
      this.listener.onClosed(this, reason);
    }
  }
}

function plain(desc) {
  return { type: desc.type, sdp: desc.sdp };
}
