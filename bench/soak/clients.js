// The soak's population: each SoakClient cycles through sessions (connect from its own loopback
// source address, log in under a fresh name, ring peers or play roulette, relay offer / answer /
// candidates / chat both ways, leave, disconnect gracefully or abruptly, pause, again).
//
// Every relayed message the tool sends is an expectation on its receiver (both ends live in this
// process): it must arrive within --expect-timeout, else it is a failure ("timeout <type>").
// Offer, answer, candidate and chat carry the send time (performance.now(), one clock), so their
// arrival gives the one-way relay latency through the server.
'use strict';
const { performance } = require('perf_hooks');
const WebSocket = require('ws');

const CAND = 'candidate:1467250027 1 udp 2122260223 192.168.1.196 46243 typ host generation 0 ufrag 6BqW network-id 1';
const SDP = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n' +
  'm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\n' +
  'm=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=sendrecv\r\na=rtpmap:96 VP8/90000\r\n';
const USERS_PREFIX = '{"type":"users"';
const LOGGED_IN = new Set(['idle', 'ringing-out', 'ringing-in', 'call', 'queued']);

/** Per-minute counters; the soak swaps in a fresh one every minute. */
function newCounters() {
  return {
    sessions: 0, logins: 0, refusals: {}, failures: {}, relayedIn: 0, latencies: [], loginTimes: [], presencePushes: 0, presenceBytes: 0,
    calls: 0, accepted: 0, rejected: 0, unanswered: 0, matches: 0, graceful: 0, abrupt: 0, noIdlePeer: 0, races: 0, sent: 0,
  };
}
function bump(map, key, n = 1) { map[key] = (map[key] || 0) + n; }

/** Clients that are logged in, in no call and callable: O(1) add, remove and random pick. */
class IdlePool {
  constructor() { this.items = []; }
  add(c) { if (c.poolIndex < 0) { c.poolIndex = this.items.length; this.items.push(c); } }
  remove(c) {
    if (c.poolIndex < 0) return;
    const last = this.items.pop();
    if (last !== c) { this.items[c.poolIndex] = last; last.poolIndex = c.poolIndex; }
    c.poolIndex = -1;
  }
  pick(rng, except) {
    for (let tries = 0; tries < 4 && this.items.length; tries++) {
      const c = this.items[Math.floor(rng() * this.items.length)];
      if (c !== except) return c;
    }
    return null;
  }
}

/** What all clients share: options, random numbers, the server's URL, names, counters. */
class Population {
  constructor(opt, rng, url, tag) {
    this.opt = opt; this.rng = rng; this.url = url; this.tag = tag;
    this.c = newCounters();
    this.idle = new IdlePool();
    this.byName = new Map();
    /** Names whose session ended, with the time: an unknown-user for them is a race, not a failure. */
    this.gone = new Map();
    this.clients = [];
    this.stopping = false;
    /** Sessions waiting for their socket or login reply. */
    this.connecting = 0;
    this.sessionLength = opt.clients / opt.rate - opt.pause;
  }
  between(a, b) { return a + (b - a) * this.rng(); }
  failure(kind) { bump(this.c.failures, kind); }
  refusal(cause) { bump(this.c.refusals, cause); }
  /** The Nth source address: 127.0.1.1 .. spread over --addresses addresses (never 127.0.0.x). */
  address(i) {
    const k = i % this.opt.addresses;
    return `127.${Math.floor(k / 62500)}.${1 + Math.floor((k % 62500) / 250)}.${1 + (k % 250)}`;
  }
  /** Checks every expectation's deadline; forgets old names. */
  sweep() {
    const now = performance.now();
    for (const cl of this.clients) cl.sweep(now);
    for (const [name, t] of this.gone) { if (now - t > 30000) this.gone.delete(name); else break; }
  }
  loggedIn() { return this.clients.filter((c) => LOGGED_IN.has(c.state) && !c.closingByUs).length; }
}

/**
 * One user of the population, cycling through sessions. A peer is held as the handle of its
 * session ({c, name, gen}), so nothing reaches a later session of the same client by mistake.
 * Each side keeps only its own state: a peer learns that a call ended from what the server
 * relays (leave, reject), never from this process.
 */
class SoakClient {
  constructor(pop, index) {
    this.pop = pop; this.index = index; this.source = pop.address(index); this.gen = 0;
    this.state = 'off'; this.peer = null; this.poolIndex = -1; this.timers = new Set(); this.expect = new Map();
  }

