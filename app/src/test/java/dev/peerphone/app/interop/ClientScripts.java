package dev.peerphone.app.interop;

/**
 * What the interop tests read from the browser client, as JavaScript function sources shared by
 * the Chromium ({@link WebPeer}) and Firefox ({@link FirefoxPeer}) drivers. Each takes one
 * argument; predicates are polled until true.
 */
final class ClientScripts {
  /** (name) → the page shows it is signed in as name. */
  static final String SIGNED_IN_AS = "n => document.getElementById('me').textContent === n";
  /** ([peer, n]) → the remote tile of peer has rendered n video frames (requestVideoFrameCallback). */
  static final String TILE_FRAMES = "([p, n]) => { const t = [...document.querySelectorAll('.tile.remote')]"
      + ".find(x => x.dataset.peer === p); return t && Number(t.dataset.frames) >= n; }";
  /** ([peer, n]) → getStats counts n inbound video frames decoded from peer. */
  static final String DECODED_AT_LEAST = "async ([p, n]) => (await window.peerphone.framesDecoded(p)) >= n";
  /** (peer) → inbound video frames decoded from peer so far. */
  static final String FRAMES_DECODED = "p => window.peerphone.framesDecoded(p)";
  /** (peer) → the call with peer has an open chat channel. */
  static final String CHAT_OPEN = "p => window.peerphone.calls().some(c => c.peer === p && c.chatOpen)";
  /** ([from, text]) → a chat line from {@code from} reads exactly text (as text). */
  static final String CHAT_LINE = "([w, t]) => [...document.querySelectorAll('#chat-log .msg')].some(m =>"
      + " m.querySelector('.who')?.textContent === w && m.querySelector('.text').textContent === t)";
  /** ([user, status]) → the online list shows user with that status. */
  static final String USER_STATUS = "([u, s]) => [...document.querySelectorAll('#users li')].some(li => li.dataset.name === u"
      + " && li.querySelector('.badge').textContent === s)";
  /** (peer) → no call with peer is left and its tile is gone. */
  static final String NO_CALL = "p => !window.peerphone.calls().some(c => c.peer === p)"
      + " && ![...document.querySelectorAll('.tile.remote')].some(x => x.dataset.peer === p)";

  private ClientScripts() {
  }

  /** The incoming-call row of peer. */
  static String ring(String peer) {
    return "#incoming .ring[data-peer='" + peer + "']";
  }

  /** The Accept or Reject button ({@code action}) of peer's incoming-call row. */
  static String incoming(String peer, String action) {
    return ring(peer) + " ." + action;
  }

  /** The remote tile of a call. */
  static String tile(String peer) {
    return ".tile.remote[data-peer='" + peer + "']";
  }
}
