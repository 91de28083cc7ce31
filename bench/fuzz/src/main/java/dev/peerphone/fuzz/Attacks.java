package dev.peerphone.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs one fuzz case on its own connection and judges how the server took it. Protocol batches
 * pipeline up to 20 messages (the strike limit: 20 bad messages are tolerated, the 21st closes)
 * and a barrier on one connection; abuse and flood batches go past the limits on purpose and
 * must end in a graceful 1008. Framing cases send one crafted frame sequence each. Used by many
 * worker threads at once; all state is in the {@link Tally}.
 */
final class Attacks {
  static final int BATCH = 20;

  private final Target target;
  private final Tally tally;
  private final Replies replies;
  private final int timeoutMs;

  Attacks(Target target, Tally tally, int timeoutMs) {
    this.target = target;
    this.tally = tally;
    this.replies = new Replies(tally);
    this.timeoutMs = timeoutMs;
  }

  Replies replies() {
    return replies;
  }

  /** A connection with a finished handshake, or null when the server refused it (counted). */
  FuzzSocket open(boolean httpPort, String category) {
    FuzzSocket s = null;
    try {
      s = new FuzzSocket(target, httpPort, target.nextSource(), timeoutMs, replies);
      tally.add(httpPort ? "connections.http-port-ws" : "connections.websocket-port");
      if (s.handshake()) {
        return s;
      }
      tally.add("connections.refused." + category);
    } catch (IOException e) {
      tally.fail("fuzzer.connect-errors", category + ": " + e);
    }
    if (s != null) {
      s.close();
    }
    return null;
  }

