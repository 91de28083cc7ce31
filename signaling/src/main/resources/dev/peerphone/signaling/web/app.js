// The browser client: sign-in, presence, ringing, calls, chat, devices, roulette.
// Glue between the signaling socket (signaling.js), calls (call.js), media (media.js) and the DOM (ui.js).

import { Signaling, defaultServerUrl } from './signaling.js';
import { Call } from './call.js';
import { LocalMedia, noMediaReason } from './media.js';
import { DeviceControls } from './devices.js';
import { diagnostics } from './diagnostics.js';
import { Ice } from './ice.js';
import { PeerJsCall, PeerJsNames, PeerJsError, parseEnvelope } from './peerjs.js';
import * as ui from './ui.js';

const $ = ui.$;
const media = new LocalMedia();
const noMedia = noMediaReason(); // null when the page may use a camera
const calls = new Map(); // lower-case peer name → Call (PeerJsCall for a PeerJS peer)
const devices = new DeviceControls(media, noMedia, () => calls.values());
const peerJsNames = new PeerJsNames();
const state = {
  wantedName: null, // the name the user signed in with; we log in again after reconnects
  me: null, // set once the server said yes
  users: [],
  roulette: false,
  loginRetries: 0,
  logins: 0, // successful logins on this page, reconnects included
  resume: null, // {name, token} of the last successful login: presented when logging in again
};

const signaling = new Signaling(defaultServerUrl(), { onMessage: handle, onStatus: signalingStatus });

const key = (name) => name.toLowerCase();
const send = (msg) => signaling.send(msg);
const ice = new Ice(send);
/**
 * Login, announcing that this page handles call/accept/reject and PeerJS peers (PROTOCOL v1.1,
 * Features; docs/PEERJS.md), with
 * the resume token of our last login under this name (PROTOCOL v1.1, Resuming): if the server
 * still holds our old socket (a network path that died silently), we take over its calls at once.
 */
function loginMessage(name) {
  const msg = { type: 'login', name, features: ['ring', 'peerjs'] };
  if (state.resume && state.resume.name === name) msg.token = state.resume.token;
  return msg;
}
const callOf = (name) => calls.get(key(name)) || null;
const multiCall = () => $('multi-call').checked;
const activeCalls = () => [...calls.values()].filter((c) => c.state !== 'ringing-in' && c.state !== 'ringing-out');
/** In a call other than {@code except} (a PeerJS peer we only chat with over DataConnections does not count). */
const busy = (except) => activeCalls().some((c) => c !== except && c.state !== 'chat');

// ---- signaling ---------------------------------------------------------------------------------

function signalingStatus(status, delay) {
  const text = {
    connecting: 'connecting…',
    connected: 'connected',
    offline: 'offline',
    reconnecting: `reconnecting in ${Math.ceil((delay || 0) / 1000)} s`,
  }[status];
  ui.setStatus('signaling', text);
  if (status === 'connected' && state.wantedName) {
    send(loginMessage(state.wantedName));
  } else if (status === 'reconnecting') {
    state.me = null;
    if (state.wantedName === null) signaling.close();
    else if (state.logins === 0) $('login-error').textContent = `Cannot reach the signaling server at ${signaling.url}; ${text}.`;
  }
}

function handle(m) {
  switch (m.type) {
    case 'login': return onLogin(m);
    case 'users': return onUsers(m.users || []);
    case 'ice': ice.update(m.iceServers, m.iceTransportPolicy); return ui.showRelay(ice);
    case 'call': return onRing(m.name);
    case 'accept': return onAccept(m.name);
    case 'reject': return onReject(m.name, m.reason);
    case 'offer': return onOffer(m.name, m.offer);
    case 'answer': { const c = callOf(m.name); if (c) c.answered(m.answer); return; }
    case 'candidate': { const c = callOf(m.name); if (c) c.candidate(m.candidate); return; }
    case 'leave': return onLeave(m.name);
    case 'match': return onMatch(m.name, m.initiator === true, m.peerjs === true);
    case 'peerjs': return onPeerJs(m);
    case 'chat': return ui.chatLine(m.name, String(m.text ?? ''));
    case 'error': return onError(m);
    default: return undefined;
  }
}

