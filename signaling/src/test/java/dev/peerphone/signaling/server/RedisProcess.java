package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway {@code redis-server} (Debian's package; {@code ./peerphone test} installs it) on a
 * free loopback port, with no persistence, for the cluster tests. Never the system's Redis.
 */
public final class RedisProcess implements AutoCloseable {
  private static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");
  final int port;
  private final Process process;

  private RedisProcess(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts one and returns once it accepts connections. */
  public static RedisProcess start() throws Exception {
    if (!Files.isExecutable(EXECUTABLE)) {
      fail("redis-server is not installed (apt-get install redis-server; ./peerphone test installs it)");
    }
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) { // a free port may be taken before redis binds it
      int port = freePort();
      RedisProcess redis = startOn(port);
      if (redis != null) {
        return redis;
      }
      last = new IOException("redis-server did not start on port " + port);
    }
    throw last;
  }

  /** Stops it and starts an empty one on the same port, as a Redis restart without persistence. */
  RedisProcess restart() throws Exception {
    close();
    RedisProcess redis = startOn(port);
    if (redis == null) {
      throw new IOException("redis-server did not start again on port " + port);
    }
    return redis;
  }

  private static RedisProcess startOn(int port) throws Exception {
    Process process = new ProcessBuilder(EXECUTABLE.toString(), "--port", Integer.toString(port), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "notice")
        .redirectErrorStream(true).start();
    if (awaitReady(process)) {
      return new RedisProcess(port, process);
    }
    process.destroyForcibly();
    return null;
  }

  /** Waits for the line Redis logs once it accepts connections; false if it exited first. */
  private static boolean awaitReady(Process process) throws Exception {
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.contains("Ready to accept connections")) {
            ready.complete(true);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      ready.complete(false);
    }, "redis-log");
    reader.setDaemon(true);
    reader.start();
    return ready.get(10, TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** How many times Redis ran {@code command} (from INFO commandstats), 0 if never. */
  long calls(String command) throws IOException {
    Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(command("INFO", "commandstats"));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** Sends one command and returns its reply as text (simple, integer or bulk string replies). */
  public String command(String... args) throws IOException {
    return commandOn(port, args);
  }

  /** As {@link #command}, to the Redis (or Sentinel) on loopback {@code port}; an array's length. */
  static String commandOn(int port, String... args) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5000);
      StringBuilder out = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        out.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
      }
      OutputStream o = socket.getOutputStream();
      o.write(out.toString().getBytes(StandardCharsets.UTF_8));
      o.flush();
      InputStream in = socket.getInputStream();
      String head = readLine(in);
      if (head.startsWith("$")) {
        int length = Integer.parseInt(head.substring(1));
        return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
      }
      return head.substring(1);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new IOException("Redis closed the connection");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** Freezes it (SIGSTOP): it keeps its sockets open but answers nothing, like a hung server. */
  public void freeze() throws Exception {
    signal("STOP");
  }

  /** Lets a frozen Redis go on (SIGCONT). */
  public void thaw() throws Exception {
    signal("CONT");
  }

  private void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Stops it (SIGTERM, then SIGKILL after 5 s). */
  @Override
  public void close() {
    try {
      thaw(); // a frozen process does not act on SIGTERM until it runs again
    } catch (Exception e) {
      // already gone
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
