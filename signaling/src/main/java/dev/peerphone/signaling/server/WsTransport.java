package dev.peerphone.signaling.server;

import dev.peerphone.signaling.admission.ClientAddressResolver;
import dev.peerphone.signaling.http.HttpResponse;
import dev.peerphone.signaling.http.HttpRoutes;
import dev.peerphone.signaling.peerjs.PeerJsFrames;
import dev.peerphone.signaling.peerjs.PeerJsHttp;
import dev.peerphone.signaling.peerjs.PeerJsMessage;
import dev.peerphone.signaling.protocol.ClientMessage;
import dev.peerphone.signaling.protocol.ErrorCode;
import dev.peerphone.signaling.protocol.MessageDecoder;
import dev.peerphone.signaling.protocol.ProtocolException;
import dev.peerphone.signaling.protocol.ServerMessages;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket edge, one per port: the WebSocket port, and the HTTP port, where only
 * {@code /ws} upgrades and every other request gets a plain HTTP response from
 * {@link HttpRoutes} (see {@link CappedDraft}). Both share the core, the {@link Hub}, the
 * metrics and the per-IP counts; each has its own selector thread.
 *
 * <p>Per connection: the selector thread reads, decodes frames ({@link InlineDecoding}), applies
 * per-connection limits and parses JSON, then hands each message to the core executor, where
 * the {@link Hub} runs — usually right there on the same thread ({@link SerialExecutor}).
 * Nothing thrown here escapes to Java-WebSocket.
 */
final class WsTransport extends WebSocketServer {
  private static final Logger log = LoggerFactory.getLogger(WsTransport.class);
  /** What a 503 over a connection cap tells the client: sockets are freed as others close. */
  static final int RETRY_AFTER_SECONDS = 5;

  private final ServerConfig config;
  private final Executor core;
  private final Hub hub;
  private final Metrics metrics;
  private final ClientAddressResolver addresses;
  private final MessageDecoder decoder = new MessageDecoder();
  private final PerIpCounts perIp;
  /** Null on the WebSocket port: plain requests there get {@code 426 Upgrade Required}. */
  private final HttpRoutes routes;
  private final InlineDecoding inline;
  private DirectWrites directWrites;
  /** Set on the selector thread at start (before {@link #started} completes); null if unavailable. */
  private volatile SelectorTasks selectorTasks;
  private final PendingRequests pending;
  private final ConnectionGate gate;
  /** The PeerServer mode's HTTP on the WebSocket port (a page asks it for an id there); null: none. */
  private volatile PeerJsHttp peerJsHttp;
  final CompletableFuture<Void> started = new CompletableFuture<>();

  /** {@code routes} null: the WebSocket port; else the HTTP port, serving those routes. */
  WsTransport(ServerConfig config, int port, HttpRoutes routes, Executor core, Hub hub, Metrics metrics,
      ClientAddressResolver addresses, PerIpCounts perIp, ConnectionGate gate) {
    super(new InetSocketAddress(config.host(), port), 1, List.of(new CappedDraft(config.maxFrameBytes(),
        conn -> tooLarge(conn, metrics, config), routes == null ? null
            : path -> path.equals(HttpRoutes.WEBSOCKET_PATH) || isPeerJsSocket(config, path))));
    this.config = config;
    this.routes = routes;
    this.perIp = perIp;
    this.core = core;
    this.hub = hub;
    this.metrics = metrics;
    this.addresses = addresses;
    this.gate = gate;
    this.pending = new PendingRequests(metrics);
    setReuseAddr(true);
    setTcpNoDelay(true);
    setConnectionLostTimeout(0); // liveness is the hub's: two missed pongs, see Hub.pingAll
    setMaxPendingConnections(1024); // the default backlog of 50 overflows when a crowd connects
    inline = InlineDecoding.attach(this);
    useFactory(new DefaultWebSocketServerFactory());
  }

  /** Decodes what the selector thread just read, on that thread (see {@link InlineDecoding}). */
  @Override
  protected void queue(WebSocketImpl ws) throws InterruptedException {
    SelectorTasks tasks = selectorTasks;
    if (tasks != null && ws == tasks.doorbell) {
      for (ByteBuffer buffer; (buffer = ws.inQueue.poll()) != null; ) {
        inline.release(buffer);
      }
      tasks.drain();
      return;
    }
    if (inline == null) {
      super.queue(ws);
      return;
    }
    for (ByteBuffer buffer; (buffer = ws.inQueue.poll()) != null; ) {
      ByteBuffer read = buffer;
      // what this read relays is written once per receiving connection, after it (DirectWrites)
      directWrites.decoding(() -> {
        try {
          ws.decode(read);
        } catch (RuntimeException e) {
          log.warn("Decoding a frame failed", e);
          ws.close(CloseFrame.UNEXPECTED_CONDITION, "Internal error"); // never leave it open and unanswered
        } finally {
          inline.release(read);
        }
      });
    }
  }