function onLogin(m) {
  if (!m.success) {
    if (m.reason === 'name-taken' && state.me === null && state.loginRetries > 0) {
      // After a reconnect the server may not have dropped our old socket yet.
      state.loginRetries -= 1;
      setTimeout(() => send(loginMessage(state.wantedName)), 1000);
      return;
    }
    ui.loginError(m.reason, state.wantedName);
    state.wantedName = null;
    state.resume = null;
    signaling.close();
    ui.showSignedIn(null);
    return;
  }
  state.me = m.name || state.wantedName;
  state.resume = typeof m.token === 'string' ? { name: state.wantedName, token: m.token } : null;
  state.logins += 1;
  state.loginRetries = 5;
  ice.update(m.iceServers, m.iceTransportPolicy);
  ui.showRelay(ice);
  ui.showSignedIn(state.me);
  onUsers(m.users || []);
  // Back in the queue after a reconnect; not while in a roulette call: a resumed session still
  // has its partner, and find while matched would be next.
  if (state.roulette && !rouletteCall()) send({ type: 'find' });
}

function onUsers(users) {
  state.users = users;
  peerJsNames.fromUsers(users);
  ui.renderUsers(users, state.me, startCall);
}

function onError(m) {
  if (m.code === 'unknown-type' && m.message === 'Command not found: ice') {
    ice.refused(); // an older server: calls go on with the credentials held
  } else if (m.code === 'unknown-user' && m.name) {
    const c = callOf(m.name);
    if (c) c.end('unknown-user');
    $('call-error').textContent = `${m.name} is not online.`;
  } else {
    ui.note(`Server: ${m.message || m.code}`);
  }
}

// ---- calls -------------------------------------------------------------------------------------

function newCall(peer, roulette, peerjs = peerJsNames.has(peer)) {
  const call = new (peerjs ? PeerJsCall : Call)(peer, {
    send,
    localStream: media.stream,
    rtcConfig: () => ice.config(),
    roulette,
    listener: {
      onChange: refresh,
      onChat: (c, text) => ui.chatLine(c.peer, text),
      onRemotePaused: (c) => refresh(c),
      onEnded: ended,
      pausedKinds: () => media.pausedKinds(),
      onRing: ringPeerJs,
      onError: (c, text) => peerJsTrouble(text),
    },
  });
  calls.set(key(peer), call);
  refresh(call);
  return call;
}

function refresh(call) {
  if (call && !['ended', 'ringing-in', 'chat'].includes(call.state)) ui.updateTile(call, () => call.hangup());
  else if (call && call.state === 'chat') ui.removeTile(call.peer); // PeerJS DataConnections only: no video
  const live = activeCalls();
  ui.renderChatTargets(live.map((c) => c.peer));
  ui.setStatus('dc', live.length === 0 ? '—' : live.some((c) => c.chatOpen) ? 'open' : 'closed');
  const states = live.filter((c) => c.state !== 'chat').map((c) => (c.pc ? c.pc.connectionState : c.state));
  ui.setStatus('media', states.length === 0 ? '—' : states.includes('connected') ? 'connected' : states[0]);
}

function ended(call, reason) {
  if (callOf(call.peer) === call) calls.delete(key(call.peer));
  if (call.roulette && state.roulette && reason !== 'next') {
    // The partner left (leave, bye or a dropped connection), or we hung up its tile: queue again.
    ui.setRoulette(true, 'Waiting for a free peer…');
    send({ type: reason === 'hangup' ? 'next' : 'find' });
  }
  ui.removeTile(call.peer);
  ui.hideIncoming(call.peer);
  if (reason !== 'rejected') ui.note(ui.endedText(reason, call.peer));
  refresh(null);
}

