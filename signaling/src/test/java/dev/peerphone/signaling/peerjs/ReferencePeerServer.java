package dev.peerphone.signaling.peerjs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PeerServer ({@code peer@1.0.2} from {@code testing/peerjs}, unmodified) as a throwaway
 * Node.js process on a free loopback port. Without {@code node} on this machine the calling test
 * is skipped (with a message saying so), except in CI ({@code CI=true}), where it fails: .ci/test
 * installs node. The fixture's
 * {@code node_modules} is installed with {@code npm ci} when missing.
 */
public final class ReferencePeerServer implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("PeerServer listening on (\\d+)");
  private final Process process;
  public final int port;

  private ReferencePeerServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The fixture directory, from the signaling module (Maven's working directory) or the repository root. */
  static Path fixture() {
    for (Path p : List.of(Path.of("../testing/peerjs"), Path.of("testing/peerjs"))) {
      if (Files.isRegularFile(p.resolve("package-lock.json"))) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("testing/peerjs not found from " + Path.of("").toAbsolutePath());
  }

  /** Skips the test when node is absent; installs the fixture's packages when missing. */
  static Path requireNode() throws Exception {
    boolean node;
    try {
      node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      node = false;
    }
    String missing = "node is not installed, so the reference PeerServer (peer@1.0.2) cannot run; install Node.js 18+"
        + " and npm (./peerphone test does)";
    assertTrue(node || !"true".equals(System.getenv("CI")), "in CI: " + missing); // CI must run these tests
    Assumptions.assumeTrue(node, "SKIPPED: " + missing);
    Path dir = fixture();
    if (!Files.isDirectory(dir.resolve("node_modules/peer"))) {
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertTrue(npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0, "npm ci in " + dir);
    }
    return dir;
  }

  /** PeerServer at {@code path} with these alive and expire timeouts (its key: {@code peerjs}). */
  public static ReferencePeerServer start(String path, long aliveMs, long expireMs) throws Exception {
    Path dir = requireNode();
    Process process = new ProcessBuilder("node", "peerserver.js", path, String.valueOf(aliveMs),
        String.valueOf(expireMs)).directory(dir.toFile()).redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      port.completeExceptionally(new IllegalStateException("PeerServer exited: " + output));
    }, "peerserver-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ReferencePeerServer(process, port.get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Waits up to {@code ms} for the process to end; true if it did. */
  boolean awaitExit(long ms) throws InterruptedException {
    return process.waitFor(ms, TimeUnit.MILLISECONDS);
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
