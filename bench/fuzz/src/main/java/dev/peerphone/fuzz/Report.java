package dev.peerphone.fuzz;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A campaign's results: the oracles (each must be 0), what was sent and how the server answered,
 * the innocent pair, the server's resources before and after, and the machine; written as
 * {@code fuzz-<time>.json} and {@code fuzz-<time>.md} in the output directory.
 */
public final class Report {
  /** Descriptors the server may hold after the campaign beyond its count before it. */
  static final long FD_TOLERANCE = 5;

  private final Campaign.Options options;
  private final String commandLine;
  private final Tally tally;
  private final double seconds;
  private final Map<String, Long> before;
  private final Map<String, Long> after;
  private final String metrics;
  private final Map<String, Long> logProblems;
  private final List<String> firstLogProblems;
  private final List<Long> chatMicros;
  private final int calls;
  private final Map<String, Object> machine;
  private final double fuzzerCpuSeconds = ((com.sun.management.OperatingSystemMXBean)
      java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  private final String stamp;
  private Path json;
  private Path md;

  Report(Campaign.Options options, String stamp, String commandLine, Tally tally, double seconds,
      Map<String, Long> before,
      Map<String, Long> after, String metrics, Map<String, Long> logProblems, List<String> firstLogProblems,
      InnocentPair innocents, Machine machine) {
    this.options = options;
    this.stamp = stamp;
    this.commandLine = commandLine;
    this.tally = tally;
    this.seconds = seconds;
    this.before = before;
    this.after = after;
    this.metrics = metrics;
    this.logProblems = logProblems;
    this.firstLogProblems = firstLogProblems;
    this.chatMicros = innocents.chatLatencies();
    this.calls = innocents.callsCompleted();
    this.machine = machine.summary();
  }

  public long inputs() {
    return tally.sum("inputs.");
  }

  public long inputsIn(String category) {
    return tally.sum("inputs." + category + ".");
  }

  public int chats() {
    return chatMicros.size();
  }

  public double seconds() {
    return seconds;
  }

  public int callsCompleted() {
    return calls;
  }

  public Map<String, Long> resourcesBefore() {
    return before;
  }

  public Map<String, Long> resourcesAfter() {
    return after;
  }

  /** Every oracle that is not 0, with its count; empty when the server passed. */
  public Map<String, Long> failures() {
    Map<String, Long> f = new LinkedHashMap<>();
    tally.under("oracle.").forEach((k, v) -> f.put(k, v));
    tally.under("innocent.failures.").forEach((k, v) -> f.put("innocent." + k, v));
    tally.under("fuzzer.").forEach((k, v) -> f.put("fuzzer." + k, v)); // the tool itself failed: inputs not sent
    if (logProblems.get("stack-frames") > 0) {
      f.put("server-log.stack-frames", logProblems.get("stack-frames"));
    }
    if (logProblems.get("warn-or-error-lines") > 0) {
      f.put("server-log.warn-or-error-entries", logProblems.get("warn-or-error-lines"));
    }
    if (logProblems.get("client-protocol-error-lines") > 0) { // a client must not be able to write to the log
      f.put("server-log.client-protocol-error-lines", logProblems.get("client-protocol-error-lines"));
    }
    if (logProblems.get("exception-lines") > 0) {
      f.put("server-log.exception-lines", logProblems.get("exception-lines"));
    }
    if (after.isEmpty()) {
      f.put("resources-after.unavailable", 1L);
    } else if (after.get("fileDescriptors") > before.get("fileDescriptors") + FD_TOLERANCE) {
      f.put("descriptors-not-returned", after.get("fileDescriptors") - before.get("fileDescriptors"));
    }
    long open = ServerProcess.metric(metrics, "peerphone_connections_by_state{state=\"open\"}");
    long loggedIn = ServerProcess.metric(metrics, "peerphone_connections_by_state{state=\"logged_in\"}");
    long handshaking = ServerProcess.metric(metrics, "peerphone_connections_by_state{state=\"handshaking\"}");
    // at the end only the innocent pair is connected (plus the /metrics request itself, handshaking)
    if (open != 0 || loggedIn != 2 || handshaking > 1) {
      f.put("connections-left-at-end", Math.max(0, open) + Math.max(0, handshaking - 1) + Math.abs(loggedIn - 2));
    }
    return f;
  }

  private long percentile(double p) {
    return chatMicros.isEmpty() ? -1 : chatMicros.get((int) Math.min(chatMicros.size() - 1, p * chatMicros.size()));
  }

  String files() {
    return json + ", " + md + " and the server's log " + options.out().resolve("fuzz-" + stamp + "-server.log");
  }

  void write() throws IOException {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("command", "bench/fuzz/run.sh " + commandLine);
    all.put("seed", options.seed());
    all.put("inputs", inputs());
    all.put("seconds", Math.round(seconds * 10) / 10.0);
    all.put("failures", failures());
    all.put("failureSamples", tally.samples());
    all.put("serverLog", logProblems);
    all.put("serverLogFirstProblems", firstLogProblems);
    all.put("innocent", Map.of("chats", chatMicros.size(), "chatLatencyMicrosP50", percentile(0.5),
        "chatLatencyMicrosP99", percentile(0.99), "chatLatencyMicrosMax", percentile(1), "callsCompleted", calls));
    all.put("resourcesBefore", before);
    all.put("resourcesAfter", after);
    all.put("metricsAtEnd", metrics.lines().filter(l -> !l.startsWith("#")).collect(Collectors.toList()));
    all.put("machine", machine);
    all.put("fuzzerCpuSeconds", Math.round(fuzzerCpuSeconds * 10) / 10.0);
    all.put("counts", tally.snapshot());
    json = options.out().resolve("fuzz-" + stamp + ".json");
    md = options.out().resolve("fuzz-" + stamp + ".md");
    Files.writeString(json, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(all));
    Files.writeString(md, markdown());
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    Map<String, Long> f = failures();
    b.append("Fuzz campaign ").append(stamp).append(" UTC, seed ").append(options.seed()).append(": `bench/fuzz/run.sh ")
        .append(commandLine).append("`\n\n");
    b.append("Machine: ").append(machine.get("cores")).append(" cores; 1-min load average median ")
        .append(machine.get("loadAverage1mMedian")).append(" (").append(machine.get("loadAverage1mMin")).append("–")
        .append(machine.get("loadAverage1mMax")).append("), CPU busy ").append(machine.get("busyPercent"))
        .append(" %, steal ").append(machine.get("stealPercent")).append(" % during the run\n\n");
    b.append("| | |\n|---|---|\n");
    row(b, "inputs", String.format("%,d in %.1f s (%,.0f/s): protocol messages %,d, WebSocket framing %,d, "
        + "connection behaviour %,d", inputs(), seconds, inputs() / seconds, tally.sum("inputs.protocol."),
        tally.sum("inputs.framing."), tally.sum("inputs.connection.")));
    if (inputs() < options.inputs()) {
      row(b, "**stopped early**", String.format("%,d of the %,d inputs asked for were sent before --max-seconds %d",
          inputs(), options.inputs(), options.maxSeconds()));
    }
    long refusedMessages = tally.sum("refused.");
    long dropped = tally.sum("dropped-after-close.");
    row(b, "connections", String.format("%,d to the WebSocket port, %,d to /ws on the HTTP port; refused "
        + "(503 or close at accept) %,d", tally.get("connections.websocket-port"), tally.get("connections.http-port-ws"),
        tally.sum("connections.refused.")));
    row(b, "protocol messages that reached the parser", String.format("%,d (sent %,d, minus %,d refused by a "
        + "limit: %s, minus %,d sent by abusers after their 1008)", tally.sum("inputs.protocol.") - refusedMessages
        - dropped, tally.sum("inputs.protocol."), refusedMessages, compact(tally.under("refused.")), dropped));
    row(b, "**server crashed**", String.valueOf(tally.get("oracle.server-died")));
    row(b, "**stack frames / exception lines / WARN or ERROR entries in the server log**",
        logProblems.get("stack-frames") + " / " + logProblems.get("exception-lines") + " / "
        + logProblems.get("warn-or-error-lines") + String.format("; lines of Java-WebSocket's client protocol "
        + "error entries (must be 0: a client must not write to the server's log) %,d; protocol errors counted "
        + "in /metrics instead %,d", logProblems.get("client-protocol-error-lines"),
        ServerProcess.metric(metrics, "peerphone_dropped_connections_total{cause=\"protocol-error\"}")));
    row(b, "**replies not a typed protocol message**", String.valueOf(tally.get("oracle.bad-reply")));
    row(b, "**hangs (no answer or close within " + Campaign.BOUND_MS / 1000 + " s)**",
        String.valueOf(tally.sum("oracle.hangs.")));
    row(b, "**abnormal closes (reset or EOF without a close frame)**",
        String.valueOf(tally.sum("oracle.abnormal-closes.")));
    row(b, "**innocent-pair failures**", String.valueOf(tally.sum("innocent.failures.")));
    row(b, "innocent pair", String.format("%,d chats, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d calls "
        + "completed; %,d messages from fuzzers ignored", chatMicros.size(), percentile(0.5) / 1000.0,
        percentile(0.99) / 1000.0, percentile(1) / 1000.0, calls, tally.get("innocent.stray-messages")));
    row(b, "CPU time during the run", String.format("server %.1f s, this fuzzer %.1f s", (after.getOrDefault(
        "cpuMillis", 0L) - before.getOrDefault("cpuMillis", 0L)) / 1000.0, fuzzerCpuSeconds));
    row(b, "server heap after full GC, before → after", mib(before.get("heapAfterGcBytes")) + " → "
        + mib(after.get("heapAfterGcBytes")));
    row(b, "server file descriptors, before → after",
        before.get("fileDescriptors") + " → " + after.get("fileDescriptors"));
    row(b, "server threads / RSS, before → after", before.get("threads") + " / " + mib(before.get("rssBytes")) + " → "
        + after.get("threads") + " / " + mib(after.get("rssBytes")));
    row(b, "/metrics connections by state at the end", "handshaking "
        + ServerProcess.metric(metrics, "peerphone_connections_by_state{state=\"handshaking\"}") + " (the /metrics "
        + "request), open " + ServerProcess.metric(metrics, "peerphone_connections_by_state{state=\"open\"}")
        + ", logged in " + ServerProcess.metric(metrics, "peerphone_connections_by_state{state=\"logged_in\"}"));
    row(b, "replies by type", compact(tally.under("replies.")));
    row(b, "errors by code", compact(tally.under("errors.")));
    row(b, "server close frames by code", compact(tally.under("closes.")));
    row(b, "HTTP answers to upgrades", compact(tally.under("http.")));
    row(b, "protocol inputs by kind", compact(tally.under("inputs.protocol.")));
    row(b, "**result**", f.isEmpty() ? "PASS: every oracle is 0" : "FAIL: " + compact(f));
    cases(b, "framing", "WebSocket framing case");
    cases(b, "connection", "Connection-behaviour case");
    return b.toString();
  }

  /** Per case: how many were sent and how each ended (close code, HTTP status, …). */
  private void cases(StringBuilder b, String category, String title) {
    b.append("\n| ").append(title).append(" | sent | outcomes |\n|---|---|---|\n");
    Map<String, Long> outcomes = tally.under("outcomes." + category + ".");
    tally.under("inputs." + category + ".").forEach((name, n) -> {
      Map<String, Long> mine = new java.util.TreeMap<>();
      outcomes.forEach((k, v) -> {
        if (k.startsWith(name + ".")) {
          mine.put(k.substring(name.length() + 1), v);
        }
      });
      b.append("| ").append(name).append(" | ").append(String.format("%,d", n)).append(" | ")
          .append(compact(mine)).append(" |\n");
    });
  }

  private static void row(StringBuilder b, String what, String value) {
    b.append("| ").append(what).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
  }

  private static String compact(Map<String, Long> m) {
    return m.isEmpty() ? "none" : m.entrySet().stream().map(e -> e.getKey() + " " + String.format("%,d", e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String mib(Long bytes) {
    return bytes == null ? "n/a" : String.format("%.1f MiB", bytes / 1048576.0);
  }
}
