// The WebSocket to the signaling server: one JSON object per frame, reconnect with backoff.
// Knows nothing about calls; app.js logs in again after each reconnect.

/**
 * ws:// or wss:// address: ?ws= wins, else this page's own origin at /ws (the server serves the
 * page and the WebSocket on one port), wss:// when the page came over https.
 */
export function defaultServerUrl(loc = window.location) {
  const override = new URLSearchParams(loc.search).get('ws');
  if (override) return override;
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ws`;
}

/** Delay before reconnect attempt n (0-based): 0.5 s, 1 s, 2 s, then 4 s. */
export function backoff(attempt) {
  return Math.min(4000, 500 * 2 ** attempt);
}

export class Signaling {
  /**
   * @param {string} url ws:// or wss:// address
   * @param {{onMessage: function(object), onStatus: function(string, number=)}} listener
   *   status is 'connecting', 'connected', 'reconnecting' (with the delay in ms) or 'offline'
   */
  constructor(url, listener) {
    this.url = url;
    this.listener = listener;
    this.ws = null;
    this.wanted = false;
    this.attempt = 0;
    this.timer = null;
  }

  connect() {
    this.wanted = true;
    if (!this.ws) this.open();
  }

  get connected() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  open() {
    clearTimeout(this.timer);
    this.listener.onStatus('connecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.listener.onStatus('offline', 0, String(e.message || e));
      this.wanted = false;
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.listener.onStatus('connected');
    };
    ws.onmessage = (event) => {
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch {
        return;
      }
      if (msg && typeof msg.type === 'string') this.listener.onMessage(msg);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (!this.wanted) {
        this.listener.onStatus('offline');
        return;
      }
      const delay = backoff(this.attempt++);
      this.listener.onStatus('reconnecting', delay);
      this.timer = setTimeout(() => this.open(), delay);
    };
  }

  /** Sends one message; false when the socket is not open. */
  send(msg) {
    if (!this.connected) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  close() {
    this.wanted = false;
    clearTimeout(this.timer);
    if (this.ws) this.ws.close();
  }
}
