package dev.peerphone.app.peerjs;

import dev.peerphone.app.call.IceConfig;

/** Opens {@link PeerJsLink}s (implemented by {@code rtc.RtcEngine}); call executor only. */
public interface PeerJsMedia {
  /** A link to {@code peer}; {@code media}: send our audio and video tracks (stream id set). */
  PeerJsLink openPeerJs(String peer, IceConfig ice, boolean media, PeerJsLink.Listener listener);
}
