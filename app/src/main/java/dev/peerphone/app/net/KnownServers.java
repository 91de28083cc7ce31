package dev.peerphone.app.net;

import dev.peerphone.app.ConfigFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The certificates the user accepted, one line per server: {@code host:port SHA-256-fingerprint}
 * ({@code #} starts a comment). Kept in {@code $XDG_CONFIG_HOME/peerphone/known-servers}
 * ({@code ~/.config/peerphone/known-servers} by default), like ssh's {@code known_hosts}.
 *
 * <p>Threading: methods are synchronized; the file is read on each lookup (it is tiny, and another
 * Peerphone process may have added to it) and replaced atomically on each change.
 */
public final class KnownServers {
  private final Path file;

  public KnownServers(Path file) {
    this.file = file;
  }

  /** {@code $XDG_CONFIG_HOME/peerphone/known-servers}, or under {@code ~/.config} without it. */
  public static Path defaultFile() {
    return ConfigFiles.dir().resolve("known-servers");
  }

  public Path file() {
    return file;
  }

  /** The fingerprint remembered for {@code address} ({@code host:port}). */
  public synchronized Optional<String> get(String address) throws IOException {
    return Optional.ofNullable(read().get(address));
  }

  /** Remembers {@code fingerprint} for {@code address}, replacing what was there. */
  public synchronized void put(String address, String fingerprint) throws IOException {
    Map<String, String> all = read();
    all.put(address, fingerprint);
    List<String> lines = new ArrayList<>();
    lines.add("# Server certificates trusted in Peerphone: host:port SHA-256 fingerprint");
    all.forEach((a, f) -> lines.add(a + " " + f));
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l).append('\n'));
    ConfigFiles.replace(file, text.toString());
  }

  /** Lines that are not {@code address fingerprint} are skipped (a hand edit must not lock us out). */
  private Map<String, String> read() throws IOException {
    Map<String, String> all = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return all;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] p = line.trim().split("\\s+");
      if (p.length == 2 && !p[0].startsWith("#")) {
        try {
          all.put(p[0], Fingerprints.normalize(p[1]));
        } catch (IllegalArgumentException e) {
          // not a fingerprint: ignore the line
        }
      }
    }
    return all;
  }
}
