// One call with one peer: its RTCPeerConnection, DataChannels and ICE candidate buffer.
// Mirrors the desktop engine's conventions (see PROTOCOL.md and app/.../rtc/Channels.java):
// the offerer opens "peerphone-control" then "chat"; text on any other channel the peer opened
// is chat too; control messages ({"peerphone":...}) count only on the control channel.

export const CHAT = 'chat';
export const CONTROL = 'peerphone-control';
const CONTROL_PREFIX = '{"peerphone":';

export class Call {
  /**
   * @param {string} peer the other side's name
   * @param {object} opts {send(msg), localStream (may be null), rtcConfig() → Promise of the
   *   RTCPeerConnection configuration (fresh ICE servers, transport policy), roulette, listener}
   *   listener: onChange(call), onChat(call, text), onRemotePaused(call, kind, paused),
   *   onEnded(call, reason), pausedKinds() → kinds paused locally
   */
  constructor(peer, opts) {
    this.peer = peer;
    this.send = opts.send;
    this.localStream = opts.localStream;
    this.rtcConfig = opts.rtcConfig || (async () => ({ iceServers: [] }));
    this.roulette = !!opts.roulette;
    this.listener = opts.listener;
    this.state = 'new'; // new | ringing-out | ringing-in | connecting | connected | ended
    this.pc = null;
    this.channels = [];
    this.chatWasOpen = false;
    this.pending = [];
    this.remoteStream = new MediaStream();
    this.remotePaused = { audio: false, video: false };
    this.frames = 0;
    this.queue = Promise.resolve();
  }

  get chatOpen() {
    return this.chatChannel() !== null;
  }

  /** Runs steps one after another, like the desktop's single call executor. */
  run(step) {
    this.queue = this.queue.then(() => (this.state === 'ended' ? null : step())).catch((e) => {
      console.warn(`call ${this.peer}:`, e);
      this.end('failed');
    });
    return this.queue;
  }

  setState(state) {
    this.state = state;
    this.listener.onChange(this);
  }

