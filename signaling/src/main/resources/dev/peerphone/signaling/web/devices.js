// The page's camera and microphone controls: asking for them once, the device lists, switching a
// device in place in every call, and pausing a track. media.js does the browser calls.

import * as ui from './ui.js';

const $ = ui.$;

export class DeviceControls {
  /**
   * @param {LocalMedia} media the shared local media
   * @param {object|null} noMedia why the page has no media API (media.js noMediaReason), or null
   * @param {function(): Iterable} calls the calls (Call or PeerJsCall) the tracks go to
   */
  constructor(media, noMedia, calls) {
    this.media = media;
    this.noMedia = noMedia;
    this.calls = calls;
    this.started = null;
  }

  /** Asks for the devices once, before the first sign-in (a page with camera permission also gets raw IP candidates). */
  start() {
    this.started = this.started || this.open();
    return this.started;
  }

  async open() {
    const stream = await this.media.start();
    // Without the media API the notice at the top already says why, and where to get a camera.
    $('media-error').textContent = stream || this.noMedia ? ''
      : `No camera or microphone (${this.media.error && this.media.error.name}); you can still receive.`;
    if (stream) ui.setLocalPreview(stream);
    for (const c of this.calls()) c.localStream = this.media.stream;
    await this.refresh();
  }

  async refresh() {
    const d = await this.media.devices();
    ui.renderDevices($('mic'), d.audio, d.current.audio);
    ui.renderDevices($('camera'), d.video, d.current.video);
  }

  async switchDevice(kind, deviceId) {
    try {
      const track = await this.media.switchDevice(kind, deviceId);
      for (const c of this.calls()) c.replaceTrack(kind, track);
      ui.setLocalPreview(this.media.stream);
      $('media-error').textContent = '';
    } catch (e) {
      $('media-error').textContent = `Could not switch ${kind === 'audio' ? 'microphone' : 'camera'}: ${e.name || e}`;
      await this.refresh();
    }
  }

  setPaused(kind, paused) {
    this.media.setPaused(kind, paused);
    for (const c of this.calls()) c.sendControl({ peerphone: 'track', kind, paused });
  }
}
