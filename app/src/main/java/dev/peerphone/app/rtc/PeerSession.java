package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceConnectionState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.peerphone.app.call.IceCandidate;
import dev.peerphone.app.call.PeerLink;
import dev.peerphone.app.call.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTCPeerConnection with one remote user: offer/answer, candidate queueing, DataChannels,
 * remote video counting and audio levels, statistics once a second ({@link StatsReader}), and the close order webrtc-java 0.14.0 needs.
 *
 * <p>Threading: every method runs on the call executor. libwebrtc calls the observers on its
 * signaling thread; each observer copies what it needs, then hops to the call executor with
 * {@link #hop} — it never blocks there and never lets an exception reach native code (that
 * aborts the JVM). After {@link #close} every hopped task is dropped.
 */
final class PeerSession implements PeerLink, MediaUser, RemoteMedia.Holder {
  private static final Logger log = LoggerFactory.getLogger(PeerSession.class);

  /** What our video sender starts at (see {@link Sdp#withStartBitrate}); 500+ lets VGA start unscaled. */
  static final int START_BITRATE_KBPS = 800;

  private final String peer;
  private final ScheduledExecutorService executor;
  private final Listener listener;
  private final LocalMedia media;
  private final NativeHop hops;
  private final RTCPeerConnection pc;
  private final RemoteCandidates candidates;
  private final RemoteMedia received;
  private final Channels channels;
  private final StatsReader stats;
  /** Only while tracing the setup (benchmark): first frames encoded/decoded. */
  private final SetupProbe probe;
  private boolean firstCandidateSeen;
  private boolean iceConnected;
  private final List<RTCRtpSender> senders = new ArrayList<>();
  private boolean connected;
  private boolean closed;

  PeerSession(PeerConnectionFactory factory, RTCConfiguration config, LocalMedia media,
      String peer, ScheduledExecutorService executor, Listener listener) {
    this.peer = peer;
    this.executor = executor;
    this.listener = listener;
    this.media = media;
    this.hops = new NativeHop(peer, executor, () -> closed, listener::failed);
    this.received = new RemoteMedia(peer, media, (w, h) -> {
      long at = System.nanoTime();
      hop(() -> {
        listener.phase("first-frame-sink", at);
        listener.firstVideoFrame(w, h);
      });
    });
    this.pc = factory.createPeerConnection(config, new Observer());
    this.candidates = new RemoteCandidates(peer, pc);
    this.channels = new Channels(peer, this::hop, listener);
    this.stats = new StatsReader(peer, pc, this::hop, listener::stats);
    stats.start(executor);
    this.probe = listener.tracing() ? new SetupProbe(pc, this::hop, listener::phase) : null;
    for (MediaStreamTrack track : media.tracks()) {
      senders.add(pc.addTrack(track, List.of("stream0")));
    }
  }

  @Override
  public String peer() {
    return peer;
  }

  @Override
  public RemoteMedia received() {
    return received;
  }

  @Override
  public void createOffer() {
    attempt("sdp-failed", "create offer", () -> {
      channels.createOwn(pc);
      pc.createOffer(new RTCOfferOptions(), described("create-offer"));
    });
  }

  @Override
  public void acceptOffer(SessionDescription offer) {
    // libwebrtc parses the SDP synchronously and throws java.lang.Error on garbage.
    attempt("invalid-sdp", "set remote offer", () -> pc.setRemoteDescription(remote(offer),
        applied("set-remote-offer", () -> {
          candidates.remoteSet();
          attempt("sdp-failed", "create answer", () -> pc.createAnswer(new RTCAnswerOptions(), described("create-answer")));
        })));
  }

  @Override
  public void acceptAnswer(SessionDescription answer) {
    attempt("invalid-sdp", "set remote answer",
        () -> pc.setRemoteDescription(remote(answer), applied("set-remote-answer", candidates::remoteSet)));
  }

  /** The peer's description as libwebrtc gets it: our video sender starts at {@link #START_BITRATE_KBPS}. */
  private static RTCSessionDescription remote(SessionDescription d) {
    RTCSessionDescription n = Sdp.toNative(d);
    return new RTCSessionDescription(n.sdpType, Sdp.withStartBitrate(n.sdp, START_BITRATE_KBPS));
  }

  /** Runs a libwebrtc step; a throw (bad SDP, wrong state) becomes {@link Listener#failed}. */
  private void attempt(String code, String step, Runnable r) {
    hops.attempt(code, step, r);
  }

  @Override
  public void addRemoteCandidate(IceCandidate candidate) {
    candidates.add(candidate);
  }

  @Override
  public boolean sendChat(String text) {
    return channels.sendChat(text);
  }

  @Override
  public boolean sendControl(String json) {
    return channels.sendControl(json);
  }

  @Override
  public VideoStats remoteVideo() {
    return received.videoStats();
  }

  @Override
  public AudioStats remoteAudio() {
    return received.audioStats();
  }

  /** Replaces the outgoing track of the same kind (camera switch) without renegotiation. */
  @Override
  public void replaceTrack(MediaStreamTrack track) {
    for (RTCRtpSender s : senders) {
      MediaStreamTrack current = s.getTrack();
      if (current != null && current.getKind().equals(track.getKind())) {
        s.replaceTrack(track);
      }
    }
  }

  /** Close order from the notes: sinks, senders, channels, pc, channel dispose. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stats.stop();
    if (probe != null) {
      probe.stop();
    }
    media.detach(this);
    received.detach(hops);
    for (RTCRtpSender s : senders) {
      hops.step("detach sender", () -> s.replaceTrack(null)); // else track.dispose() fails later (#239)
    }
    channels.close();
    hops.step("close pc", pc::close);
    channels.dispose();
  }

  /** Runs {@code task} on the call executor unless the session is closed; never throws. */
  void hop(Runnable task) {
    hops.hop(task);
  }

  private CreateSessionDescriptionObserver described(String step) {
    return hops.described(pc, step, listener::localDescription);
  }

  private SetSessionDescriptionObserver applied(String step, Runnable then) {
    return hops.applied(step, then);
  }

  /** Native callbacks: copy, hop, never throw. */
  private final class Observer implements PeerConnectionObserver {
    @Override
    public void onIceCandidate(RTCIceCandidate c) {
      long at = System.nanoTime();
      guard(() -> {
        IceCandidate ours = Sdp.fromNative(c);
        hop(() -> {
          if (!firstCandidateSeen) {
            firstCandidateSeen = true;
            listener.phase("first-candidate", at);
          }
          listener.localCandidate(ours);
        });
      });
    }

    @Override
    public void onIceConnectionChange(RTCIceConnectionState state) {
      long at = System.nanoTime();
      if (state == RTCIceConnectionState.CONNECTED || state == RTCIceConnectionState.COMPLETED) {
        guard(() -> hop(() -> {
          if (!iceConnected) {
            iceConnected = true;
            listener.phase("ice-connected", at);
            if (probe != null) {
              probe.start(executor);
            }
          }
        }));
      }
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
      long at = System.nanoTime();
      guard(() -> hop(() -> {
        log.debug("{}: connection {}", peer, state);
        if (state == RTCPeerConnectionState.CONNECTED && !connected) {
          connected = true;
          listener.phase("connected", at);
          listener.connected();
        } else if (state == RTCPeerConnectionState.FAILED) {
          listener.failed("connection-failed", "ICE/DTLS connection to " + peer + " failed");
        }
      }));
    }

    @Override
    public void onDataChannel(RTCDataChannel dc) {
      guard(() -> hop(() -> channels.adopt(dc)));
    }

    @Override
    public void onTrack(RTCRtpTransceiver transceiver) {
      guard(() -> {
        MediaStreamTrack track = transceiver.getReceiver().getTrack();
        hop(() -> received.adopt(track));
      });
    }

    private void guard(Runnable r) {
      hops.guard(r);
    }
  }
}
