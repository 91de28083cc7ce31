// DOM rendering. Every name and message goes in through textContent, never as HTML.

export const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(text, className, onClick) {
  const b = el('button', className, text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

export const LOGIN_REASONS = {
  'name-taken': 'That name is already in use. Pick another one.',
  'invalid-name': 'Names are 1–32 letters, digits, "_", "-" or "." (no spaces).',
  'already-logged-in': 'This connection is already signed in.',
  'not-allowed': 'The server does not admit connections from your location.',
};

const ENDED_TEXT = {
  hangup: 'Call with {} ended.',
  'remote-hangup': '{} hung up.',
  busy: '{} is busy.',
  declined: '{} declined the call.',
  failed: 'The connection to {} failed.',
  'unknown-user': '{} is not online.',
  next: 'Left {}.',
  'relay-unavailable': 'Call with {} not started: relay-only needs a TURN server.',
  'chat-closed': 'Chat with {} closed.',
};

/** The note saying why the call with peer ended. */
export function endedText(reason, peer) {
  return (ENDED_TEXT[reason] || `Call with {} ended (${reason}).`).replace('{}', peer);
}

export function loginError(reason, name) {
  const text = LOGIN_REASONS[reason] || `Sign-in failed: ${reason || 'unknown reason'}.`;
  $('login-error').textContent = reason === 'invalid-name' && name ? `"${name}" is not a valid name. ${text}` : text;
}

export function showSignedIn(name) {
  $('login').hidden = name !== null;
  $('main').hidden = name === null;
  $('me').textContent = name || '';
  if (name !== null) $('login-error').textContent = '';
}

export function setStatus(which, text) {
  $(`status-${which}`).textContent = text;
}

/** users: [{name, status, peerjs?}], minus ourselves; onCall(name). PeerJS pages get a badge (and a PeerJS call). */
export function renderUsers(users, me, onCall) {
  const list = $('users');
  list.replaceChildren();
  const others = users.filter((u) => u.name.toLowerCase() !== (me || '').toLowerCase());
  if (others.length === 0) list.append(el('li', 'muted', 'Nobody else is online'));
  for (const u of others) {
    const li = el('li');
    li.dataset.name = u.name;
    li.append(el('span', 'user-name', u.name), el('span', `badge ${u.status}`, u.status));
    if (u.peerjs === true) li.append(el('span', 'badge peerjs', 'PeerJS'));
    const b = button('Call', 'small call', () => onCall(u.name));
    b.disabled = u.status !== 'available';
    if (u.peerjs === true) b.title = 'A PeerJS page: called the PeerJS way';
    li.append(b);
    list.append(li);
  }
}

/** One Accept/Reject row per ringing caller. */
export function showIncoming(peer, onAccept, onReject) {
  hideIncoming(peer);
  const row = el('div', 'ring');
  row.dataset.peer = peer;
  row.append(el('span', null, `${peer} is calling…`),
    button('Accept', 'accept', onAccept), button('Reject', 'reject', onReject));
  $('incoming').append(row);
}

export function hideIncoming(peer) {
  for (const row of $('incoming').querySelectorAll('.ring')) {
    if (row.dataset.peer === peer) row.remove();
  }
}

function findTile(peer) {
  return [...$('videos').querySelectorAll('.tile.remote')].find((t) => t.dataset.peer === peer) || null;
}

/** The remote tile of a call: video (muted; sound plays through its own audio element). */
export function ensureTile(call, onHangup) {
  let tile = findTile(call.peer);
  if (tile) return tile;
  tile = el('figure', 'tile remote');
  tile.dataset.peer = call.peer;
  tile.dataset.frames = '0';
  const video = el('video');
  video.autoplay = true;
  video.muted = true;
  video.playsInline = true;
  const audio = el('audio');
  audio.autoplay = true;
  const off = el('div', 'camera-off', 'Camera off');
  off.hidden = true;
  const caption = el('figcaption');
  caption.append(el('span', 'peer-name', call.peer), el('span', 'call-state', ''),
    button('Hang up', 'small hangup', onHangup));
  tile.append(video, audio, off, caption);
  $('videos').append(tile);
  countFrames(tile, video);
  return tile;
}

function countFrames(tile, video) {
  if (!('requestVideoFrameCallback' in HTMLVideoElement.prototype)) return;
  const tick = () => {
    if (!tile.isConnected) return;
    tile.dataset.frames = String(Number(tile.dataset.frames) + 1);
    video.requestVideoFrameCallback(tick);
  };
  video.requestVideoFrameCallback(tick);
}

const STATE_TEXT = {
  'ringing-out': 'Ringing…', 'ringing-in': 'Incoming…', connecting: 'Connecting…', connected: '', new: '',
};

export function updateTile(call, onHangup) {
  const tile = ensureTile(call, onHangup);
  tile.querySelector('.call-state').textContent = STATE_TEXT[call.state] ?? '';
  const video = tile.querySelector('video');
  const audio = tile.querySelector('audio');
  if (call.remoteStream.getTracks().length > 0 && video.srcObject !== call.remoteStream) {
    video.srcObject = call.remoteStream;
    audio.srcObject = call.remoteStream;
    video.play().catch(() => {});
    audio.play().catch(() => {});
  }
  tile.querySelector('.camera-off').hidden = !call.remotePaused.video;
}

export function removeTile(peer) {
  const tile = findTile(peer);
  if (tile) {
    tile.querySelector('video').srcObject = null;
    tile.querySelector('audio').srcObject = null;
    tile.remove();
  }
}

export function setLocalPreview(stream) {
  const v = $('local-video');
  v.srcObject = stream;
  v.play().catch(() => {});
}

export function chatLine(who, text, kind) {
  const log = $('chat-log');
  const line = el('div', `msg ${kind || ''}`.trim());
  if (who) line.append(el('span', 'who', who));
  line.append(el('span', 'text', text));
  log.append(line);
  log.scrollTop = log.scrollHeight;
}

export function note(text) {
  chatLine(null, text, 'note');
}

/** The "Send to" list: the peers we are in a call with. */
export function renderChatTargets(peers) {
  const select = $('chat-to');
  const keep = select.value;
  select.replaceChildren(...peers.map((p) => {
    const o = el('option', null, p);
    o.value = p;
    return o;
  }));
  if (peers.includes(keep)) select.value = keep;
  select.disabled = peers.length === 0;
  $('chat-send').disabled = peers.length === 0;
}

export function renderDevices(select, devices, current) {
  select.replaceChildren(...devices.map((d) => {
    const o = el('option', null, d.label);
    o.value = d.deviceId;
    return o;
  }));
  if (current) select.value = current;
  select.disabled = devices.length === 0;
}

/** The one-line notice why this page has no camera ({text, link}), link shown as a link. */
export function showNoMedia(reason) {
  const p = $('no-media');
  p.replaceChildren(document.createTextNode(reason.text));
  if (reason.link) {
    const a = el('a', null, reason.link);
    a.href = reason.link;
    p.append(' ', a);
  }
  p.hidden = false;
}

export function setRoulette(active, status) {
  $('roulette-start').disabled = active;
  $('roulette-next').disabled = !active;
  $('roulette-stop').disabled = !active;
  $('roulette-status').textContent = status;
}

/** "Hide my IP address" mirrors the relay policy: the server's "relay" ticks and locks it. */
export function showRelay(ice) {
  const box = $('relay-only');
  box.checked = ice.relayOnly;
  box.disabled = ice.serverRelay;
  box.title = ice.serverRelay ? 'This server relays all media through TURN for everyone' : '';
  $('relay-error').textContent = ice.unavailable ? ice.unavailableMessage() : '';
}

/** Relay-only without a TURN server: says so (instead of a call that would never connect); true then. */
export function relayBlocked(ice) {
  if (!ice.unavailable) return false;
  $('relay-error').textContent = ice.unavailableMessage();
  $('call-error').textContent = ice.unavailableMessage();
  return true;
}
