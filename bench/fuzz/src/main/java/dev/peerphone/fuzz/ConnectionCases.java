package dev.peerphone.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.SplittableRandom;

/**
 * Connection behaviour, one case per connection: abrupt disconnects (SO_LINGER 0, a reset)
 * mid-handshake and mid-frame, half-closed sockets (shutdownOutput mid-frame, after a message,
 * during the handshake), handshakes with bad headers and raw HTTP garbage (fast cases), and
 * slow writers and silent sockets that only the handshake deadline ends (slow cases, run by
 * their own threads). A connection the server neither answers nor closes within the bound
 * (the handshake deadline plus 5 s) is a hang.
 */
final class ConnectionCases {
  private static final String[] FAST = {"rst-after-connect", "rst-mid-handshake", "rst-mid-frame",
      "rst-after-burst", "half-close-mid-frame", "half-close-after-message", "bad-headers", "http-garbage"};
  private static final String[] SLOW = {"slow-writer-handshake", "slow-writer-frame", "silent",
      "incomplete-head", "half-close-during-handshake"};
  private static final String[] BAD_HEADERS = {
      "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: a\r\n"
          + "Sec-WebSocket-Version: 8\r\n\r\n",
      "GET / HTTP/1.0\r\n" + FuzzSocket.REQUEST_TAIL,
      "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n" + FuzzSocket.REQUEST_TAIL + "hello",
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n" + FuzzSocket.REQUEST_TAIL,
      "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" + FuzzSocket.REQUEST_TAIL + "5\r\nhello\r\n0\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n" + FuzzSocket.REQUEST_TAIL,
      "GET / HTTP/1.1\r\nHost: \u0000\u00ff\r\n" + FuzzSocket.REQUEST_TAIL,
      "GET /" + "%".repeat(3000) + " HTTP/1.1\r\nHost: x\r\n" + FuzzSocket.REQUEST_TAIL,
      "GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 1.2.3.4, ::1, garbage\r\n" + FuzzSocket.REQUEST_TAIL,
      "GET / HTTP/1.1\r\n" + "X-A: b\r\n".repeat(2000) + FuzzSocket.REQUEST_TAIL,
      "\r\n\r\n", "GET\r\n\r\n", "HEAD /ws HTTP/1.1\r\n\r\n", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"};

  private final Target target;
  private final Attacks attacks;
  private final Tally tally;
  private final int boundMs;
  private final double slowScale;

  /** {@code slowScale} shortens slow writers' delays (1.0 for the campaign, less for CI). */
  ConnectionCases(Target target, Attacks attacks, Tally tally, int boundMs, double slowScale) {
    this.target = target;
    this.attacks = attacks;
    this.tally = tally;
    this.boundMs = boundMs;
    this.slowScale = slowScale;
  }

  /** One fast case; returns 1 (the input), or 0 when the connection could not be opened. */
  int fast(SplittableRandom r, long iteration) {
    String name = FAST[r.nextInt(FAST.length)];
    boolean http = name.equals("http-garbage") || r.nextBoolean();
    tally.add("inputs.connection." + name);
    try (FuzzSocket s = new FuzzSocket(target, http, target.nextSource(), boundMs, attacks.replies())) {
      byte[] request = s.upgradeRequest();
      switch (name) {
        case "rst-after-connect" -> reset(s, name);
        case "rst-mid-handshake" -> {
          s.write(Arrays.copyOf(request, 1 + r.nextInt(request.length - 1)));
          reset(s, name);
        }
        case "rst-mid-frame", "half-close-mid-frame" -> {
          if (!s.handshake()) {
            return 1;
          }
          byte[] frame = Frames.text(Messages.template(r));
          s.write(Arrays.copyOf(frame, 1 + r.nextInt(frame.length - 1)));
          if (name.startsWith("rst")) {
            reset(s, name);
          } else {
            s.socket().shutdownOutput();
            attacks.judge("connection", name, tolerateEof(s.readUntil(null)), iteration);
          }
        }
        case "rst-after-burst" -> {
          if (!s.handshake()) {
            return 1;
          }
          s.write(Frames.concat(Collections.nCopies(20, Frames.text("{\"type\":\"ping\"}")).toArray(new byte[0][])));
          reset(s, name);
        }
        case "half-close-after-message" -> {
          if (!s.handshake()) {
            return 1;
          }
          s.write(Frames.text(Messages.template(r)));
          s.socket().shutdownOutput();
          attacks.judge("connection", name, tolerateEof(s.readUntil(null)), iteration);
        }
        case "bad-headers" -> httpExchange(s, name, BAD_HEADERS[r.nextInt(BAD_HEADERS.length)]
            .getBytes(StandardCharsets.ISO_8859_1), iteration);
        default -> httpExchange(s, name, garbage(r), iteration);
      }
    } catch (IOException e) {
      tally.add("outcomes.connection." + name + ".io-error");
    }
    return 1;
  }

  /** The client vanishes (a reset); the server's health is judged by the other oracles and the resources. */
  private void reset(FuzzSocket s, String name) {
    s.reset();
    tally.add("outcomes.connection." + name + ".reset-by-client");
  }

  /** A request the server must answer (an HTTP error) or close; never leave hanging. */
  private void httpExchange(FuzzSocket s, String name, byte[] request, long iteration) throws IOException {
    long start = System.nanoTime();
    try {
      s.write(request);
    } catch (IOException e) {
      tally.add("outcomes.connection." + name + ".refused-while-writing");
      return;
    }
    String head = s.readHead();
    String status = head.startsWith("HTTP/1.") && head.length() >= 12 ? head.substring(9, 12) : "none";
    if (status.equals("101")) { // odd but acceptable headers: a WebSocket now, ended as a client does
      tally.add("outcomes.connection." + name + ".http-101");
      attacks.judge("connection", name + "-accepted", s.closeNormally(), iteration);
      return;
    }
    s.drain();
    long ms = (System.nanoTime() - start) / 1_000_000;
    tally.add("outcomes.connection." + name + ".http-" + status);
    if (ms >= boundMs) {
      tally.fail("oracle.hangs.connection." + name, "iteration " + iteration + ": no answer or close in " + ms
          + " ms to " + new String(request, 0, Math.min(80, request.length), StandardCharsets.ISO_8859_1));
    }
  }

  /** HTTP-looking garbage for the HTTP port, always ending its head so no deadline is involved. */
  private static byte[] garbage(SplittableRandom r) {
    String[] lines = {"GET", "GET /\u0001 HTTP/1.1", "G\u00e9T / HTTP/1.1", "GET / HTTP/9.9", "GET http://evil/ HTTP/1.1",
        "OPTIONS * HTTP/1.1", "DELETE /metrics HTTP/1.1", "GET /../../etc/passwd HTTP/1.1", "GET /healthz HTTP/1.1"};
    byte[] start = r.nextInt(3) == 0 ? Messages.randomBytes(r, 1 + r.nextInt(512))
        : (lines[r.nextInt(lines.length)] + "\r\nHost: x\r\n").getBytes(StandardCharsets.ISO_8859_1);
    return Frames.concat(start, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** A half-closed client cannot expect a close frame: a clean end of stream is fine too. */
  private static FuzzSocket.Outcome tolerateEof(FuzzSocket.Outcome o) {
    return o.end() == FuzzSocket.End.EOF ? new FuzzSocket.Outcome(FuzzSocket.End.CLOSE_CLEAN, -1, o.replies()) : o;
  }

  /** One slow case (seconds long); returns 1. */
  int slow(SplittableRandom r, long iteration) {
    String name = SLOW[r.nextInt(SLOW.length)];
    tally.add("inputs.connection." + name);
    boolean http = r.nextBoolean();
    long start = System.nanoTime();
    try (FuzzSocket s = new FuzzSocket(target, http, target.nextSource(), boundMs, attacks.replies())) {
      byte[] request = s.upgradeRequest();
      switch (name) {
        case "slow-writer-handshake" -> {
          int delay = (int) (new int[] {10, 30, 60, 100}[r.nextInt(4)] * slowScale);
          try {
            for (byte b : request) {
              s.write(new byte[] {b});
              Thread.sleep(delay);
            }
          } catch (IOException e) {
            closedAtDeadline(name, start, iteration);
            return 1;
          }
          String head = s.readHead();
          if (head.startsWith("HTTP/1.1 101")) {
            byte[] barrier = {1, 2, 3};
            s.write(FuzzSocket.barrier(barrier));
            attacks.judge("connection", name, s.readUntil(barrier), iteration);
            attacks.judge("connection", "client-close", s.closeNormally(), iteration);
          } else {
            closedAtDeadline(name, start, iteration);
          }
        }
        case "slow-writer-frame" -> {
          if (!s.handshake()) {
            return 1;
          }
          byte[] barrier = {4, 5, 6};
          byte[] bytes = Frames.concat(Frames.text(Messages.template(r)), FuzzSocket.barrier(barrier));
          int delay = (int) (new int[] {5, 20, 50}[r.nextInt(3)] * slowScale);
          for (byte b : bytes) {
            s.write(new byte[] {b});
            Thread.sleep(delay);
          }
          attacks.judge("connection", name, s.readUntil(barrier), iteration);
          attacks.judge("connection", "client-close", s.closeNormally(), iteration);
        }
        case "silent" -> {
          s.drain();
          closedAtDeadline(name, start, iteration);
        }
        case "incomplete-head" -> {
          s.write(Arrays.copyOf(request, request.length - 2 - r.nextInt(20)));
          s.drain();
          closedAtDeadline(name, start, iteration);
        }
        default -> { // half-close during the handshake
          s.write(Arrays.copyOf(request, 1 + r.nextInt(request.length - 1)));
          s.socket().shutdownOutput();
          s.drain();
          closedAtDeadline(name, start, iteration);
        }
      }
    } catch (IOException e) {
      tally.add("outcomes.connection." + name + ".io-error");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 1;
  }

  /** The server ended a connection that never finished its handshake: in time, or a hang. */
  private void closedAtDeadline(String name, long start, long iteration) {
    long ms = (System.nanoTime() - start) / 1_000_000;
    tally.add("outcomes.connection." + name + ".closed-by-server");
    if (ms >= boundMs) {
      tally.fail("oracle.hangs.connection." + name, "iteration " + iteration + ": still open after " + ms + " ms");
    }
  }
}