  /**
   * Runs tasks on the core from this transport's selector thread, batched (see {@link SelectorTasks}),
   * or null when this Java-WebSocket version does not allow it. Valid once started.
   */
  Executor selectorTasks() {
    return selectorTasks;
  }

  /** After {@link #stop}: closes what {@link #selectorTasks} holds. */
  void closeSelectorTasks() {
    SelectorTasks tasks = selectorTasks;
    if (tasks != null) {
      tasks.close();
    }
  }

  /** On the WebSocket port: answer the PeerServer mode's plain requests ({@code …/id}, {@code /find}). */
  void servePeerJs(PeerJsHttp http) {
    peerJsHttp = http;
  }

  /** Installs the connection factory; {@link DirectWrites} wraps it (TLS or plain). */
  void useFactory(WebSocketServerFactory factory) {
    directWrites = new DirectWrites(factory, pending, gate);
    setWebSocketFactory(directWrites);
  }

  /** Drops connections that did not complete a request within {@code limitNanos} (timer thread). */
  void dropSilentConnections(long limitNanos) {
    pending.sweep(System.nanoTime(), limitNanos);
  }

  @Override
  public void onStart() {
    directWrites.selectorStarted();
    if (inline != null) { // its drained reads go back to the pool through inline
      SelectorTasks tasks = SelectorTasks.attach(this, core, directWrites);
      if (tasks != null) {
        try {
          allocateBuffers(tasks.doorbell); // the read pool starts empty: its read must not wait for an accept
          selectorTasks = tasks;
        } catch (InterruptedException e) {
          tasks.close();
          Thread.currentThread().interrupt();
        }
      }
    }
    started.complete(null);
  }

