package dev.peerphone.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The user's Peerphone config directory and the one safe way to replace a file in it. */
public final class ConfigFiles {
  private ConfigFiles() {}

  /** {@code $XDG_CONFIG_HOME/peerphone}, or {@code ~/.config/peerphone} without it. */
  public static Path dir() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path config = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return config.resolve("peerphone");
  }

  /**
   * Replaces {@code file} with {@code text} (UTF-8) through a temporary file in the same directory
   * renamed over it, so a crash mid-write leaves the old file whole; creates the directory.
   */
  public static void replace(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
