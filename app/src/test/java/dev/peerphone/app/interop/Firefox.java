package dev.peerphone.app.interop;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi from a small Node.js script
 * ({@code app/src/test/firefox/driver.mjs}; Playwright cannot drive a stock Firefox). One Firefox
 * per instance, one browser context per page, fake camera and microphone granted without a
 * prompt. puppeteer-core is installed with {@code npm ci} from the committed package-lock.json
 * into {@code target/firefox-driver/} on first use (needs the npm registry once per clean build).
 *
 * <p>Threading: requests go out from the test thread, one at a time; a reader thread only
 * queues the driver's replies and records its page events.
 */
final class Firefox implements AutoCloseable {
  static final Path EXECUTABLE = Path.of("/usr/bin/firefox-esr");
  private static final Path SOURCES = Path.of("src/test/firefox");
  private static final Path INSTALL = Path.of("target/firefox-driver");
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration NPM = Duration.ofMinutes(5);
  private static final Gson GSON = new Gson();

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<JsonObject> replies = new LinkedBlockingQueue<>();
  private final List<JsonObject> events = new ArrayList<>();
  private final CountDownLatch started = new CountDownLatch(1); // ready, or the driver exited
  private volatile String version;
  private int nextId = 1;

  Firefox() {
    this(Map.of());
  }

  /** With extra Firefox preferences (e.g. {@code network.dns.localDomains}). */
  Firefox(Map<String, Object> prefs) {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(EXECUTABLE + " is missing: install Debian's firefox-esr (./peerphone test does)");
    }
    Path dir = install();
    try {
      ProcessBuilder pb = new ProcessBuilder("node", "driver.mjs")
          .directory(dir.toFile())
          .redirectError(dir.resolve("driver.log").toFile());
      pb.environment().put("FIREFOX", EXECUTABLE.toString());
      pb.environment().put("FIREFOX_PREFS", GSON.toJson(prefs));
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node (Node.js 18 or newer is needed): " + e.getMessage(), e);
    }
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::read, "firefox-driver");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!started.await(STARTUP.toSeconds(), TimeUnit.SECONDS) || version == null) {
        process.destroyForcibly();
        throw new IllegalStateException("Firefox did not start within " + STARTUP + "; " + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Copies the driver and its lock file to target/ and runs {@code npm ci} there unless that
   * lock file is already installed. A file lock keeps two test JVMs from installing at once.
   */
  private static Path install() {
    try {
      Files.createDirectories(INSTALL);
      try (FileChannel ch = FileChannel.open(INSTALL.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        Path lockFile = INSTALL.resolve("package-lock.json");
        boolean current = Files.isRegularFile(INSTALL.resolve("node_modules/puppeteer-core/package.json"))
            && Files.isRegularFile(lockFile)
            && Files.mismatch(lockFile, SOURCES.resolve("package-lock.json")) == -1;
        for (String f : List.of("package.json", "package-lock.json", "driver.mjs")) {
          Files.copy(SOURCES.resolve(f), INSTALL.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!current) {
          npmCi();
        }
      }
      return INSTALL;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void npmCi() throws IOException {
    Path log = INSTALL.resolve("npm.log");
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
        .directory(INSTALL.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      if (!npm.waitFor(NPM.toSeconds(), TimeUnit.SECONDS)) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm ci did not finish within " + NPM + "; see " + log.toAbsolutePath());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (npm.exitValue() != 0) {
      throw new IllegalStateException("npm ci failed (exit " + npm.exitValue() + ") installing puppeteer-core: "
          + Files.readString(log));
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonObject o;
        try {
          o = JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException e) {
          continue; // not one of the driver's lines
        }
        if (o.has("id")) {
          replies.add(o);
        } else {
          synchronized (events) {
            events.add(o);
          }
          if ("ready".equals(o.get("event").getAsString())) {
            version = o.get("version").getAsString();
            started.countDown();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // the driver is gone; a pending request times out with its log
    } finally {
      started.countDown();
    }
  }

  /** The browser's name and version as the driver reports it, e.g. {@code firefox/153.8.0}. */
  String version() {
    return version;
  }

  /** Sends one request and returns its value; a driver-side error or a timeout fails the test. */
  JsonElement request(String op, JsonObject args, Duration timeout) {
    JsonObject req = args.deepCopy();
    int id = nextId++;
    req.addProperty("id", id);
    req.addProperty("op", op);
    try {
      stdin.write(GSON.toJson(req) + "\n");
      stdin.flush();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        JsonObject reply = left <= 0 ? null : replies.poll(left, TimeUnit.NANOSECONDS);
        if (reply == null) {
          throw new AssertionError("Firefox: no reply to " + op + " within " + timeout + "; " + log());
        }
        if (reply.get("id").isJsonPrimitive() && reply.get("id").getAsInt() == id) {
          if (!reply.get("ok").getAsBoolean()) {
            throw new AssertionError("Firefox " + op + " " + args + ": " + reply.get("error").getAsString());
          }
          return reply.get("value");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Firefox driver gone; " + log(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A new page (own browser context: own camera, storage) at {@code url}. */
  FirefoxPage open(String url) {
    JsonObject args = new JsonObject();
    args.addProperty("url", url);
    return new FirefoxPage(this, request("open", args, Duration.ofSeconds(60)).getAsInt());
  }

  /** The console errors and uncaught exceptions of page {@code page} so far. */
  List<String> errors(int page) {
    synchronized (events) {
      return events.stream()
          .filter(e -> e.has("page") && e.get("page").getAsInt() == page)
          .map(e -> e.get("event").getAsString() + ": " + e.get("text").getAsString())
          .toList();
    }
  }

  private String log() {
    try {
      String s = Files.readString(INSTALL.resolve("driver.log"));
      return "driver log ends: " + s.substring(Math.max(0, s.length() - 2000));
    } catch (IOException e) {
      return "no driver log";
    }
  }

  @Override
  public void close() {
    try {
      request("quit", new JsonObject(), Duration.ofSeconds(20));
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (AssertionError | RuntimeException | InterruptedException e) {
      // shut down below
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly); // Firefox, if it outlived quit
      process.destroyForcibly();
    }
  }
}
