package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway {@code haproxy -db} (Debian's package; {@code ./peerphone test} installs it) run
 * from this checkout's {@code deploy/haproxy.cfg}, so that file is what the tests exercise: only
 * its {@code bind} line gets a free loopback port and its {@code server} lines the test's nodes;
 * the lines that need root or a syslog ({@code chroot}, {@code user}, {@code group}, {@code log})
 * are dropped, and a stats page on another free port tells the test what the health checks see.
 * Never the system's HAProxy service.
 */
public final class HaproxyProcess implements AutoCloseable {
  private static final Path EXECUTABLE = Path.of("/usr/sbin/haproxy");
  private static final Set<String> DROPPED = Set.of("chroot", "user", "group", "log", "daemon");
  private final Process process;
  private final Path dir;
  private final int port;
  private final int statsPort;
  private final StringBuilder output = new StringBuilder();
  private final HttpClient http = HttpClient.newHttpClient();

  private HaproxyProcess(Process process, Path dir, int port, int statsPort) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.statsPort = statsPort;
  }

  /** Starts HAProxy in front of the HTTP ports {@code nodes} (named node1, node2, ... in order). */
  public static HaproxyProcess start(List<URI> nodes) throws Exception {
    if (!Files.isExecutable(EXECUTABLE)) {
      fail("haproxy is not installed (apt-get install haproxy; ./peerphone test installs it)");
    }
    int port = freePort();
    int statsPort = freePort();
    Path dir = Files.createTempDirectory("peerphone-haproxy");
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, config(Files.readAllLines(deployConfig()), port, statsPort, nodes));
    Process check = new ProcessBuilder(EXECUTABLE.toString(), "-c", "-f", cfg.toString()).redirectErrorStream(true)
        .start();
    String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
      fail("haproxy -c rejects deploy/haproxy.cfg as the test runs it:\n" + checked + "\n" + Files.readString(cfg));
    }
    Process process = new ProcessBuilder(EXECUTABLE.toString(), "-db", "-f", cfg.toString())
        .redirectErrorStream(true).start();
    HaproxyProcess haproxy = new HaproxyProcess(process, dir, port, statsPort);
    haproxy.readOutput();
    return haproxy;
  }

  /** The frontend's signaling WebSocket, as users reach it. */
  public URI webSocketUri() {
    return URI.create("ws://127.0.0.1:" + port + "/ws");
  }

  /**
   * The state HAProxy's health checks give each server ({@code UP}, {@code DOWN}, or a
   * transition such as {@code UP 1/2}) and the last check's result, e.g. {@code node1 -> "UP L7OK"}.
   */
  public Map<String, String> servers() throws IOException, InterruptedException {
    HttpResponse<String> stats = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + statsPort + "/stats;csv")).build(), HttpResponse.BodyHandlers.ofString());
    String[] lines = stats.body().split("\n");
    List<String> header = List.of(lines[0].replaceFirst("^# ", "").split(","));
    int proxy = header.indexOf("pxname");
    int server = header.indexOf("svname");
    int status = header.indexOf("status");
    int checkStatus = header.indexOf("check_status");
    Map<String, String> states = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",", -1);
      if (f.length > checkStatus && f[proxy].equals("nodes") && !f[server].equals("BACKEND")) {
        states.put(f[server], f[status] + " " + f[checkStatus]);
      }
    }
    return states;
  }

  /** Waits until HAProxy's health checks say {@code server} is {@code state} (UP or DOWN). */
  public void awaitServer(String server, String state) throws Exception {
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    Map<String, String> last = Map.of();
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        fail("haproxy exited:\n" + output());
      }
      try {
        last = servers();
        String s = last.getOrDefault(server, "");
        if (state.equals("UP") ? s.equals("UP L7OK") : s.startsWith(state + " ")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100); // polling HAProxy's view: there is no event to wait for
    }
    fail(server + " not " + state + " within " + TestClient.TIMEOUT_MS + " ms: " + last + "\n" + output());
  }

  /** The configuration the test runs: deploy/haproxy.cfg with its ports, servers and a stats page. */
  static String config(List<String> deploy, int port, int statsPort, List<URI> nodes) {
    StringBuilder out = new StringBuilder();
    List<URI> servers = new ArrayList<>(nodes);
    int named = 0;
    for (String line : deploy) {
      String[] words = line.strip().split("\\s+");
      String first = words[0];
      if (DROPPED.contains(first)) {
        continue;
      }
      if (first.equals("bind")) {
        out.append("    bind 127.0.0.1:").append(port).append('\n');
      } else if (first.equals("server") && words.length >= 3) {
        if (servers.isEmpty()) {
          continue;
        }
        URI node = servers.remove(0);
        out.append("    server node").append(++named).append(' ').append(node.getHost()).append(':')
            .append(node.getPort()).append('\n');
      } else {
        out.append(line).append('\n');
      }
    }
    if (!servers.isEmpty()) {
      throw new IllegalStateException("deploy/haproxy.cfg has fewer server lines than the test has nodes");
    }
    return out.append("\nlisten stats\n    bind 127.0.0.1:").append(statsPort)
        .append("\n    stats enable\n    stats uri /stats\n").toString();
  }

  /** {@code deploy/haproxy.cfg} of this checkout (tests run in {@code signaling/}). */
  private static Path deployConfig() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path cfg = d.resolve("deploy/haproxy.cfg");
      if (Files.isRegularFile(cfg)) {
        return cfg;
      }
    }
    throw new IllegalStateException("deploy/haproxy.cfg not found above " + Path.of("").toAbsolutePath());
  }

  private void readOutput() {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "haproxy-output");
    reader.setDaemon(true);
    reader.start();
  }

  private String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      try (var files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary directory left behind
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