  /**
   * A protocol connection: after an optional login, rounds of messages each followed by a text
   * barrier ({@link FuzzSocket#textBarrier}); each round sends what is left of the strike budget
   * (20 bad messages per 10 s) given the strikes the server counted so far, so about 35 inputs share one connection. A message
   * that makes the server close (invalid UTF-8, over the frame cap) only goes last, in the final
   * round. One connection in 40 is an abuser (more bad messages than the limit), one in 400 a
   * flood (past the rate limit); both must end in a graceful 1008. Returns the inputs sent.
   */
  int protocolBatch(SplittableRandom r, long iteration) {
    int kind = r.nextInt(400);
    String name = kind == 0 ? "flood" : kind < 10 ? "abuse" : "batch";
    FuzzSocket s = open(r.nextBoolean(), "protocol");
    if (s == null) {
      return 0;
    }
    int sent = 0;
    try (s) {
      int budget = BATCH;
      int rounds = name.equals("batch") ? 1 + r.nextInt(4) : 1;
      for (int round = 0; round < rounds && budget >= 6; round++) { // the barrier is a strike too
        List<Messages.Input> batch = name.equals("batch")
            ? round(r, iteration, round == 0, budget - 1, round == rounds - 1) : burst(r, name);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Messages.Input in : batch) {
          all.writeBytes(Frames.data(in.opcode(), in.payload()));
          tally.add("inputs.protocol." + in.kind());
        }
        sent += batch.size();
        boolean terminal = batch.get(batch.size() - 1).terminal();
        String label = terminal ? batch.get(batch.size() - 1).kind() : name;
        String marker = "barrier-" + iteration + "-" + round;
        all.writeBytes(FuzzSocket.textBarrier(marker));
        if (!send(s, all.toByteArray(), "protocol." + label, iteration)) {
          return sent;
        }
        FuzzSocket.Outcome o = s.readUntil(null, marker);
        judge("protocol", label, o, iteration);
        if (!name.equals("batch") && o.closeCode() == 1008) { // each parsed message got one reply; the rest was dropped
          tally.add("dropped-after-close." + name, Math.max(0, batch.size() - o.replies()));
        }
        if (o.end() != FuzzSocket.End.PONG) {
          return sent;
        }
        budget -= o.strikes();
      }
      finish(s, r, "protocol", iteration);
    }
    return sent;
  }

  /** Past the limits on purpose: 400 pings (the burst is 200), or 25-44 bad messages (20 allowed). */
  private static List<Messages.Input> burst(SplittableRandom r, String name) {
    List<Messages.Input> batch = new ArrayList<>();
    int n = name.equals("flood") ? 400 : BATCH + 5 + r.nextInt(20);
    for (int i = 0; i < n; i++) {
      batch.add(name.equals("flood") ? Messages.text("flood", "{\"type\":\"ping\"}")
          : Messages.text("abuse", r.nextBoolean() ? "{" : "[" + i + "]"));
    }
    return batch;
  }

  /** {@code size} generated messages; a terminal one only at the end of the final round. */
  private static List<Messages.Input> round(SplittableRandom r, long iteration, boolean first, int size,
      boolean last) {
    List<Messages.Input> batch = new ArrayList<>();
    if (first && r.nextBoolean()) { // half the connections log in, so relays reach the hub's logic
      batch.add(Messages.text("valid", "{\"type\":\"login\",\"name\":\"f" + Long.toString(iteration, 36)
          + "\",\"features\":[\"ring\"]}"));
    }
    Messages.Input terminal = null;
    while (batch.size() < size) {
      Messages.Input in = Messages.next(r);
      if (!in.terminal()) {
        batch.add(in);
      } else if (terminal == null && last) {
        terminal = in;
      }
    }
    if (terminal != null) { // the server closes on it (1007/1009): last, so all the others count
      batch.set(size - 1, terminal);
    }
    return batch;
  }

  /** One crafted framing case on its own connection; returns 1 when it was sent. */
  int framing(SplittableRandom r, long iteration) {
    FramingCases.Crafted c = FramingCases.next(r);
    FuzzSocket s = open(r.nextBoolean(), "framing");
    if (s == null) {
      return 0;
    }
    try (s) {
      tally.add("inputs.framing." + c.name());
      byte[] barrier = ("b" + iteration).getBytes(StandardCharsets.US_ASCII);
      byte[] bytes = c.barrier() ? Frames.concat(c.bytes(), FuzzSocket.barrier(barrier)) : c.bytes();
      if (!send(s, bytes, "framing." + c.name(), iteration)) {
        return 1;
      }
      FuzzSocket.Outcome o = s.readUntil(c.barrier() ? barrier : null);
      judge("framing", c.name(), o, iteration);
      if (o.end() == FuzzSocket.End.PONG) {
        finish(s, r, "framing", iteration);
      }
    }
    return 1;
  }

  private boolean send(FuzzSocket s, byte[] bytes, String what, long iteration) {
    try {
      s.write(bytes);
      return true;
    } catch (IOException e) {
      tally.fail("oracle.abnormal-closes." + what + ".write-failed", "iteration " + iteration + ": " + e);
      return false;
    }
  }

  /** The server kept the connection: end it as clients do (mostly a close handshake). */
  private void finish(FuzzSocket s, SplittableRandom r, String category, long iteration) {
    int k = r.nextInt(20);
    if (k == 0) {
      tally.add("client-ends.reset");
      s.reset();
    } else if (k == 1) {
      tally.add("client-ends.fin-without-close-frame");
      s.close();
    } else {
      tally.add("client-ends.close-frame");
      judge(category, "client-close", s.closeNormally(), iteration);
    }
  }

  /**
   * Counts the outcome; a timeout is a hang, and a connection the server ended without its close
   * frame and a clean end of stream is an abnormal close.
   */
  void judge(String category, String name, FuzzSocket.Outcome o, long iteration) {
    tally.add("outcomes." + category + "." + name + "." + o.end().name().toLowerCase()
        + (o.closeCode() >= 0 ? "." + o.closeCode() : ""));
    String detail = category + "." + name + " iteration " + iteration + ": " + o;
    switch (o.end()) {
      case TIMEOUT -> tally.fail("oracle.hangs." + category + "." + name, detail);
      case EOF, RESET, CLOSE_THEN_RESET, CLOSE_NO_EOF ->
          tally.fail("oracle.abnormal-closes." + category + "." + name, detail);
      default -> { }
    }
  }
}
