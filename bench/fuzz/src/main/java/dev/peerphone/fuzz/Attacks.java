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

  /** Returns the number of inputs sent. */
  int protocolBatch(SplittableRandom r, long iteration) {
    int kind = r.nextInt(400);
    String name = kind == 0 ? "flood" : kind < 10 ? "abuse" : "batch";
    List<Messages.Input> batch = new ArrayList<>();
    if (name.equals("flood")) { // far past the burst: pongs, then rate-limited, then 1008
      for (int i = 0; i < 400; i++) {
        batch.add(Messages.text("flood", "{\"type\":\"ping\"}"));
      }
    } else if (name.equals("abuse")) { // more bad messages than the strike limit: 1008
      for (int i = 0; i < BATCH + 5 + r.nextInt(20); i++) {
        batch.add(Messages.text("abuse", r.nextBoolean() ? "{" : "[" + i + "]"));
      }
    } else {
      if (r.nextBoolean()) {
        batch.add(Messages.text("valid", "{\"type\":\"login\",\"name\":\"f" + Long.toString(iteration, 36)
            + "\",\"features\":[\"ring\"]}"));
      }
      Messages.Input terminal = null;
      while (batch.size() < BATCH) {
        Messages.Input in = Messages.next(r);
        if (!in.terminal()) {
          batch.add(in);
        } else if (terminal == null) {
          terminal = in;
        }
      }
      if (terminal != null) { // the server closes on it (1007/1009): last, so all the others count
        batch.set(BATCH - 1, terminal);
        name = terminal.kind();
      }
    }
    FuzzSocket s = open(r.nextBoolean(), "protocol");
    if (s == null) {
      return 0;
    }
    try (s) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (Messages.Input in : batch) {
        all.writeBytes(Frames.data(in.opcode(), in.payload()));
        tally.add("inputs.protocol." + in.kind());
      }
      byte[] barrier = ("b" + iteration).getBytes(StandardCharsets.US_ASCII);
      all.writeBytes(FuzzSocket.barrier(barrier));
      if (!send(s, all.toByteArray(), "protocol." + name, iteration)) {
        return batch.size();
      }
      FuzzSocket.Outcome o = s.readUntil(barrier);
      judge("protocol", name, o, iteration);
      if (o.end() == FuzzSocket.End.PONG) {
        finish(s, r, "protocol", iteration);
      }
    }
    return batch.size();
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
