package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.peerphone.app.call.IceCandidate;
import dev.peerphone.app.call.PeerLink;
import dev.peerphone.app.call.SessionDescription;
import dev.peerphone.app.peerjs.PeerJsLink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PeerJS connection's RTCPeerConnection: for a media connection our tracks (stream id set, or
 * the page's {@code 'stream'} event gets {@code undefined}) and the caller's auxiliary
 * DataChannel; for a data connection its one DataChannel. Same traps handled as in
 * {@link PeerSession}: candidates queued until the remote description is set, received buffers
 * copied before {@code onMessage} returns, exact-size send buffers, the close order of #239.
 *
 * <p>Threading: call executor; native observers copy, then {@link #hop}; never block or throw there.
 */
final class PeerJsSession implements PeerJsLink, MediaUser, RemoteMedia.Holder {
  private static final Logger log = LoggerFactory.getLogger(PeerJsSession.class);
  /** PeerJS's own limit before it buffers (DataConnection.MAX_BUFFERED_AMOUNT). */
  static final long MAX_BUFFERED = 8 * 1024 * 1024;

  private final String peer;
  private final Listener listener;
  private final LocalMedia media;
  private final NativeHop hops;
  private final RTCPeerConnection pc;
  private final RemoteCandidates candidates;
  private final RemoteMedia received;
  private final List<RTCRtpSender> senders = new ArrayList<>();
  private RTCDataChannel channel;
  private boolean channelOpen;
  private boolean channelClosed;
  private boolean connected;
  private boolean closed;

  PeerJsSession(PeerConnectionFactory factory, RTCConfiguration config, LocalMedia media, boolean sendMedia,
      String peer, ScheduledExecutorService executor, Listener listener) {
    this.peer = peer;
    this.listener = listener;
    this.media = media;
    this.hops = new NativeHop(peer, executor, () -> closed, listener::failed);
    this.received = new RemoteMedia(peer, media, (w, h) -> hop(() -> listener.firstVideoFrame(w, h)));
    this.pc = factory.createPeerConnection(config, new Observer());
    this.candidates = new RemoteCandidates(peer, pc);
    if (sendMedia) {
      for (MediaStreamTrack track : media.tracks()) {
        senders.add(pc.addTrack(track, List.of("stream0")));
      }
    }
  }

  @Override
  public void openChannel(String label, boolean ordered) {
    attempt("sdp-failed", "create data channel", () -> {
      RTCDataChannelInit init = new RTCDataChannelInit();
      init.ordered = ordered;
      adopt(pc.createDataChannel(label, init));
    });
  }

  @Override
  public void createOffer() {
    attempt("sdp-failed", "create offer", () -> pc.createOffer(new RTCOfferOptions(), described("create-offer")));
  }

  @Override
  public void acceptOffer(SessionDescription offer) {
    attempt("invalid-sdp", "set remote offer", () -> pc.setRemoteDescription(Sdp.toNative(offer),
        applied("set-remote-offer", () -> {
          candidates.remoteSet();
          attempt("sdp-failed", "create answer", () -> pc.createAnswer(new RTCAnswerOptions(), described("create-answer")));
        })));
  }

  @Override
  public void acceptAnswer(SessionDescription answer) {
    attempt("invalid-sdp", "set remote answer",
        () -> pc.setRemoteDescription(Sdp.toNative(answer), applied("set-remote-answer", candidates::remoteSet)));
  }

  @Override
  public void addRemoteCandidate(IceCandidate candidate) {
    candidates.add(candidate);
  }

  @Override
  public boolean send(byte[] bytes, boolean binary) {
    if (channel == null || !channelOpen || closed) {
      return false;
    }
    try {
      if (channel.getBufferedAmount() > MAX_BUFFERED) {
        return false;
      }
      channel.send(new RTCDataChannelBuffer(ByteBuffer.wrap(bytes), binary)); // exact-size heap buffer (0.14.0)
      return true;
    } catch (Throwable t) {
      log.warn("{}: send failed: {}", peer, t.toString());
      return false;
    }
  }

  @Override
  public PeerLink.VideoStats remoteVideo() {
    return received.videoStats();
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
  public void replaceTrack(MediaStreamTrack track) {
    for (RTCRtpSender s : senders) {
      MediaStreamTrack current = s.getTrack();
      if (current != null && current.getKind().equals(track.getKind())) {
        s.replaceTrack(track);
      }
    }
  }

  private void adopt(RTCDataChannel dc) {
    if (channel != null) {
      log.info("{}: a second DataChannel on a PeerJS connection; ignored", peer);
      return;
    }
    channel = dc;
    dc.registerObserver(ChannelEvents.hopping(peer, dc, this::hop, this::channelState, listener::channelMessage));
    channelState(dc.getState());
  }

  private void channelState(RTCDataChannelState state) {
    if (state == RTCDataChannelState.OPEN && !channelOpen && !channelClosed) {
      channelOpen = true;
      listener.channelOpen();
    } else if ((state == RTCDataChannelState.CLOSED || state == RTCDataChannelState.CLOSING) && !channelClosed) {
      channelClosed = true;
      channelOpen = false;
      listener.channelClosed();
    }
  }

  /** Close order: sink, senders, channel, pc, channel dispose. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    media.detach(this);
    received.detach(hops);
    for (RTCRtpSender s : senders) {
      hops.step("detach sender", () -> s.replaceTrack(null));
    }
    if (channel != null) {
      hops.step("close channel", () -> {
        channel.unregisterObserver();
        channel.close();
      });
    }
    hops.step("close pc", pc::close);
    if (channel != null) {
      hops.step("dispose channel", channel::dispose);
    }
  }

  private void attempt(String code, String step, Runnable r) {
    hops.attempt(code, step, r);
  }

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
      guard(() -> {
        IceCandidate ours = Sdp.fromNative(c);
        hop(() -> listener.localCandidate(ours));
      });
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
      guard(() -> hop(() -> {
        if (state == RTCPeerConnectionState.CONNECTED && !connected) {
          connected = true;
          listener.connected();
        } else if (state == RTCPeerConnectionState.FAILED) {
          listener.failed("connection-failed", "ICE/DTLS connection to " + peer + " failed");
        }
      }));
    }

    @Override
    public void onDataChannel(RTCDataChannel dc) {
      guard(() -> hop(() -> adopt(dc)));
    }

    @Override
    public void onTrack(RTCRtpTransceiver transceiver) {
      guard(() -> {
        MediaStreamTrack track = transceiver.getReceiver().getTrack();
        hop(() -> received.adopt(track)); // video shown, audio measured (and mutable for me)
      });
    }

    private void guard(Runnable r) {
      hops.guard(r);
    }
  }
}