  // ---------------------------------------------------------------- session
  /** Starts a session; `length` in seconds (default: the population's mean ± 50 %). */
  start(length) {
    const { pop } = this, { opt } = pop;
    if (pop.stopping) return;
    this.gen++;
    this.name = `${pop.tag}${this.index.toString(36)}_${this.gen.toString(36)}`;
    this.handle = { c: this, name: this.name, gen: this.gen };
    this.roulette = pop.rng() < opt.roulette;
    this.abruptEnd = pop.rng() < opt.abrupt;
    this.length = length ?? pop.between(0.5, 1.5) * pop.sessionLength;
    this.seq = 0; this.matches = 0; this.closingByUs = false; this.refusedAs = null; this.connectError = null;
    this.state = 'connecting';
    pop.c.sessions++;
    pop.connecting++;
    this.startedAt = performance.now();
    const ws = new WebSocket(pop.url, { perMessageDeflate: false, localAddress: this.source, handshakeTimeout: opt.expectTimeout * 1000 });
    this.ws = ws;
    ws.on('open', () => {
      this.await('login', '');
      this.send({ type: 'login', name: this.name, features: ['ring'] });
    });
    ws.on('message', (data) => this.received(ws, data));
    ws.on('error', (e) => this.socketError(ws, e));
    ws.on('close', (code, reason) => this.closed(ws, code, reason.toString()));
  }

  /** The session has its answer (logged in, refused, or the socket failed): no longer connecting. */
  settled() {
    if (this.state === 'connecting') { this.pop.connecting--; this.state = 'settled'; }
  }

  loggedIn() {
    const { pop } = this;
    this.settled();
    this.state = 'idle';
    this.failStreak = 0;
    pop.c.logins++;
    pop.c.loginTimes.push(performance.now() - this.startedAt);
    pop.byName.set(this.name, this);
    if (pop.stopping) return this.end();
    const ms = this.length * 1000;
    this.later(() => this.end(), ms);
    if (this.roulette) {
      this.later(() => this.find(), pop.between(0.05, 0.3) * ms);
    } else {
      pop.idle.add(this);
      for (let i = 0; i < pop.opt.calls; i++) this.later(() => this.ring(), pop.between(0.05, 0.85) * ms);
    }
    return undefined;
  }

  /** The session ends: leave whoever we talk to (or just vanish), disconnect, come back after a pause. */
  end(graceful = !this.abruptEnd) {
    const { pop } = this;
    if (!LOGGED_IN.has(this.state) || this.closingByUs) return;
    const peer = this.peer;
    if (!graceful) {
      pop.c.abrupt++;
      // The server must tell the partner (call, ringing or roulette) with a leave of its own;
      // what we sent last may be lost with the socket.
      if (peer) { forgetOn(peer, this.name); expectOn(peer, 'leave', this.name); }
      this.teardown();
      this.ws.terminate();
    } else {
      pop.c.graceful++;
      if (this.roulette) this.send({ type: 'stop' }); // the partner, if any, gets leave
      else if (peer) this.send({ type: 'leave', name: peer.name });
      if (peer) expectOn(peer, 'leave', this.name);
      this.teardown();
      this.ws.close(1000, 'bye');
    }
  }

  teardown() {
    const { pop } = this;
    this.closingByUs = true;
    this.peer = null;
    pop.idle.remove(this);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.expect.clear();
    if (pop.byName.get(this.name) === this) { pop.byName.delete(this.name); pop.gone.set(this.name, performance.now()); }
  }

  closed(ws, code, reason) {
    if (ws !== this.ws) return;
    const { pop } = this;
    this.settled();
    if (!this.closingByUs) {
      if (this.refusedAs) pop.refusal(this.refusedAs);
      else if (this.connectError) pop.failure(`connect: ${this.connectError}`);
      else pop.failure(`unexpected close ${code}${reason ? ` ${reason}` : ''}`);
      this.failStreak = (this.failStreak || 0) + 1;
      if (this.peer) { forgetOn(this.peer, this.name); expectOn(this.peer, 'leave', this.name); }
      this.teardown();
    }
    this.state = 'off';
    this.ws = null;
    // like a real client, back off after failures (1, 2, 4 ... 32 pauses), so a hiccup does not turn into a storm
    const backoff = 2 ** Math.min(5, this.failStreak || 0);
    if (!pop.stopping) setTimeout(() => this.start(), pop.between(0.5, 1.5) * pop.opt.pause * backoff * 1000);
  }

