package dev.peerphone.app.peerjs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PeerJS client's connection to a PeerServer (peer 1.x), as PeerJS 1.5.5 makes it: a WebSocket
 * to {@code {base}peerjs?key=KEY&id=ID&token=TOKEN&version=1.5.5}, {@code HEARTBEAT} every 5 s,
 * {@code {type, payload, dst}} out and {@code {type, src, dst, payload}} in. {@code OPEN} means
 * registered; {@code ID-TAKEN}, {@code ERROR} and {@code INVALID-KEY} end the connection, as they
 * end a PeerJS page's peer. No reconnect: like a page, the owner decides.
 *
 * <p>Threading: WebSocket reader thread → {@link PeerJsSignals.Listener}; heartbeats on one
 * private daemon thread; {@link #send} from any thread.
 */
public final class PeerServerSignals implements PeerJsSignals, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerServerSignals.class);
  static final String VERSION = "1.5.5";
  static final long HEARTBEAT_MS = 5000;

  private final String id;
  private final Listener listener;
  private final Socket socket;
  private final ScheduledExecutorService heartbeat;
  private volatile boolean closed;

  /**
   * {@code server}: the PeerServer's base URL as a page would configure it, {@code ws://host:port/path}
   * ({@code wss://} for secure); {@code key} is PeerServer's {@code key} option ("peerjs" by default).
   */
  public PeerServerSignals(URI server, String key, String id, Listener listener) {
    if (id == null || !id.matches("[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*")) {
      throw new IllegalArgumentException("A PeerJS id is letters and digits, optionally joined by single '-', '_' or ' ': "
          + id);
    }
    this.id = id;
    this.listener = listener;
    this.socket = new Socket(endpoint(server, key, id, token()));
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "peerjs-heartbeat-" + id);
      t.setDaemon(true);
      return t;
    });
  }

  static URI endpoint(URI server, String key, String id, String token) {
    String base = server.toString();
    if (!base.endsWith("/")) {
      base += "/";
    }
    return URI.create(base + "peerjs?key=" + enc(key) + "&id=" + enc(id) + "&token=" + enc(token) + "&version=" + VERSION);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String token() {
    byte[] b = new byte[8];
    new SecureRandom().nextBytes(b);
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(Integer.toString(x & 0xff, 36));
    }
    return s.toString();
  }

  /** Connects; {@link Listener#opened} follows the server's {@code OPEN}. */
  public void start() {
    socket.setTcpNoDelay(true);
    socket.connect();
    heartbeat.scheduleAtFixedRate(() -> {
      if (socket.isOpen()) {
        sendRaw("{\"type\":\"HEARTBEAT\"}");
      }
    }, HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
  }

  public String id() {
    return id;
  }

  @Override
  public void send(PeerJsMessage m) {
    JsonObject o = new JsonObject();
    o.addProperty("type", m.type());
    o.add("payload", m.payload());
    o.addProperty("dst", m.peer());
    sendRaw(o.toString());
  }

  private void sendRaw(String json) {
    try {
      if (socket.isOpen()) {
        socket.send(json);
      } else {
        log.debug("peerjs: not connected; dropped {}", json.length() > 80 ? json.substring(0, 80) : json);
      }
    } catch (RuntimeException e) {
      log.debug("peerjs: send failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    heartbeat.shutdownNow();
    try {
      socket.closeBlocking();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.debug("peerjs: close: {}", e.toString());
    }
  }

  private void fail(String code, String message) {
    try {
      listener.failed(code, message, true);
    } catch (Throwable t) {
      log.error("peerjs: listener failed", t);
    }
  }

  private final class Socket extends WebSocketClient {
    private boolean down;

    Socket(URI uri) {
      super(uri);
      setConnectionLostTimeout(30);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
      log.debug("peerjs: connected to {}", getURI());
    }

    @Override
    public void onMessage(String text) {
      try {
        handle(text);
      } catch (Throwable t) {
        log.error("peerjs: listener failed on {}", text.length() > 120 ? text.substring(0, 120) : text, t);
      }
    }

    private void handle(String text) {
      JsonObject o;
      try {
        JsonElement e = JsonParser.parseString(text);
        o = e.isJsonObject() ? e.getAsJsonObject() : null;
      } catch (RuntimeException e) {
        o = null;
      }
      String type = o == null ? null : PeerJsMessage.str(o, "type");
      if (type == null) {
        listener.failed("invalid-message", "PeerServer sent a frame that is not a PeerJS message", false);
        return;
      }
      JsonObject payload = o.has("payload") && o.get("payload").isJsonObject() ? o.getAsJsonObject("payload") : null;
      switch (type) {
        case "OPEN" -> listener.opened(id);
        case "ID-TAKEN" -> {
          fail("unavailable-id", "ID \"" + id + "\" is taken");
          end();
        }
        case "INVALID-KEY" -> {
          fail("invalid-key", "The PeerServer refused our key");
          end();
        }
        case "ERROR" -> {
          fail("server-error", payload == null ? "PeerServer error" : String.valueOf(PeerJsMessage.str(payload, "msg")));
          end();
        }
        case "OFFER", "ANSWER", "CANDIDATE", "LEAVE", "EXPIRE" -> {
          String src = PeerJsMessage.str(o, "src");
          if (src == null) {
            listener.failed("invalid-message", type + " without src", false);
          } else {
            listener.received(new PeerJsMessage(type, src, payload == null ? new JsonObject() : payload));
          }
        }
        default -> log.debug("peerjs: ignoring {}", type);
      }
    }

    /** On the reader thread: closing without waiting for ourselves. */
    private void end() {
      closed = true;
      heartbeat.shutdownNow();
      close();
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      lost("closed " + code + " " + reason);
    }

    @Override
    public void onError(Exception ex) {
      log.debug("peerjs: {}", ex.toString());
      if (!isOpen()) {
        lost(ex.toString());
      }
    }

    private synchronized void lost(String why) {
      if (down) {
        return;
      }
      down = true;
      heartbeat.shutdownNow();
      if (!closed) {
        fail("socket-closed", "Lost the PeerServer connection (" + why + ")");
      }
    }
  }
}
