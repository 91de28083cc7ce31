package dev.peerphone.app.net;

import dev.peerphone.app.call.IceCandidate;
import dev.peerphone.app.call.SessionDescription;
import dev.peerphone.app.call.Signal;
import dev.peerphone.app.call.SignalingPort;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling connection (Java-WebSocket): logs in, parses what the server sends, and when the
 * connection drops reconnects by itself — first retry after {@link #FIRST_RETRY}, then doubling,
 * capped at {@link #MAX_RETRY} — and logs in again under the same name, presenting the resume
 * token of its last login (PROTOCOL v1.1, Resuming): if the server still holds our old
 * connection (a network path that died silently), the new one takes over the name with its calls
 * at once instead of getting {@code name-taken} until the server notices the old one is gone.
 *
 * <p>Threading: {@link Listener} methods run on the WebSocket's reader thread and must hand off
 * (the controller posts to the call executor). The send methods are safe from any thread and
 * never block: frames are queued by the socket, or dropped while the connection is down.
 * Reconnect bookkeeping runs on one private scheduler thread; {@code current} is volatile.
 *
 * <p>{@code wss://} servers are trusted as {@link ServerTrust} says. A certificate it refuses is
 * reported once as {@link Signal.Error} {@code untrusted-certificate} (the message names the
 * SHA-256 fingerprint) and the client stops: it never retries against an untrusted server.
 */
public final class SignalingClient implements SignalingPort, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SignalingClient.class);
  static final Duration FIRST_RETRY = Duration.ofMillis(300);
  static final Duration MAX_RETRY = Duration.ofSeconds(4);

  /** What the client reports; called on the socket thread. */
  public interface Listener {
    void onSignal(Signal signal);

    /** The connection dropped (a reconnect is already scheduled). */
    void onDown();
  }

  private final URI uri;
  private final String name;
  private final Listener listener;
  private final ServerTrust trust;
  private final ScheduledExecutorService scheduler;
  private volatile Socket current;
  private volatile boolean closed;
  /** Scheduler thread only. */
  private int attempt;
  private volatile boolean everLoggedIn;
  /** The resume token of our last successful login (a secret: never logged); null before. */
  private volatile String token;
  /** Keeps what we send under the server's message limit (bursts wait, in order). */
  private final SendPacer pacer;

  /** A client trusting the platform's authorities and the user's remembered certificates. */
  public SignalingClient(URI uri, String name, Listener listener) {
    this(uri, name, listener, ServerTrust.standard());
  }

  public SignalingClient(URI uri, String name, Listener listener, ServerTrust trust) {
    this.uri = uri;
    this.name = name;
    this.listener = listener;
    this.trust = trust;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "signaling-reconnect");
      t.setDaemon(true);
      return t;
    });
    this.pacer = new SendPacer(this::sendNow, scheduler, System::nanoTime);
  }

  /** Connects (asynchronously); the result arrives as a {@link Signal.LoggedIn} or {@link Signal.LoginFailed}. */
  public void start() {
    scheduler.execute(this::connect);
  }

  public String name() {
    return name;
  }

  private void connect() {
    if (closed) {
      return;
    }
    Socket s = new Socket(uri);
    if ("wss".equalsIgnoreCase(uri.getScheme())) {
      s.tls = trust.trustManager(uri.getHost(), ServerTrust.port(uri));
      s.setSocketFactory(ServerTrust.context(s.tls).getSocketFactory());
    }
    current = s;
    s.setConnectionLostTimeout(15);
    s.connect();
  }

  private void scheduleReconnect() {
    if (closed) {
      return;
    }
    scheduler.execute(() -> {
      long delay = retryDelay(attempt++).toMillis();
      log.info("signaling: reconnecting to {} in {} ms", uri, delay);
      scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    });
  }

  /** Delay before reconnect attempt {@code n} (0-based): 300 ms, doubling, capped at 4 s. */
  static Duration retryDelay(int n) {
    return Duration.ofMillis(Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(n, 5)));
  }

  /** One connection attempt; Java-WebSocket clients cannot be reused. */
  private final class Socket extends WebSocketClient {
    private boolean down;
    /** Set before connecting for wss:// (scheduler thread), read after the handshake failed. */
    private volatile PinningTrustManager tls;

    Socket(URI target) {
      super(target);
      setConnectionLostTimeout(15);
      // Signaling is small messages in bursts (offer, then candidates): without this, Nagle holds
      // each one until the server's delayed ACK of the previous (up to 40 ms), as browsers do not.
      setTcpNoDelay(true);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
      send(Codec.login(name, token));
    }

    @Override
    public void onMessage(String message) {
      try {
        Signal signal = Codec.parse(message);
        if (signal instanceof Signal.LoggedIn) {
          token = Codec.loginToken(message);
          everLoggedIn = true;
          scheduler.execute(() -> attempt = 0);
        } else if (signal instanceof Signal.LoginFailed f && everLoggedIn) {
          // Our old session may not be gone yet on the server ("name-taken"): try again shortly.
          log.info("signaling: re-login refused ({}); retrying", f.reason());
          close();
          return;
        }
        if (signal != null) {
          listener.onSignal(signal);
        }
      } catch (Throwable t) {
        log.error("signaling: listener failed", t);
      }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      lost("closed " + code + " " + reason);
    }

    @Override
    public void onError(Exception ex) {
      log.debug("signaling: {}", ex.toString());
      if (!isOpen()) {
        lost("error " + ex);
      }
    }

    private synchronized void lost(String why) {
      if (down) {
        return;
      }
      down = true;
      if (closed || current != this) {
        return;
      }
      ServerCertificate refused = tls == null ? null : tls.rejected();
      if (refused != null) {
        untrusted(refused);
        return;
      }
      log.info("signaling: connection lost ({})", why);
      try {
        listener.onDown();
      } catch (Throwable t) {
        log.error("signaling: listener failed", t);
      }
      scheduleReconnect();
    }
  }

  /** Reports the refused certificate once and stops for good: never retry an untrusted server. */
  private void untrusted(ServerCertificate refused) {
    closed = true;
    scheduler.shutdown();
    String message = new UntrustedServerException(refused).getMessage();
    log.warn("signaling: {}", message);
    try {
      listener.onSignal(new Signal.Error("untrusted-certificate", message, null));
    } catch (Throwable t) {
      log.error("signaling: listener failed", t);
    }
  }

  private void sendRaw(String json) {
    pacer.send(json);
  }

  private void sendNow(String json) {
    Socket s = current;
    if (s == null || !s.isOpen()) {
      log.debug("signaling down; dropped {}", json.length() > 80 ? json.substring(0, 80) : json);
      return;
    }
    try {
      s.send(json);
    } catch (RuntimeException e) {
      log.debug("signaling send failed: {}", e.toString());
    }
  }

  @Override
  public void offer(String peer, SessionDescription offer) {
    sendRaw(Codec.description("offer", peer, offer));
  }

  @Override
  public void answer(String peer, SessionDescription answer) {
    sendRaw(Codec.description("answer", peer, answer));
  }

  @Override
  public void candidate(String peer, IceCandidate candidate) {
    sendRaw(Codec.candidate(peer, candidate));
  }

  @Override
  public void leave(String peer) {
    sendRaw(Codec.withField("leave", peer, null, null));
  }

  @Override
  public void call(String peer) {
    sendRaw(Codec.withField("call", peer, null, null));
  }

  @Override
  public void accept(String peer) {
    sendRaw(Codec.withField("accept", peer, null, null));
  }

  @Override
  public void reject(String peer, String reason) {
    sendRaw(Codec.withField("reject", peer, "reason", reason));
  }

  @Override
  public void chat(String peer, String text) {
    sendRaw(Codec.withField("chat", peer, "text", text));
  }

  /** A PeerJS message for PeerJS user {@code peer}, through the server's bridge (docs/PEERJS.md). */
  public void peerjs(String peer, String type, String payloadJson) {
    sendRaw(Codec.peerjs(peer, type, payloadJson));
  }

  @Override
  public void find() {
    sendRaw(Codec.withField("find", null, null, null));
  }

  @Override
  public void next() {
    sendRaw(Codec.withField("next", null, null, null));
  }

  @Override
  public void stop() {
    sendRaw(Codec.withField("stop", null, null, null));
  }

  @Override
  public void ice() {
    sendRaw(Codec.withField("ice", null, null, null));
  }

  /** Closes the connection for good; no reconnect. */
  @Override
  public void close() {
    closed = true;
    Socket s = current;
    if (s != null) {
      try {
        s.closeBlocking();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.debug("close: {}", e.toString());
      }
    }
    scheduler.shutdownNow();
  }
}