  createPc(config) {
    const pc = new RTCPeerConnection(config);
    this.pc = pc;
    pc.onicecandidate = (e) => {
      if (e.candidate && e.candidate.candidate) {
        this.send({ type: 'candidate', name: this.peer, candidate: e.candidate.toJSON() });
      }
    };
    pc.ontrack = (e) => {
      this.remoteStream.addTrack(e.track);
      this.listener.onChange(this);
    };
    pc.ondatachannel = (e) => this.adopt(e.channel);
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') this.setState('connected');
      else if (pc.connectionState === 'failed') this.end('failed');
      else this.listener.onChange(this);
    };
    return pc;
  }

  addLocalTracks(offerer) {
    const stream = this.localStream;
    for (const kind of ['audio', 'video']) {
      const track = stream && stream.getTracks().find((t) => t.kind === kind);
      if (track) this.pc.addTrack(track, stream);
      else if (offerer) this.pc.addTransceiver(kind, { direction: 'recvonly' });
    }
  }

  /** Caller side (after accept, or roulette initiator, or our own direct call). */
  offer() {
    return this.run(async () => {
      this.setState('connecting');
      this.createPc(await this.rtcConfig());
      this.addLocalTracks(true);
      this.adopt(this.pc.createDataChannel(CONTROL));
      this.adopt(this.pc.createDataChannel(CHAT));
      await this.pc.setLocalDescription(await this.pc.createOffer());
      this.send({ type: 'offer', name: this.peer, offer: plain(this.pc.localDescription) });
    });
  }

  /** Callee side: an offer after our accept, a roulette match, or straight away (classic pages). */
  answer(offer) {
    return this.run(async () => {
      if (this.pc) {
        await this.pc.setRemoteDescription(offer); // renegotiation
      } else {
        this.setState('connecting');
        // Steps run one at a time; candidates arriving while fresh credentials load wait in this.pending.
        this.createPc(await this.rtcConfig());
        await this.pc.setRemoteDescription(offer);
        this.addLocalTracks(false);
      }
      await this.flush();
      await this.pc.setLocalDescription(await this.pc.createAnswer());
      this.send({ type: 'answer', name: this.peer, answer: plain(this.pc.localDescription) });
    });
  }

  answered(answer) {
    return this.run(async () => {
      if (!this.pc || this.pc.signalingState !== 'have-local-offer') return;
      await this.pc.setRemoteDescription(answer);
      await this.flush();
    });
  }

  /** Remote candidates wait until the remote description is set. */
  candidate(c) {
    if (!c || !c.candidate) return;
    if (this.pc && this.pc.remoteDescription) {
      this.pc.addIceCandidate(c).catch((e) => console.warn('candidate', e));
    } else {
      this.pending.push(c);
    }
  }

  async flush() {
    const list = this.pending;
    this.pending = [];
    for (const c of list) {
      await this.pc.addIceCandidate(c).catch((e) => console.warn('candidate', e));
    }
  }

  adopt(dc) {
    const control = dc.label === CONTROL;
    this.channels.push(dc);
    dc.onopen = () => {
      if (control) {
        for (const kind of this.listener.pausedKinds()) this.sendControl({ peerphone: 'track', kind, paused: true });
      } else {
        this.chatWasOpen = true;
      }
      this.listener.onChange(this);
    };
    dc.onclose = () => {
      if (this.state === 'ended') return;
      this.listener.onChange(this);
      // The peer closed its connection (hang-up or a crash): no channel is left open.
      if (this.chatWasOpen && this.channels.every((c) => c.readyState !== 'open')) this.end('remote-hangup');
    };
    dc.onmessage = (e) => {
      if (typeof e.data !== 'string') return;
      if (control && e.data.startsWith(CONTROL_PREFIX)) this.control(e.data);
      else if (!control) this.listener.onChat(this, e.data);
    };
  }

  control(text) {
    let m;
    try {
      m = JSON.parse(text);
    } catch {
      return;
    }
    if (m.peerphone === 'bye') {
      this.end('remote-hangup');
    } else if (m.peerphone === 'track' && (m.kind === 'audio' || m.kind === 'video')) {
      this.remotePaused[m.kind] = m.paused === true;
      this.listener.onRemotePaused(this, m.kind, this.remotePaused[m.kind]);
    }
  }

  /** Our "chat" channel if open, else any open channel the peer made (older pages). */
  chatChannel() {
    let any = null;
    for (const c of this.channels) {
      if (c.readyState !== 'open' || c.label === CONTROL) continue;
      if (c.label === CHAT) return c;
      any = any || c;
    }
    return any;
  }

  sendChat(text) {
    const c = this.chatChannel();
    if (!c) return false;
    c.send(text);
    return true;
  }

  sendControl(msg) {
    const c = this.channels.find((x) => x.label === CONTROL && x.readyState === 'open');
    if (c) c.send(JSON.stringify(msg));
  }

  /** Swaps the outgoing track of one kind in place (no renegotiation). */
  replaceTrack(kind, track) {
    if (!this.pc) return;
    for (const s of this.pc.getSenders()) {
      if (s.track && s.track.kind === kind) s.replaceTrack(track).catch((e) => console.warn('replaceTrack', e));
    }
  }

  /**
   * The selected candidate pair from getStats: {local, remote} candidate types (host, srflx, prflx,
   * relay) and protocol, or null before ICE has chosen one.
   */
  async selectedPair() {
    if (!this.pc) return null;
    const stats = await this.pc.getStats();
    let pairId = null;
    stats.forEach((r) => {
      if (r.type === 'transport' && r.selectedCandidatePairId) pairId = r.selectedCandidatePairId;
    });
    let pair = pairId ? stats.get(pairId) : null;
    if (!pair) {
      stats.forEach((r) => {
        if (!pair && r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') pair = r;
      });
    }
    if (!pair) return null;
    const local = stats.get(pair.localCandidateId);
    const remote = stats.get(pair.remoteCandidateId);
    return {
      local: local ? local.candidateType : null,
      remote: remote ? remote.candidateType : null,
      protocol: local ? local.protocol : null,
    };
  }

  /** Inbound video frames decoded so far, from getStats. */
  framesDecoded() {
    return this.inbound('video', 'framesDecoded');
  }

  /** Inbound audio packets received so far, from getStats. */
  audioPackets() {
    return this.inbound('audio', 'packetsReceived');
  }

  /** The sum of one inbound-rtp counter over the streams of one kind. */
  async inbound(kind, counter) {
    if (!this.pc) return 0;
    let n = 0;
    (await this.pc.getStats()).forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === kind) n += r[counter] || 0;
    });
    return n;
  }

  /** Our hang-up: "bye" on the control channel and "leave" through the server. */
  hangup() {
    if (this.state === 'ended') return;
    this.sendControl({ peerphone: 'bye' });
    this.send({ type: 'leave', name: this.peer });
    this.end('hangup');
  }

  end(reason) {
    if (this.state === 'ended') return;
    // A call that fails here (connection failed, an SDP step refused) is over for the other side
    // too: tell it, or it would stay "in a call" with us.
    if (reason === 'failed') this.send({ type: 'leave', name: this.peer });
    this.state = 'ended';
    this.endReason = reason;
    for (const c of this.channels) c.close();
    if (this.pc) this.pc.close();
    this.remoteStream.getTracks().forEach((t) => t.stop());
    this.listener.onEnded(this, reason);
  }
}

function plain(desc) {
  return { type: desc.type, sdp: desc.sdp };
}
