// ICE servers and the relay policy (PROTOCOL.md, ICE). TURN REST credentials name their expiry
// ("<expiry unix seconds>:<name>"); once past half their lifetime the page asks the server for
// fresh ones ({type:"ice"}) before it places or answers a call. Media goes through TURN only
// (iceTransportPolicy "relay") when the server says so or the user ticked "Hide my IP address".

/** How long a call waits for the server's ice reply before going on with what it holds. */
export const REPLY_TIMEOUT_MS = 3000;

/** The earliest expiry (ms since the epoch) among TURN REST usernames, or null when none expires. */
export function expiryOf(iceServers) {
  let earliest = null;
  for (const s of iceServers || []) {
    const m = /^(\d{1,18}):/.exec(typeof s.username === 'string' ? s.username : '');
    if (m) {
      const at = Number(m[1]) * 1000;
      if (earliest === null || at < earliest) earliest = at;
    }
  }
  return earliest;
}

/** Whether any entry is a TURN server (turn: or turns: URL). */
export function hasTurn(iceServers) {
  return (iceServers || []).some((s) => [].concat(s.urls || []).some((u) => /^turns?:/i.test(String(u))));
}

export class Ice {
  /** @param {function(object): boolean} send sends a message to the server */
  constructor(send, now = () => Date.now()) {
    this.send = send;
    this.now = now;
    this.servers = [];
    this.serverRelay = false;
    this.userRelay = false;
    this.refreshAt = Infinity;
    this.waiting = [];
    this.timer = null;
    this.requests = 0;
    this.unsupported = false; // an older server answered ice with unknown-type: never ask again
  }

  /** Servers and policy from a login or ice reply; releases the calls that waited for them. */
  update(iceServers, policy) {
    const now = this.now();
    this.servers = Array.isArray(iceServers) ? iceServers : [];
    this.serverRelay = policy === 'relay';
    const expiry = expiryOf(this.servers);
    this.refreshAt = expiry === null ? Infinity : now + Math.max(0, expiry - now) / 2;
    this.release();
  }

  get relayOnly() {
    return this.serverRelay || this.userRelay;
  }

  get stale() {
    return !this.unsupported && this.now() >= this.refreshAt;
  }

  /** The server does not know ice (older than PROTOCOL v1.1): go on with what we hold. */
  refused() {
    this.unsupported = true;
    this.release();
  }

  /** Relay-only is on but there is no TURN server: no call could connect. */
  get unavailable() {
    return this.relayOnly && !hasTurn(this.servers);
  }

  unavailableMessage() {
    return (this.serverRelay ? 'This server relays all media through TURN'
      : 'You chose to hide your IP address (relay through TURN)')
      + ', but the server offers no TURN server: calls cannot connect.'
      + (this.serverRelay ? '' : ' Untick "Hide my IP address" to call directly.');
  }

  /** Asks for fresh credentials now if the ones held are stale (e.g. while a call rings). */
  refreshIfStale() {
    if (this.stale && this.timer === null) this.request();
  }

  /** The RTCPeerConnection configuration, with fresh credentials (waits for them when stale). */
  async config() {
    if (this.stale) {
      await new Promise((resolve) => {
        this.waiting.push(resolve);
        if (this.timer === null) this.request();
      });
    }
    return { iceServers: this.servers, iceTransportPolicy: this.relayOnly ? 'relay' : 'all' };
  }

  request() {
    this.requests += 1;
    this.timer = setTimeout(() => this.release(), REPLY_TIMEOUT_MS);
    if (!this.send({ type: 'ice' })) this.release(); // offline: go on with what we hold
  }

  release() {
    clearTimeout(this.timer);
    this.timer = null;
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((resolve) => resolve());
  }
}
