package dev.peerphone.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under attack, as its own process the way {@code ./peerphone server} runs it
 * ({@code -XX:+UseSerialGC}, the shipped limits), on free ports on 127.0.0.1. Its stderr goes
 * to {@code fuzz-<time>-server.log} in the output directory and is scanned for stack traces, exceptions and
 * warnings; its resources are read from {@code /proc} and {@code jcmd}.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern STARTED = Pattern.compile("signaling on ws://[^:/]+:(\\d+)/.* on http://[^:/]+:(\\d+)/");
  private final Process process;
  private final AtomicLong stackFrames = new AtomicLong();
  private final AtomicLong exceptionLines = new AtomicLong();
  private final AtomicLong warnLines = new AtomicLong();
  private final AtomicLong clientErrorLines = new AtomicLong();
  /** Java-WebSocket's entries for a client's protocol violation (it then closes 1002/1007/1009). */
  private static final Pattern CLIENT_ERRORS = Pattern.compile("ERROR org\\.java_websocket\\.(WebSocketImpl - "
      + "Closing due to invalid (data|size of frame)|drafts\\.Draft_6455 - Protocol error:)");
  /** True while the log reads the lines of such an entry. Only the log reader thread uses it. */
  private boolean clientErrorEntry;
  private final List<String> firstProblems = new ArrayList<>();
  private final CompletableFuture<int[]> ports = new CompletableFuture<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Target target;

  ServerProcess(String classpath, List<String> extraArgs, Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-cp", classpath, "dev.peerphone.signaling.cli.ServerMain",
        "--host", "127.0.0.1", "--port", "0", "--http-port", "0"));
    command.addAll(extraArgs);
    // the server writes nothing to stdout; its stderr is the log
    process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectErrorStream(false).start();
    Thread reader = new Thread(() -> readLog(process.getErrorStream(), log), "server-log");
    reader.setDaemon(true);
    reader.start();
    int[] p;
    try {
      p = ports.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("the server did not start within 30 s; see " + log, e);
    }
    target = new Target(InetAddress.getByName("127.0.0.1"), p[0], p[1]);
  }

  private void readLog(InputStream stderr, Path log) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8));
         PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
      for (String line; (line = in.readLine()) != null; ) {
        out.println(line);
        Matcher m = STARTED.matcher(line);
        if (m.find()) {
          ports.complete(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
        }
        boolean problem = classify(line);
        if (problem) {
          synchronized (firstProblems) {
            if (firstProblems.size() < 10) {
              firstProblems.add(line);
            }
          }
        }
      }
    } catch (IOException e) {
      ports.completeExceptionally(e);
    }
    ports.completeExceptionally(new IOException("the server's stderr ended before it started"));
  }

  /**
   * Counts a log line; true when it starts a problem worth quoting. Java-WebSocket logs each
   * client's protocol violation at ERROR with a stack trace unless the server turns that off (it
   * does: signaling's simplelogger.properties); such entries (and their trace) are counted as
   * client protocol error lines, which the report treats as a failure: a client must not be able
   * to write to the server's log.
   */
  private boolean classify(String line) {
    if (line.startsWith("[")) { // a new slf4j-simple entry: [thread] LEVEL logger - message
      clientErrorEntry = CLIENT_ERRORS.matcher(line).find();
      if (clientErrorEntry) {
        clientErrorLines.incrementAndGet();
        return false;
      }
      if (line.contains("] WARN ") || line.contains("] ERROR ")) {
        warnLines.incrementAndGet();
        return true;
      }
      return false;
    }
    if (line.startsWith("peerphone server:")) {
      clientErrorEntry = false;
      return false;
    }
    if (clientErrorEntry) {
      clientErrorLines.incrementAndGet();
      return false;
    }
    if (line.startsWith("\tat ") || line.startsWith("\t... ")) {
      stackFrames.incrementAndGet();
      return false;
    }
    exceptionLines.incrementAndGet(); // an exception's own line, "Caused by", or anything unexpected
    return true;
  }

  Target target() {
    return target;
  }

  URI webSocketUri() {
    return URI.create("ws://127.0.0.1:" + target.wsPort() + "/");
  }

  boolean alive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /**
   * Lines of the server's log so far: stack frames, exception lines and WARN/ERROR entries of
   * problems, and the lines of client protocol errors Java-WebSocket logs (see {@link #classify}).
   */
  Map<String, Long> logProblems() {
    return Map.of("stack-frames", stackFrames.get(), "exception-lines", exceptionLines.get(),
        "warn-or-error-lines", warnLines.get(), "client-protocol-error-lines", clientErrorLines.get());
  }

  List<String> firstProblems() {
    synchronized (firstProblems) {
      return List.copyOf(firstProblems);
    }
  }

  /**
   * Heap after a full GC (jcmd GC.run, then the sum of the generations' "used" in GC.heap_info),
   * open descriptors, threads and RSS.
   */
  Map<String, Long> resources() throws IOException, InterruptedException {
    Map<String, Long> r = new LinkedHashMap<>();
    jcmd("GC.run");
    Matcher used = Pattern.compile("(?:generation|garbage-first heap|PSYoungGen|ParOldGen)\\s+total \\d+K, used (\\d+)K")
        .matcher(jcmd("GC.heap_info"));
    long heap = 0;
    while (used.find()) {
      heap += Long.parseLong(used.group(1)) * 1024;
    }
    r.put("heapAfterGcBytes", heap);
    try (var fds = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
      r.put("fileDescriptors", fds.count());
    }
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    r.put("cpuMillis", (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10); // utime + stime, 100 Hz ticks
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
      if (line.startsWith("Threads:")) {
        r.put("threads", Long.parseLong(line.substring(8).trim()));
      } else if (line.startsWith("VmRSS:")) {
        r.put("rssBytes", Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024);
      }
    }
    return r;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(pid()), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  /** The server's {@code /metrics} text, fetched from 127.0.0.1. */
  String metrics() throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.httpPort() + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** One gauge or counter from {@code /metrics}, e.g. {@code peerphone_connections_by_state{state="open"}}. */
  static long metric(String metrics, String name) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + " ")) {
        return (long) Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return -1;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
