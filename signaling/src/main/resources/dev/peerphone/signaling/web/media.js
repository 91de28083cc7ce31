// Local microphone and camera: one MediaStream shared by every call, device lists, switching a
// device in place, and pausing a track (enabled = false sends silence / black frames).
// Browsers offer navigator.mediaDevices only in a secure context (https, or http://localhost):
// every media call goes through hasMediaApi() so a page opened over plain http still receives.

/** Whether this page may ask for a camera and microphone at all. */
export function hasMediaApi(nav = navigator) {
  return !!(nav.mediaDevices && typeof nav.mediaDevices.getUserMedia === 'function');
}

/**
 * One line saying why this page has no camera or microphone, with the address that gives it
 * one ({text, link}; link null when none helps), or null when the page has the media API.
 * Over plain http the server serves https on the same port when TLS is on: the page can only
 * guess, so it offers that address.
 */
export function noMediaReason(nav = navigator, win = window) {
  if (hasMediaApi(nav)) return null;
  if (win.isSecureContext === false) {
    return {
      text: 'No camera or microphone: browsers allow them only on secure pages. You can still receive calls and chat; for your camera open',
      link: `https://${win.location.host}${win.location.pathname}`,
    };
  }
  return { text: 'This browser gives the page no camera or microphone. You can still sign in, receive calls and chat.', link: null };
}

function noMediaError() {
  return new DOMException('This page has no access to cameras or microphones', 'NotSupportedError');
}

export class LocalMedia {
  constructor() {
    this.stream = null;
    this.error = null;
    this.paused = { audio: false, video: false };
  }

  /** Asks for both devices, then for whichever one exists; a peer with neither still receives. */
  async start() {
    if (!hasMediaApi()) {
      this.error = noMediaError();
      return null;
    }
    for (const constraints of [{ audio: true, video: true }, { video: true }, { audio: true }]) {
      try {
        this.stream = await navigator.mediaDevices.getUserMedia(constraints);
        this.error = null;
        return this.stream;
      } catch (e) {
        this.error = e;
      }
    }
    return null;
  }

  track(kind) {
    return this.stream ? this.stream.getTracks().find((t) => t.kind === kind) || null : null;
  }

  /** {audio: [{deviceId, label}], video: [...]}, with the current device of each kind. */
  async devices() {
    const out = { audio: [], video: [], current: {} };
    if (!hasMediaApi()) return out;
    const list = await navigator.mediaDevices.enumerateDevices();
    let n = { audio: 0, video: 0 };
    for (const d of list) {
      const kind = d.kind === 'audioinput' ? 'audio' : d.kind === 'videoinput' ? 'video' : null;
      if (!kind) continue;
      n[kind] += 1;
      out[kind].push({ deviceId: d.deviceId, label: d.label || `${kind === 'audio' ? 'Microphone' : 'Camera'} ${n[kind]}` });
    }
    for (const kind of ['audio', 'video']) {
      const t = this.track(kind);
      out.current[kind] = t ? t.getSettings().deviceId : null;
    }
    return out;
  }

  /**
   * Opens another device of the same kind and puts its track in the shared stream; returns the
   * new track (the caller hands it to each call's replaceTrack), the old one is stopped.
   */
  async switchDevice(kind, deviceId) {
    if (!hasMediaApi()) throw noMediaError();
    const fresh = await navigator.mediaDevices.getUserMedia({ [kind]: { deviceId: { exact: deviceId } } });
    const track = fresh.getTracks().find((t) => t.kind === kind);
    track.enabled = !this.paused[kind];
    if (!this.stream) this.stream = new MediaStream();
    const old = this.track(kind);
    if (old) {
      this.stream.removeTrack(old);
      old.stop();
    }
    this.stream.addTrack(track);
    return track;
  }

  /** Calls fn when a device comes or goes (never, without the media API). */
  onDeviceChange(fn) {
    if (hasMediaApi()) navigator.mediaDevices.addEventListener('devicechange', fn);
  }

  setPaused(kind, paused) {
    this.paused[kind] = paused;
    const t = this.track(kind);
    if (t) t.enabled = !paused;
  }

  pausedKinds() {
    return ['audio', 'video'].filter((k) => this.paused[k]);
  }
}
