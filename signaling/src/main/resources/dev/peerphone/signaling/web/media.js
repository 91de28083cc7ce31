// Local microphone and camera: one MediaStream shared by every call, device lists, switching a
// device in place, and pausing a track (enabled = false sends silence / black frames).

export class LocalMedia {
  constructor() {
    this.stream = null;
    this.error = null;
    this.paused = { audio: false, video: false };
  }

  /** Asks for both devices, then for whichever one exists; a peer with neither still receives. */
  async start() {
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
    const list = await navigator.mediaDevices.enumerateDevices();
    const out = { audio: [], video: [], current: {} };
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

  setPaused(kind, paused) {
    this.paused[kind] = paused;
    const t = this.track(kind);
    if (t) t.enabled = !paused;
  }

  pausedKinds() {
    return ['audio', 'video'].filter((k) => this.paused[k]);
  }
}
