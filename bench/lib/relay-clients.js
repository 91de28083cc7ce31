// The load side of the relay benchmark: logged-in Node `ws` clients that relay trickled ICE
// candidates to a peer and time them (one clock: both ends live in this process).
'use strict';
const { performance } = require('perf_hooks');
const WebSocket = require('ws');
const { sleep } = require('./common');

/** Client sockets are spread over 127.0.0.2 .. 127.0.0.(N+1) (`configure`). */
const config = { sourceAddresses: 50, connectConcurrency: 200 };
let sourceIndex = 0;
function nextSource() { return `127.0.0.${2 + (sourceIndex++ % config.sourceAddresses)}`; }
function configure(o) { Object.assign(config, o); }

// A realistic trickled ICE candidate (~250 bytes on the wire), plus the benchmark's ts/seq.
const CAND = 'candidate:1467250027 1 udp 2122260223 192.168.1.196 46243 typ host generation 0 ufrag 6BqW network-id 1';
function candidateMessage(peer, seq) {
  return `{"type":"candidate","name":"${peer}","candidate":{"candidate":"${CAND}","sdpMid":"0","sdpMLineIndex":0,` +
    `"usernameFragment":"6BqW","ts":${performance.now().toFixed(3)},"seq":${seq}}}`;
}

class Stats {
  constructor() { this.reset(); }
  reset() { this.lat = []; this.received = 0; this.recording = false; }
}

/** One logged-in client. onCandidate(client, latencyMs) is the load's hook. */
class Client {
  constructor(url, name, stats, counters) {
    this.url = url; this.name = name; this.stats = stats; this.c = counters;
    this.peer = null; this.sendSeq = 0; this.recvSeq = 0; this.onCandidate = null;
  }
  open() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false, localAddress: nextSource() });
      this.ws = ws;
      let done = false;
      const fail = (e) => { if (!done) { done = true; reject(e); } };
      ws.on('error', (e) => { if (done) this.c.errors++; fail(e); });
      ws.on('close', (code) => { this.closed = true; if (done && !this.c.closing) this.c.unexpectedCloses.push(code); fail(new Error('closed ' + code)); });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'login', name: this.name })));
      ws.on('message', (data) => {
        const s = data.toString();
        if (s.startsWith(this.expectPrefix)) return this.candidate(s);
        if (s.startsWith('{"type":"users"')) { this.c.presence++; this.c.presenceBytes += s.length; return; }
        const m = JSON.parse(s);
        if (m.type === 'login') {
          if (!m.success) return fail(new Error(`login ${this.name} failed: ${s}`));
          done = true; return resolve(this);
        }
        if (m.type === 'error') { this.c.serverErrors[m.code || m.message] = (this.c.serverErrors[m.code || m.message] || 0) + 1; return; }
        if (m.type === 'candidate') { this.c.wrongSender++; return; }
        this.c.other[m.type] = (this.c.other[m.type] || 0) + 1;
      });
    });
  }
  pairWith(peer) {
    this.peer = peer;
    this.expectPrefix = `{"type":"candidate","name":"${peer.name}","candidate":`;
  }
  send() { this.ws.send(candidateMessage(this.peer.name, ++this.sendSeq)); this.c.sent++; }
  candidate(s) {
    const now = performance.now();
    const ts = parseFloat(s.slice(s.lastIndexOf('"ts":') + 5));
    const seq = parseInt(s.slice(s.lastIndexOf('"seq":') + 6), 10);
    if (seq !== this.recvSeq + 1) this.c.outOfSequence++;
    this.recvSeq = seq;
    this.c.received++;
    const st = this.stats;
    if (st.recording) { st.received++; st.lat.push(now - ts); }
    if (this.onCandidate) this.onCandidate(this);
  }
}

function newCounters() {
  return { sent: 0, received: 0, errors: 0, serverErrors: {}, other: {}, presence: 0, presenceBytes: 0,
    wrongSender: 0, outOfSequence: 0, unexpectedCloses: [], closing: false, connectFailures: {} };
}

/**
 * Opens and logs in one client per name, client i at urls[i % urls.length] (two URLs: the two
 * ends of each pair on different servers); a failed connect is counted and retried (3 tries).
 */
async function openAll(urls, names, stats, counters) {
  const urlOf = (i) => urls[i % urls.length];
  const clients = names.map((n, i) => new Client(urlOf(i), n, stats, counters));
  let next = 0;
  async function worker() {
    while (next < clients.length) {
      const i = next++;
      for (let attempt = 1; ; attempt++) {
        try {
          await clients[i].open();
          break;
        } catch (e) {
          const key = e.code || e.message.replace(/\d+/g, 'N');
          counters.connectFailures[key] = (counters.connectFailures[key] || 0) + 1;
          if (clients[i].ws) clients[i].ws.terminate();
          if (attempt === 3) throw new Error(`cannot log in ${names[i]} after 3 tries: ${e.message}`);
          clients[i] = new Client(urlOf(i), `${names[i]}x${attempt}`, stats, counters);
          await sleep(100);
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(config.connectConcurrency, clients.length) }, worker));
  return clients;
}

async function closeAll(clients, counters) {
  counters.closing = true;
  await Promise.all(clients.map((c) => new Promise((resolve) => {
    if (c.closed || !c.ws) return resolve();
    c.ws.once('close', resolve);
    c.ws.close();
    setTimeout(() => { c.ws.terminate(); resolve(); }, 5000).unref();
  })));
}

module.exports = { configure, candidateMessage, Stats, Client, newCounters, openAll, closeAll };
