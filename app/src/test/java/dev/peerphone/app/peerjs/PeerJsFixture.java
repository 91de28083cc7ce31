package dev.peerphone.app.peerjs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm fixture in {@code testing/peerjs} (shared with the signaling tests): the real PeerServer ({@code peer@1.0.2}) and
 * PeerJS client ({@code peerjs@1.5.5}), installed with {@code npm ci} from the committed lock file
 * on first use (.ci/test does it up front). Tests that need it skip, saying why, only when
 * {@code node} is not installed.
 */
public final class PeerJsFixture {
  public static final Path DIR = Path.of("../testing/peerjs").toAbsolutePath().normalize();
  private static final Duration NPM = Duration.ofMinutes(5);

  private PeerJsFixture() {}

  /** The installed fixture directory; skips the test when node/npm are absent. */
  public static Path installed() {
    assumeTrue(onPath("node") && onPath("npm"),
        "node and npm are not installed: the PeerJS tests need them (.ci/test installs them)");
    try (FileChannel ch = FileChannel.open(DIR.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      if (!Files.isRegularFile(DIR.resolve("node_modules/peerjs/dist/peerjs.min.js"))
          || !Files.isRegularFile(DIR.resolve("node_modules/peer/dist/bin/peerjs.js"))) {
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), NPM);
      }
      return DIR;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code command} in the fixture directory and returns its stdout; fails on a non-zero exit. */
  static String run(List<String> command, Duration timeout) throws IOException {
    Path log = Files.createTempFile("peerjs-fixture", ".log");
    Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectError(log.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(command + " failed (exit " + p.exitValue() + "): " + Files.readString(log));
    }
    Files.deleteIfExists(log);
    return new String(out, StandardCharsets.UTF_8);
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }
}
