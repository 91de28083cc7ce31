package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
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
final class PeerJsSession implements PeerJsLink, MediaUser {
  private static final Logger log = LoggerFactory.getLogger(PeerJsSession.class);
  /** PeerJS's own limit before it buffers (DataConnection.MAX_BUFFERED_AMOUNT). */
  static final long MAX_BUFFERED = 8 * 1024 * 1024;

  private final String peer;
  private final ScheduledExecutorService executor;
  private final Listener listener;
  private final LocalMedia media;
  private final RTCPeerConnection pc;
  private final RemoteVideoSink videoSink;
  private final List<RTCRtpSender> senders = new ArrayList<>();
  private final List<IceCandidate> earlyCandidates = new ArrayList<>();
  private RTCDataChannel channel;
  private boolean channelOpen;
  private boolean channelClosed;
  private VideoTrack remoteVideo;
  private boolean remoteDescriptionSet;
  private boolean connected;
  private boolean closed;

  PeerJsSession(PeerConnectionFactory factory, RTCConfiguration config, LocalMedia media, boolean sendMedia,
      String peer, ScheduledExecutorService executor, Listener listener) {
    this.peer = peer;
    this.executor = executor;
    this.listener = listener;
    this.media = media;
    this.videoSink = new RemoteVideoSink((w, h) -> hop(() -> listener.firstVideoFrame(w, h)),
        frame -> media.tap().onFrame(peer, frame));
    this.pc = factory.createPeerConnection(config, new Observer());
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
          remoteSet();
          attempt("sdp-failed", "create answer", () -> pc.createAnswer(new RTCAnswerOptions(), described("create-answer")));
        })));
  }

  @Override
  public void acceptAnswer(SessionDescription answer) {
    attempt("invalid-sdp", "set remote answer",
        () -> pc.setRemoteDescription(Sdp.toNative(answer), applied("set-remote-answer", this::remoteSet)));
  }

  @Override
  public void addRemoteCandidate(IceCandidate candidate) {
    if (candidate == null || candidate.isEndOfCandidates()) {
      return;
    }
    if (!remoteDescriptionSet) {
      earlyCandidates.add(candidate);
      return;
    }
    try {
      pc.addIceCandidate(Sdp.toNative(candidate));
    } catch (Throwable t) {
      log.warn("{}: bad remote candidate {}: {}", peer, candidate, t.toString());
    }
  }

  private void remoteSet() {
    remoteDescriptionSet = true;
    for (IceCandidate c : earlyCandidates) {
      addRemoteCandidate(c);
    }
    earlyCandidates.clear();
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
    return videoSink.stats();
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
    dc.registerObserver(new RTCDataChannelObserver() {
      @Override
      public void onBufferedAmountChange(long previous) {}

      @Override
      public void onStateChange() {
        try {
          RTCDataChannelState state = dc.getState();
          hop(() -> channelState(state));
        } catch (Throwable t) {
          log.warn("{}: channel state callback", peer, t);
        }
      }

      @Override
      public void onMessage(RTCDataChannelBuffer buffer) {
        try {
          byte[] bytes = new byte[buffer.data.remaining()];
          buffer.data.get(bytes); // freed when onMessage returns
          boolean binary = buffer.binary;
          hop(() -> listener.channelMessage(bytes, binary));
        } catch (Throwable t) {
          log.warn("{}: channel message callback", peer, t);
        }
      }
    });
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
    step("remove sink", () -> {
      if (remoteVideo != null) {
        remoteVideo.removeSink(videoSink);
      }
    });
    for (RTCRtpSender s : senders) {
      step("detach sender", () -> s.replaceTrack(null));
    }
    if (channel != null) {
      step("close channel", () -> {
        channel.unregisterObserver();
        channel.close();
      });
    }
    step("close pc", pc::close);
    if (channel != null) {
      step("dispose channel", channel::dispose);
    }
  }

  private void step(String what, Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      log.warn("{}: {} failed: {}", peer, what, t.toString());
    }
  }

  private void attempt(String code, String step, Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      listener.failed(code, step + ": " + t.getMessage());
    }
  }

  void hop(Runnable task) {
    try {
      executor.execute(() -> {
        if (closed) {
          return;
        }
        try {
          task.run();
        } catch (Throwable t) {
          log.error("{}: call executor task failed", peer, t);
        }
      });
    } catch (Throwable t) {
      log.debug("{}: dropped native event: {}", peer, t.toString());
    }
  }

  private CreateSessionDescriptionObserver described(String step) {
    return new CreateSessionDescriptionObserver() {
      @Override
      public void onSuccess(RTCSessionDescription d) {
        hop(() -> attempt("sdp-failed", "set local description",
            () -> pc.setLocalDescription(d, applied("set-local", () -> listener.localDescription(Sdp.fromNative(d))))));
      }

      @Override
      public void onFailure(String error) {
        hop(() -> listener.failed("sdp-failed", step + ": " + error));
      }
    };
  }

  private SetSessionDescriptionObserver applied(String step, Runnable then) {
    return new SetSessionDescriptionObserver() {
      @Override
      public void onSuccess() {
        hop(then);
      }

      @Override
      public void onFailure(String error) {
        hop(() -> listener.failed(step.startsWith("set-remote") ? "invalid-sdp" : "sdp-failed", step + ": " + error));
      }
    };
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
        if (track instanceof VideoTrack video) {
          hop(() -> {
            if (remoteVideo == null) {
              remoteVideo = video; // the same wrapper for removeSink
              video.addSink(videoSink);
            }
          });
        }
      });
    }

    private void guard(Runnable r) {
      try {
        r.run();
      } catch (Throwable t) {
        log.error("{}: peer connection callback failed", peer, t);
      }
    }
  }
}