function startCall(name) {
  name = name.trim();
  $('call-error').textContent = '';
  if (!name) return;
  if (state.me && key(name) === key(state.me)) {
    $('call-error').textContent = 'You cannot call yourself.';
    return;
  }
  const ringing = callOf(name);
  if (ringing && ringing.state === 'ringing-in') {
    acceptRing(ringing); // calling someone who is ringing us picks up
    return;
  }
  if (ringing && ringing.state === 'chat') {
    ringing.offer(); // a PeerJS peer we chat with: now a media call too
    return;
  }
  if (ringing) {
    $('call-error').textContent = `Already in a call with ${name}.`;
    return;
  }
  if (ui.relayBlocked(ice)) return;
  ice.refreshIfStale(); // while it rings, so the answer finds fresh credentials
  const call = newCall(name, false);
  if (call.peerjs) {
    call.offer(); // a PeerJS media call: PeerJS has no ringing, the page answers
    return;
  }
  call.setState('ringing-out');
  send({ type: 'call', name });
}

function onRing(peer) {
  if (callOf(peer)) return;
  if (busy() && !multiCall()) {
    send({ type: 'reject', name: peer, reason: 'busy' });
    ui.note(`Missed a call from ${peer} (busy).`);
    return;
  }
  const call = newCall(peer, false);
  call.state = 'ringing-in';
  ice.refreshIfStale(); // while the user decides
  ui.showIncoming(peer, () => acceptRing(call), () => {
    send({ type: 'reject', name: peer, reason: 'declined' });
    call.end('rejected');
  });
}

function acceptRing(call) {
  ui.hideIncoming(call.peer);
  if (ui.relayBlocked(ice)) {
    if (!call.peerjs) send({ type: 'reject', name: call.peer, reason: 'declined' });
    call.end('relay-unavailable');
    return;
  }
  if (call.peerjs) {
    call.accept();
    return;
  }
  call.setState('connecting');
  send({ type: 'accept', name: call.peer });
}

function onAccept(peer) {
  const c = callOf(peer);
  if (c && c.state === 'ringing-out') c.offer();
}

function onReject(peer, reason) {
  const c = callOf(peer);
  if (c) c.end(reason === 'busy' ? 'busy' : 'declined');
}

function onOffer(peer, offer) {
  let c = callOf(peer);
  if (!c) {
    // Straight offer without ringing (classic pages): answer, unless busy.
    if ((busy() && !multiCall()) || ui.relayBlocked(ice)) {
      send({ type: 'leave', name: peer });
      return;
    }
    c = newCall(peer, false);
  }
  ui.hideIncoming(peer);
  c.answer(offer);
}

function onLeave(peer) {
  const c = callOf(peer);
  if (!c) return;
  c.end(c.state === 'ringing-out' ? 'declined' : 'remote-hangup');
}

// ---- PeerJS peers (docs/PEERJS.md, "Browser client") -------------------------------------------

function onPeerJs(m) {
  let c = null;
  try {
    const msg = parseEnvelope(m);
    c = callOf(m.name);
    if (c && !c.peerjs) throw new PeerJsError(`${m.name} sent a PeerJS ${msg.type} during a Peerphone call; ignored`);
    peerJsNames.mark(m.name);
    if (!c && msg.type !== 'OFFER') return; // about a call that is over
    c = c || newCall(m.name, false, true);
    c.receive(msg);
  } catch (e) {
    peerJsTrouble(e instanceof PeerJsError ? e.message : `PeerJS message from ${m.name}: ${e.message || e}`);
    if (c && c.peerjs && c.state === 'new') c.end('rejected'); // nothing started: nothing left behind, the note says why
  }
}

/** A PeerJS media call rings like ours; busy, it is declined (closed, as PeerJS does). */
function ringPeerJs(call) {
  if (busy(call) && !multiCall()) {
    call.decline();
    ui.note(`Missed a call from ${call.peer} (busy).`);
    return;
  }
  call.setState('ringing-in');
  ice.refreshIfStale();
  ui.showIncoming(call.peer, () => acceptRing(call), () => call.decline());
}