  socketError(ws, e) {
    if (ws !== this.ws) return;
    const m = /Unexpected server response: (\d+)/.exec(e.message);
    // before login: the server refused the socket (503 over a cap: a refusal) or the connection failed
    if (this.state === 'connecting') {
      if (m) this.refusedAs = `http ${m[1]}`;
      else this.connectError = e.code || e.message;
    } else if (!this.closingByUs) this.pop.failure(`socket error ${e.code || e.message}`);
  }

  // ---------------------------------------------------------------- calls
  /** Rings a random idle peer; it accepts, rejects or does not answer (then we leave). */
  ring() {
    const { pop } = this;
    if (this.state !== 'idle') return;
    const callee = pop.idle.pick(pop.rng, this);
    if (!callee) { pop.c.noIdlePeer++; return; }
    pop.idle.remove(this); pop.idle.remove(callee);
    const r = pop.rng();
    callee.answer = r < pop.opt.reject ? 'reject' : r < pop.opt.reject + pop.opt.noAnswer ? 'none' : 'accept';
    const peer = callee.handle;
    this.pair(peer, 'ringing-out');
    callee.pair(this.handle, 'ringing-in');
    pop.c.calls++;
    this.send({ type: 'call', name: peer.name });
    expectOn(peer, 'call', this.name);
    this.later(() => {
      if (this.state === 'ringing-out' && this.peer === peer) { pop.c.unanswered++; this.hangUp(); }
    }, pop.opt.ringSeconds * 1000);
  }

  pair(peer, state) { this.peer = peer; this.state = state; }

  /** Back to idle after a call; callable again unless a roulette player. */
  unpair() {
    this.peer = null;
    this.state = 'idle';
    if (!this.roulette && !this.closingByUs) this.pop.idle.add(this);
  }

  hangUp() {
    const peer = this.peer;
    this.send({ type: 'leave', name: peer.name });
    expectOn(peer, 'leave', this.name);
    this.unpair();
  }

  /** Offer/answer carry SDP-sized payloads; chat and candidates carry the time in their text. */
  sendSignal(type) {
    const ts = performance.now().toFixed(3);
    const n = ++this.seq;
    const to = this.peer.name;
    if (type === 'offer' || type === 'answer') {
      this.raw(`{"type":"${type}","name":"${to}","${type}":{"type":"${type}","sdp":${JSON.stringify(SDP)},"ts":${ts},"n":${n}}}`);
    } else if (type === 'candidate') {
      this.raw(`{"type":"candidate","name":"${to}","candidate":{"candidate":"${CAND}","sdpMid":"0","sdpMLineIndex":0,"ts":${ts},"n":${n}}}`);
    } else {
      this.raw(`{"type":"chat","name":"${to}","text":"hello ${ts} ${n}"}`);
    }
    expectOn(this.peer, type, `${this.name}#${n}`);
  }

  /** Each side trickles --candidates candidates and says hello in the chat. */
  media() {
    for (let i = 0; i < this.pop.opt.candidates; i++) this.sendSignal('candidate');
    this.sendSignal('chat');
  }

  /** The call or match is up; the side that placed it ends it after about --hold seconds. */
  hold(then) {
    const peer = this.peer;
    this.later(() => { if (this.peer === peer && this.state === 'call') then(); }, this.pop.between(0.5, 1.5) * this.pop.opt.holdSeconds * 1000);
  }

  // ---------------------------------------------------------------- roulette
  find() {
    if (this.state !== 'idle' || this.closingByUs) return;
    this.state = 'queued';
    this.send({ type: 'find' });
  }

  /** After a roulette call: next (the partner is told, we queue again) or, after --matches, stop. */
  moveOn() {
    const last = ++this.matches >= this.pop.opt.matches;
    this.send({ type: last ? 'stop' : 'next' });
    expectOn(this.peer, 'leave', this.name);
    this.peer = null;
    this.state = last ? 'idle' : 'queued';
  }

