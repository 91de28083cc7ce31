package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.peerphone.app.call.SessionDescription;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way one RTCPeerConnection's native callbacks reach the call executor, shared by
 * {@link PeerSession} and {@link PeerJsSession}: libwebrtc calls observers on its own threads;
 * each copies what it needs and {@link #hop}s — never blocking there and never letting an
 * exception reach native code (that aborts the JVM). Once the session is closed, hopped tasks are
 * dropped. A libwebrtc step that throws (bad SDP, wrong state) becomes the session's failure.
 */
final class NativeHop {
  private static final Logger log = LoggerFactory.getLogger(NativeHop.class);

  /** Where a failed step is reported (call executor): a typed code and a message. */
  interface Failure {
    void failed(String code, String message);
  }

  private final String peer;
  private final Executor executor;
  private final BooleanSupplier closed;
  private final Failure failure;

  NativeHop(String peer, Executor executor, BooleanSupplier closed, Failure failure) {
    this.peer = peer;
    this.executor = executor;
    this.closed = closed;
    this.failure = failure;
  }

  /** Runs {@code task} on the call executor unless the session is closed by then; never throws. */
  void hop(Runnable task) {
    try {
      executor.execute(() -> {
        if (closed.getAsBoolean()) {
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

  /** Runs a libwebrtc step on the call executor; a throw becomes the session's failure. */
  void attempt(String code, String step, Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      failure.failed(code, step + ": " + t.getMessage());
    }
  }

  /** For a native callback: runs {@code r}, logging anything it throws instead of letting it reach libwebrtc. */
  void guard(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      log.error("{}: peer connection callback failed", peer, t);
    }
  }

  /** A close step: anything it throws is logged, and the close goes on. */
  void step(String what, Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      log.warn("{}: {} failed: {}", peer, what, t.toString());
    }
  }

  /** Sets the created offer or answer as {@code pc}'s local description, then hands it to {@code local}. */
  CreateSessionDescriptionObserver described(RTCPeerConnection pc, String step, Consumer<SessionDescription> local) {
    return new CreateSessionDescriptionObserver() {
      @Override
      public void onSuccess(RTCSessionDescription d) {
        hop(() -> attempt("sdp-failed", "set local description",
            () -> pc.setLocalDescription(d, applied("set-local", () -> local.accept(Sdp.fromNative(d))))));
      }

      @Override
      public void onFailure(String error) {
        hop(() -> failure.failed("sdp-failed", step + ": " + error));
      }
    };
  }

  /** Runs {@code then} on the call executor once a description is applied; a remote one that fails is {@code invalid-sdp}. */
  SetSessionDescriptionObserver applied(String step, Runnable then) {
    return new SetSessionDescriptionObserver() {
      @Override
      public void onSuccess() {
        hop(then);
      }

      @Override
      public void onFailure(String error) {
        hop(() -> failure.failed(step.startsWith("set-remote") ? "invalid-sdp" : "sdp-failed", step + ": " + error));
      }
    };
  }
}