  /** Plain requests are answered here, on the selector thread, before anything is sent. */
  @Override
  public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
      ClientHandshake request) throws InvalidDataException {
    ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    boolean plainOnTls = conn instanceof WebSocketImpl impl && impl.getChannel() instanceof TlsOrPlainChannel c
        && c.isPlain();
    if (!(draft instanceof CappedDraft http)) {
      return response;
    }
    Refusal refused = conn instanceof DirectWrites.Tracked t ? t.refusal() : null;
    if (refused != null) { // over a cap since accept: the upgrade or request is refused, not served
      http.answer(HttpResponse.unavailable(gate.reason(refused), RETRY_AFTER_SECONDS,
          "HEAD".equals(http.method())));
      return response;
    }
    if (http.isPlainRequest() || plainOnTls) {
      try {
        if (http.rejection() != null) {
          if (http.rejectionCause() != null) {
            metrics.refused(http.rejectionCause());
          }
          http.answer(http.rejection());
        } else if (plainOnTls) { // also a ws:// upgrade: answered, not upgraded
          http.answer(HttpRoutes.redirectToHttps(request.getFieldValue("Host"), conn.getLocalSocketAddress(),
              http.target(), http.method().equals("HEAD")));
        } else {
          String origin = request.getFieldValue("Origin");
          HttpResponse peerJs = routes != null || peerJsHttp == null ? null
              : peerJsHttp.respond(http.method(), http.target(), origin);
          http.answer(routes != null ? routes.respond(http.method(), http.target(), origin)
              : peerJs != null ? peerJs : HttpRoutes.upgradeRequired(http.method().equals("HEAD")));
        }
      } catch (RuntimeException e) {
        log.warn("Answering {} {} failed", http.method(), http.target(), e);
        http.answer(HttpResponse.text(500, "Internal Server Error", "Internal server error\n", false));
      }
    }
    return response;
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    if (conn instanceof WebSocketImpl impl && impl.getDraft() instanceof CappedDraft http && http.answered()) {
      impl.flushAndClose(CloseFrame.NORMAL, "HTTP response sent", false); // no close frame: not a WebSocket
      return;
    }
    InetAddress peer = conn.getRemoteSocketAddress().getAddress();
    InetAddress client = addresses.resolve(peer, handshake.getFieldValue("X-Forwarded-For"));
    InetAddress countKey = client != null ? client : peer;
    int limit = config.maxConnectionsPerIp();
    // counted per address at accept, except a trusted proxy's sockets: counted here, by the client it names
    boolean countHere = !(conn instanceof DirectWrites.Tracked t && t.ticket != null && t.ticket.perAddressKey != null);
    int count = countHere ? perIp.opened(countKey) : 0;
    long now = System.nanoTime();
    ServerConfig.RateLimit rate = config.rateLimit();
    Session session = new Session(new WsLink(conn, 16L * config.maxFrameBytes(), metrics), client, now, countKey, countHere, new Session.Guard(
        new TokenBucket(rate.burst(), rate.perSecond(), now),
        new StrikeCounter(rate.maxStrikes(), rate.strikeWindow().toNanos())));
    String target = handshake.getResourceDescriptor();
    if (isPeerJsSocket(config, HttpRoutes.path(target))) {
      Map<String, String> query = PeerJsHttp.query(target);
      session.peerJs = new Session.PeerJsOpen(query.get("key"), query.get("id"), query.get("token"));
    }
    conn.setAttachment(session);
    if (countHere && limit > 0 && count > limit) {
      metrics.refused(Refusal.PER_ADDRESS);
      metrics.error(ErrorCode.RATE_LIMITED);
      String message = "Too many connections from your address (limit " + limit + ")";
      conn.send(session.isPeerJs() ? PeerJsFrames.error(message) : ServerMessages.error(ErrorCode.RATE_LIMITED, message));
      conn.close(CloseFrame.POLICY_VALIDATION, "Too many connections from your address");
      return;
    }
    if (session.isPeerJs()) {
      core.execute(() -> {
        hub.opened(session);
        hub.peerJs().opened(session, System.nanoTime());
      });
    } else {
      core.execute(() -> hub.opened(session));
    }
  }

  /** The PeerServer mode's WebSocket path (docs/PEERJS.md), on either port. */
  private static boolean isPeerJsSocket(ServerConfig config, String path) {
    return config.peerJs().enabled() && path.equals(config.peerJs().socketPath());
  }

  @Override
  public void onMessage(WebSocket conn, String text) {
    Session session = conn.getAttachment();
    if (session == null) {
      return;
    }
    long now = System.nanoTime();
    Session.Guard guard = session.guard;
    if (!guard.bucket.tryTake(now)) {
      boolean abusive = guard.strikes.strike(now);
      core.execute(() -> hub.badInput(session, ErrorCode.RATE_LIMITED,
          "Slow down: message dropped by the rate limit", abusive));
      return;
    }
    if (session.isPeerJs()) {
      peerJsMessage(session, text, now);
      return;
    }
    ClientMessage message;
    try {
      message = decoder.decode(text);
    } catch (ProtocolException e) {
      boolean abusive = guard.strikes.strike(now);
      core.execute(() -> hub.badInput(session, e.code(), e.getMessage(), abusive));
      return;
    } catch (RuntimeException e) {
      log.warn("Decoder failed on a message; answered as invalid-json", e);
      boolean abusive = guard.strikes.strike(now);
      core.execute(() -> hub.badInput(session, ErrorCode.INVALID_JSON, "Invalid JSON", abusive));
      return;
    }
    core.execute(() -> hub.received(session, message));
  }

  private void peerJsMessage(Session session, String text, long now) {
    PeerJsMessage message;
    try {
      message = PeerJsMessage.decode(text);
    } catch (ProtocolException e) {
      boolean abusive = session.guard.strikes.strike(now);
      core.execute(() -> hub.badInput(session, e.code(), e.getMessage(), abusive));
      return;
    } catch (RuntimeException e) {
      log.warn("PeerJS decoder failed on a message; answered as invalid-json", e);
      boolean abusive = session.guard.strikes.strike(now);
      core.execute(() -> hub.badInput(session, ErrorCode.INVALID_JSON, "Invalid JSON", abusive));
      return;
    }
    core.execute(() -> hub.peerJs().received(session, message));
  }

  @Override
  public void onMessage(WebSocket conn, ByteBuffer bytes) {
    Session session = conn.getAttachment();
    if (session == null) {
      return;
    }
    boolean abusive = session.guard.strikes.strike(System.nanoTime());
    core.execute(() -> hub.badInput(session, ErrorCode.BINARY_NOT_SUPPORTED,
        "Binary frames are not supported: send JSON text", abusive));
  }

  /** Pings are answered while the connection is open; one arriving after the close began is dropped. */
  @Override
  public void onWebsocketPing(WebSocket conn, Framedata frame) {
    try {
      if (conn.isOpen()) {
        super.onWebsocketPing(conn, frame);
      }
    } catch (WebsocketNotConnectedException e) {
      // closed meanwhile by the core: nothing to answer
    }
  }

  @Override
  public void onWebsocketPong(WebSocket conn, Framedata frame) {
    Session session = conn.getAttachment();
    if (session != null) {
      session.pongSeen = true;
    }
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    Session session = conn.getAttachment();
    if (session == null) {
      return;
    }
    if (session.countedAtOpen) {
      perIp.closed(session.countKey);
    }
    core.execute(() -> hub.closed(session));
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {
    if (conn == null) {
      started.completeExceptionally(ex); // bind failure or the selector died
      log.error("WebSocket server error", ex);
    } else {
      if (ex instanceof InvalidDataException) { // Java-WebSocket closes it 1002/1007; its own log is off
        metrics.dropped(Drop.PROTOCOL_ERROR);
      }
      log.debug("Connection error from {}: {}", conn.getRemoteSocketAddress(), ex.toString());
    }
  }

  private static void tooLarge(WebSocket conn, Metrics metrics, ServerConfig config) {
    String limit = config.maxFrameBytes() / 1024 + " KiB";
    metrics.error(ErrorCode.TOO_LARGE);
    boolean peerJs = conn.getAttachment() instanceof Session s && s.isPeerJs();
    conn.send(peerJs ? PeerJsFrames.error("Message larger than " + limit)
        : ServerMessages.error(ErrorCode.TOO_LARGE, "Message larger than " + limit));
    conn.close(CloseFrame.TOOBIG, "Message larger than " + limit);
  }
}
