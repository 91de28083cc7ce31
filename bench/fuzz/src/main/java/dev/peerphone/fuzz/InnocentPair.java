package dev.peerphone.fuzz;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * alice and bob, from 127.0.0.1, through the whole campaign: each sends the other a chat every
 * 100 ms, and every 3 s they run a full call (call → accept → offer → answer → candidates both
 * ways → leave) and a {@code users} request. A failure ({@code innocent.failures.*} in the
 * tally) is an expected message not arriving within 2 s, a wrong message from the partner, an
 * error reply, or a close. Messages from other names (fuzzers ringing or chatting) are counted, not failures.
 */
final class InnocentPair implements AutoCloseable {
  private static final long DEADLINE_MS = 2000;

  private final Tally tally;
  private final Peer alice;
  private final Peer bob;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "innocent-pair");
    t.setDaemon(true);
    return t;
  });
  private final List<Long> chatLatencyMicros = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean closing;

  InnocentPair(URI uri, Tally tally) throws InterruptedException {
    this.tally = tally;
    alice = new Peer(uri, "alice", "bob");
    bob = new Peer(uri, "bob", "alice");
    alice.start();
    bob.start();
    timer.scheduleAtFixedRate(() -> {
      alice.chat();
      bob.chat();
      alice.expireChats();
      bob.expireChats();
    }, 100, 100, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::callAndList, 1, 3, TimeUnit.SECONDS);
  }

  int callsCompleted() {
    return calls.get();
  }

  /** Chat latencies in microseconds, sorted. */
  List<Long> chatLatencies() {
    List<Long> copy;
    synchronized (chatLatencyMicros) {
      copy = new ArrayList<>(chatLatencyMicros);
    }
    Collections.sort(copy);
    return copy;
  }

  private void callAndList() {
    try {
      alice.send("{\"type\":\"call\",\"name\":\"bob\"}");
      bob.expect("call");
      bob.send("{\"type\":\"accept\",\"name\":\"alice\"}");
      alice.expect("accept");
      alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}}");
      bob.expect("offer");
      bob.send("{\"type\":\"answer\",\"name\":\"alice\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}}");
      alice.expect("answer");
      alice.send("{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 "
          + "127.0.0.1 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
      bob.send("{\"type\":\"candidate\",\"name\":\"alice\",\"candidate\":null}");
      bob.expect("candidate");
      alice.expect("candidate");
      alice.send("{\"type\":\"leave\",\"name\":\"bob\"}");
      bob.expect("leave");
      alice.users.clear();
      alice.send("{\"type\":\"users\"}");
      alice.expectUsers();
      calls.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IllegalStateException e) {
      // already counted as a failure; the next call starts from a clean queue
      alice.flow.clear();
      bob.flow.clear();
    }
  }

  @Override
  public void close() {
    closing = true;
    timer.shutdownNow();
    alice.close();
    bob.close();
  }

  /** One innocent user: a real WebSocket client (Java-WebSocket), logged in with ring. */
  private final class Peer extends WebSocketClient {
    private final String name;
    private final String partner;
    private final BlockingQueue<JsonObject> flow = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonObject> users = new LinkedBlockingQueue<>();
    private final Map<String, Long> chatsInFlight = new ConcurrentHashMap<>();
    private final CountDownLatch loggedIn = new CountDownLatch(1);
    private int chatSeq;

    Peer(URI uri, String name, String partner) {
      super(uri);
      this.name = name;
      this.partner = partner;
      setConnectionLostTimeout(0);
    }

    void start() throws InterruptedException {
      if (!connectBlocking(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " could not connect to " + getURI());
      }
      send("{\"type\":\"login\",\"name\":\"" + name + "\",\"features\":[\"ring\"]}");
      if (!loggedIn.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " was not logged in");
      }
    }

    void chat() {
      if (!isOpen()) {
        return;
      }
      String text = name + " " + ++chatSeq;
      (name.equals("alice") ? bob : alice).chatsInFlight.put(text, System.nanoTime());
      send("{\"type\":\"chat\",\"name\":\"" + partner + "\",\"text\":\"" + text + "\"}");
    }

    void expireChats() {
      long now = System.nanoTime();
      chatsInFlight.entrySet().removeIf(e -> {
        boolean late = now - e.getValue() > DEADLINE_MS * 1_000_000;
        if (late) {
          tally.fail("innocent.failures.chat-late-or-lost", name + " did not get '" + e.getKey() + "' within 2 s");
        }
        return late;
      });
    }

    void expect(String type) throws InterruptedException {
      JsonObject m = flow.poll(DEADLINE_MS, TimeUnit.MILLISECONDS);
      if (m == null) {
        tally.fail("innocent.failures.call-step-missing", name + " waited 2 s for " + type);
        throw new IllegalStateException();
      }
      if (!m.get("type").getAsString().equals(type)) {
        tally.fail("innocent.failures.wrong-message", name + " expected " + type + ", got " + m);
        throw new IllegalStateException();
      }
    }

    void expectUsers() throws InterruptedException {
      if (users.poll(DEADLINE_MS, TimeUnit.MILLISECONDS) == null) {
        tally.fail("innocent.failures.users-missing", name + " got no users list within 2 s");
        throw new IllegalStateException();
      }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String text) {
      JsonObject m = JsonParser.parseString(text).getAsJsonObject();
      String type = m.get("type").getAsString();
      String from = m.has("name") && m.get("name").isJsonPrimitive() ? m.get("name").getAsString() : null;
      switch (type) {
        case "login" -> {
          if (!m.get("success").getAsBoolean()) {
            tally.fail("innocent.failures.login", name + ": " + text);
          }
          loggedIn.countDown();
        }
        case "users" -> users.offer(m);
        case "error" -> tally.fail("innocent.failures.error-reply", name + ": " + text);
        case "chat" -> {
          if (!partner.equals(from)) {
            tally.add("innocent.stray-messages");
            return;
          }
          Long sent = chatsInFlight.remove(m.get("text").getAsString());
          if (sent == null) {
            tally.fail("innocent.failures.wrong-message", name + " got an unexpected or late chat " + text);
          } else {
            chatLatencyMicros.add((System.nanoTime() - sent) / 1000);
          }
        }
        default -> {
          if (partner.equals(from)) {
            flow.offer(m);
          } else {
            tally.add("innocent.stray-messages");
          }
        }
      }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      if (!closing) {
        tally.fail("innocent.failures.closed", name + " closed " + code + " " + reason);
      }
    }

    @Override
    public void onError(Exception ex) {
      if (!closing) {
        tally.fail("innocent.failures.error", name + ": " + ex);
      }
    }
  }
}
