package dev.peerphone.app.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code peerphone headless} peer in its own JVM (same classpath as the tests). Every stdout line
 * must be one JSON object: each is queued for {@link #await}; any other line fails the next {@link
 * #await} or {@link #waitForExit} (which reads stdout to its end). stderr goes to a log file under target/.
 */
public final class HeadlessProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final File stderr;
  private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private final List<String> notJson = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.concurrent.CountDownLatch stdoutClosed = new java.util.concurrent.CountDownLatch(1);

  public HeadlessProcess(String name, List<String> args) {
    this(name, args, java.util.Map.of());
  }

  /** As above, with extra environment variables (e.g. {@code PULSE_SERVER} of a test sound server). */
  public HeadlessProcess(String name, List<String> args, java.util.Map<String, String> env) {
    this.name = name;
    List<String> cmd = new ArrayList<>();
    cmd.add(new File(System.getProperty("java.home"), "bin/java").getPath());
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add("dev.peerphone.app.cli.Main");
    cmd.add("headless");
    cmd.addAll(args);
    try {
      stderr = new File("target/headless-" + name + ".log");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr);
      pb.environment().putAll(env);
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread reader = new Thread(this::read, "stdout-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        try {
          events.add(JsonParser.parseString(line).getAsJsonObject());
        } catch (RuntimeException notAnObject) {
          notJson.add(line);
        }
      }
    } catch (IOException e) {
      // process gone
    } finally {
      stdoutClosed.countDown();
    }
  }

  private void assertAllJson() {
    if (!notJson.isEmpty()) {
      fail(name + ": stdout lines that are not JSON objects: " + notJson);
    }
  }

  /** The lines of stderr (native output that would once have reached stdout goes there). */
  public List<String> stderrLines() {
    return stderr().lines().toList();
  }

  /** Waits for the next event named {@code event} matching {@code filter}, skipping others. */
  public JsonObject await(String event, Predicate<JsonObject> filter, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        JsonObject e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
        assertAllJson();
        if (e == null) {
          int from = Math.max(0, seen.size() - 20);
          String err = stderr();
          fail(name + ": no " + event + " within " + timeout + "; saw " + seen.subList(from, seen.size())
              + (process.isAlive() ? "; still running" : "; exited with " + process.exitValue())
              + "; stderr ends: " + err.substring(Math.max(0, err.length() - 1500)));
        }
        seen.add(e);
        if (e.get("event").getAsString().equals(event) && filter.test(e)) {
          return e;
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError(ex);
    }
  }

  /**
   * The first event named {@code event} matching {@code filter}, whether it was already passed
   * over by an earlier {@link #await} or is still to come.
   */
  public JsonObject awaitAny(String event, Predicate<JsonObject> filter, Duration timeout) {
    for (JsonObject e : seen) {
      if (e.get("event").getAsString().equals(event) && filter.test(e)) {
        return e;
      }
    }
    return await(event, filter, timeout);
  }

  public JsonObject await(String event, Duration timeout) {
    return await(event, e -> true, timeout);
  }

  /** Fails if an event named {@code event} arrives within {@code window} (other events are kept as seen). */
  public void assertNo(String event, Duration window) {
    long deadline = System.nanoTime() + window.toNanos();
    try {
      long left;
      while ((left = deadline - System.nanoTime()) > 0) {
        JsonObject e = events.poll(left, TimeUnit.NANOSECONDS);
        if (e == null) {
          return;
        }
        seen.add(e);
        if (e.get("event").getAsString().equals(event)) {
          fail(name + ": unexpected " + e);
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError(ex);
    }
  }

  /** Writes one command line to the peer's stdin. */
  public void command(String line) {
    try {
      process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the process wrote to stderr so far (its log lines and error messages). */
  public String stderr() {
    try {
      return java.nio.file.Files.readString(stderr.toPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resident set size of the process in KiB, from /proc (Linux). */
  public long rssKiB() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no VmRSS");
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no goodbye to anyone. */
  public void kill() {
    process.destroyForcibly();
  }

  public int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      fail(name + " did not exit within " + timeout);
    }
    if (!stdoutClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      fail(name + ": stdout still open after exit");
    }
    assertAllJson();
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
