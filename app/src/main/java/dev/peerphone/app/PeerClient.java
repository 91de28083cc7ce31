package dev.peerphone.app;

import dev.peerphone.app.call.CallController;
import dev.peerphone.app.call.CallListener;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.call.Signal;
import dev.peerphone.app.net.ServerTrust;
import dev.peerphone.app.peerjs.BridgeSignals;
import dev.peerphone.app.peerjs.PeerJsBridge;
import dev.peerphone.app.peerjs.PeerJsCalls;
import dev.peerphone.app.net.SignalingClient;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.rtc.RtcEngine;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One complete client — signaling connection, call state machine and webrtc-java engine — wired
 * around one single-thread call executor. Used by the headless peer, the tests, and (later) the
 * desktop UI.
 *
 * <p>Thread map: WebSocket reader thread → {@link CallController} (posts to the call executor);
 * libwebrtc threads → hop to the call executor; the executor → {@link CallListener}.
 */
public final class PeerClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerClient.class);

  private final ScheduledExecutorService callExecutor;
  private final RtcEngine engine;
  private final SignalingClient signaling;
  private final CallController controller;

  /** A client trusting {@code wss://} servers as {@link ServerTrust#standard()} does. */
  public PeerClient(URI server, String name, MediaConfig media, CallOptions options, CallListener listener) {
    this(server, name, media, options, listener, ServerTrust.standard());
  }

  /** {@code trust}: which {@code wss://} certificates to accept (platform authorities plus pins). */
  public PeerClient(URI server, String name, MediaConfig media, CallOptions options, CallListener listener,
      ServerTrust trust) {
    this.callExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "call-" + name);
      t.setDaemon(true);
      return t;
    });
    this.engine = RtcEngine.create(callExecutor, media);
    CallController[] ref = new CallController[1];
    this.signaling = new SignalingClient(server, name, new SignalingClient.Listener() {
      @Override
      public void onSignal(Signal signal) {
        ref[0].onSignal(signal);
      }

      @Override
      public void onDown() {
        ref[0].signalingDown();
      }
    }, trust);
    this.controller = new CallController(callExecutor, signaling, engine, options, listener);
    ref[0] = controller;
    // PeerJS users of the same server (docs/PEERJS.md, the bridge): same executor, same listener.
    PeerJsCalls peerjs = new PeerJsCalls(callExecutor, engine, controller::iceConfig, options.autoAnswer(), false,
        listener);
    peerjs.attach(new BridgeSignals(signaling::peerjs));
    controller.enablePeerJs(new PeerJsBridge(peerjs));
  }

  /** Connects and logs in (asynchronously: wait for the {@code LoggedIn} event). */
  public PeerClient start() {
    signaling.start();
    return this;
  }

  public CallController calls() {
    return controller;
  }

  public RtcEngine media() {
    return engine;
  }

  public String name() {
    return signaling.name();
  }

  /** Hangs up every call (peers are told), disconnects, then releases native resources in order. */
  @Override
  public void close() {
    try {
      controller.shutdown().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("call shutdown: {}", e.toString());
    }
    signaling.close();
    try {
      engine.close();
    } catch (RuntimeException e) {
      log.warn("engine close: {}", e.toString());
    }
    callExecutor.shutdown();
  }
}