  // ---------------------------------------------------------------- messages
  received(ws, data) {
    if (ws !== this.ws || this.closingByUs) return undefined; // what arrives once we are on our way out is moot
    const { pop } = this;
    if (data.length > 16 && data.toString('latin1', 0, USERS_PREFIX.length) === USERS_PREFIX) {
      pop.c.presencePushes++; pop.c.presenceBytes += data.length;
      return undefined;
    }
    const now = performance.now();
    const m = JSON.parse(data.toString());
    const from = m.name;
    const fromPeer = this.peer && this.peer.name === from;
    switch (m.type) {
      case 'login':
        this.met('login', '');
        if (m.success) return this.loggedIn();
        return this.refused(`login ${m.reason}`);
      case 'error': return this.serverError(m);
      case 'pong': return undefined;
      case 'call':
        this.met('call', from);
        if (!fromPeer || this.state !== 'ringing-in') return pop.failure('stray call');
        if (this.answer === 'accept') {
          this.send({ type: 'accept', name: from });
          expectOn(this.peer, 'accept', this.name);
          this.state = 'call';
        } else if (this.answer === 'reject') {
          this.send({ type: 'reject', name: from, reason: 'declined' });
          expectOn(this.peer, 'reject', this.name);
          this.unpair();
        }
        return undefined;
      case 'accept':
        this.met('accept', from);
        if (this.state !== 'ringing-out' || !fromPeer) return undefined;
        pop.c.accepted++;
        this.state = 'call';
        this.sendSignal('offer');
        return this.hold(() => this.hangUp());
      case 'reject':
        this.met('reject', from);
        if (this.state === 'ringing-out' && fromPeer) { pop.c.rejected++; this.unpair(); }
        return undefined;
      case 'match': {
        if (this.state !== 'queued') return pop.failure('stray match');
        const partner = pop.byName.get(from);
        // a partner already on its way out (its stop or disconnect follows): a race, not a failure
        this.pair(partner ? partner.handle : { c: null, name: from, gen: 0 }, 'call');
        if (!partner) pop.c.races++;
        if (m.initiator) { pop.c.matches++; this.sendSignal('offer'); this.hold(() => this.moveOn()); }
        return undefined;
      }
      case 'offer':
      case 'answer':
      case 'candidate':
      case 'chat': return this.signal(m, now, fromPeer);
      case 'leave':
        this.met('leave', from);
        if (fromPeer) {
          this.unpair();
          if (this.roulette) this.later(() => this.find(), 200); // the browser client looks for the next stranger
        }
        return undefined;
      default: return pop.failure(`unexpected ${m.type}`);
    }
  }

  signal(m, now, fromPeer) {
    let ts, n;
    if (m.type === 'chat') { const p = m.text.split(' '); ts = Number(p[1]); n = p[2]; } else { ts = m[m.type].ts; n = m[m.type].n; }
    this.met(m.type, `${m.name}#${n}`);
    this.pop.c.relayedIn++;
    this.pop.c.latencies.push(now - ts);
    if (!fromPeer) return;
    if (m.type === 'offer') { this.sendSignal('answer'); this.media(); } else if (m.type === 'answer') this.media();
  }

  serverError(m) {
    const { pop } = this;
    if (this.state === 'connecting') {
      // a login refused by a per-address limit: rate-limited, the limit named in the message
      return this.refused(/names held/.test(m.message) ? 'names per address' : /logins/.test(m.message) ? 'login rate per address' : `login ${m.code}`);
    }
    if (m.code === 'unknown-user' && pop.gone.has(m.name)) { pop.c.races++; return undefined; } // it left while we spoke
    return pop.failure(`error ${m.code}`);
  }

  refused(cause) {
    this.pop.refusal(cause);
    this.settled();
    this.failStreak = (this.failStreak || 0) + 1;
    this.teardown();
    this.ws.close(1000, 'refused');
  }

  // ---------------------------------------------------------------- plumbing
  send(obj) { this.raw(JSON.stringify(obj)); }
  raw(s) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) { this.ws.send(s); this.pop.c.sent++; }
  }
  later(fn, ms) {
    const t = setTimeout(() => { this.timers.delete(t); fn(); }, ms);
    this.timers.add(t);
  }
  /** Expects `type` from `key` within --expect-timeout (this session only). */
  await(type, key) {
    this.expect.set(`${type}|${key}`, performance.now() + this.pop.opt.expectTimeout * 1000);
  }
  met(type, key) { this.expect.delete(`${type}|${key}`); }
  /** The sender vanished abruptly: what it sent last may be lost with its socket. */
  forget(sender) {
    for (const k of this.expect.keys()) if (k.slice(k.indexOf('|') + 1).split('#')[0] === sender) this.expect.delete(k);
  }
  sweep(now) {
    for (const [k, deadline] of this.expect) {
      if (now > deadline) { this.expect.delete(k); this.pop.failure(`timeout ${k.slice(0, k.indexOf('|'))}`); }
    }
  }
}

/** An expectation on the session behind `handle`, if that session is still the client's current one. */
function expectOn(handle, type, key) {
  const c = handle.c;
  if (c && c.gen === handle.gen && !c.closingByUs && c.state !== 'off') c.await(type, key);
}
function forgetOn(handle, sender) {
  const c = handle.c;
  if (c && c.gen === handle.gen) c.forget(sender);
}

module.exports = { Population, SoakClient, newCounters };