function peerJsTrouble(text) {
  console.warn(`peerjs: ${text}`);
  ui.note(text);
}

// ---- roulette ----------------------------------------------------------------------------------

function rouletteCall() {
  return [...calls.values()].find((c) => c.roulette) || null;
}

function onMatch(peer, initiator, peerjs) {
  const old = rouletteCall();
  if (old && key(old.peer) !== key(peer)) old.end('next');
  if (!state.roulette) return;
  if (peerjs) peerJsNames.mark(peer); // initiator: we call the page; else the page calls us and we answer
  ui.setRoulette(true, `Talking to ${peer}`);
  const c = callOf(peer) || newCall(peer, true);
  c.roulette = true;
  if (initiator) c.offer();
}

function rouletteStart() {
  if (ui.relayBlocked(ice)) return;
  state.roulette = true;
  ui.setRoulette(true, 'Waiting for a free peer…');
  send({ type: 'find' });
}

function rouletteNext() {
  const c = rouletteCall();
  if (c) c.end('next');
  ui.setRoulette(true, 'Waiting for a free peer…');
  send({ type: 'next' });
}

function rouletteStop() {
  state.roulette = false;
  const c = rouletteCall();
  if (c) c.end('next');
  ui.setRoulette(false, '');
  send({ type: 'stop' });
}

// ---- wiring ------------------------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  const name = $('name').value.trim();
  $('login-error').textContent = '';
  if (!name) {
    ui.loginError('invalid-name', name);
    return;
  }
  $('login-btn').disabled = true;
  await devices.start();
  $('login-btn').disabled = false;
  state.wantedName = name;
  state.loginRetries = 0;
  if (signaling.connected) send(loginMessage(name));
  else signaling.connect();
}

function signOut() {
  for (const c of [...calls.values()]) c.hangup();
  state.wantedName = null;
  state.me = null;
  state.resume = null;
  state.roulette = false;
  ui.setRoulette(false, '');
  signaling.close();
  ui.showSignedIn(null);
}

function sendChat(event) {
  event.preventDefault();
  const input = $('chat-input');
  const text = input.value;
  const peer = $('chat-to').value;
  const c = peer && callOf(peer);
  if (!text || !c) return;
  if (!c.sendChat(text)) send({ type: 'chat', name: c.peer, text }); // server relay until the channel opens
  ui.chatLine(state.me, text, 'mine');
  input.value = '';
}

$('login-form').addEventListener('submit', signIn);
$('logout-btn').addEventListener('click', signOut);
$('call-form').addEventListener('submit', (e) => {
  e.preventDefault();
  startCall($('call-name').value);
});
$('chat-form').addEventListener('submit', sendChat);
$('roulette-start').addEventListener('click', rouletteStart);
$('roulette-next').addEventListener('click', rouletteNext);
$('roulette-stop').addEventListener('click', rouletteStop);
$('mic').addEventListener('change', (e) => devices.switchDevice('audio', e.target.value));
$('camera').addEventListener('change', (e) => devices.switchDevice('video', e.target.value));
$('relay-only').addEventListener('change', (e) => {
  ice.userRelay = e.target.checked;
  ui.showRelay(ice);
});
$('audio-on').addEventListener('change', (e) => devices.setPaused('audio', !e.target.checked));
$('video-on').addEventListener('change', (e) => devices.setPaused('video', !e.target.checked));
media.onDeviceChange(() => devices.refresh());
window.addEventListener('pagehide', () => {
  for (const c of calls.values()) c.hangup();
});
ui.renderChatTargets([]);
ui.setRoulette(false, '');
if (noMedia) {
  ui.showNoMedia(noMedia);
  for (const id of ['audio-on', 'video-on']) $(id).disabled = true;
  $('local-tile').hidden = true; // no picture of ourselves to show
}

/** Read-only view for diagnostics and the interop tests. */
window.peerphone = diagnostics({ state, signaling, calls, ice, callOf });
