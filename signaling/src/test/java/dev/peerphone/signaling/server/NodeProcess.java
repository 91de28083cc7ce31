package dev.peerphone.signaling.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster node in its own process ({@code ServerMain --redis ...} on a free port, as
 * {@code ./peerphone server} runs it), so a test can kill it with SIGKILL. The port is read from
 * the line the server prints once it listens.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("signaling on (ws://[^,\\s]+)");
  private static final Pattern HTTP = Pattern.compile(" on (http://[^,\\s]+)");
  private final Process process;
  public final URI uri;
  /** The HTTP port's root ({@code /ws}, {@code /healthz}, {@code /metrics}), null without one. */
  public final URI http;

  private NodeProcess(Process process, URI uri, URI http) {
    this.process = process;
    this.uri = uri;
    this.http = http;
  }

  static NodeProcess start(String redisUri) throws Exception {
    return start(redisUri, false);
  }

  /**
   * A node with an HTTP port too ({@code withHttp}: a free one, for a load balancer in front) that
   * believes {@code X-Forwarded-For} from 127.0.0.1.
   */
  public static NodeProcess start(String redisUri, boolean withHttp) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.peerphone.signaling.cli.ServerMain",
        "--host", "127.0.0.1", "--port", "0", "--http-port", withHttp ? "0" : "-1", "--redis", redisUri,
        "--max-logins-per-minute-per-ip", "0", "--max-names-per-ip", "0"));
    if (withHttp) {
      command.addAll(List.of("--trusted-proxy", "127.0.0.1/32"));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<URI> listening = new CompletableFuture<>();
    CompletableFuture<URI> http = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          System.out.println("[node " + process.pid() + "] " + line);
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            Matcher h = HTTP.matcher(line);
            http.complete(h.find() ? URI.create(h.group(1)) : null);
            listening.complete(URI.create(m.group(1)));
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      listening.completeExceptionally(new IllegalStateException("the node exited: " + output));
    }, "node-output");
    reader.setDaemon(true);
    reader.start();
    try {
      URI ws = listening.get(60, TimeUnit.SECONDS);
      return new NodeProcess(process, ws, http.getNow(null));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** kill -9: the node stops at once, says nothing to Redis, and its sockets are reset. */
  public void kill() throws InterruptedException {
    process.destroyForcibly(); // SIGKILL on Linux
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
