package dev.peerphone.app.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway X server ({@code Xvfb -displayfd}: it picks a free display number and reports it
 * once it accepts clients), killed by {@link #close}. Its log goes to target/xvfb-NAME.log.
 */
public final class Xvfb implements AutoCloseable {
  private final Process process;
  private final String display;

  /** Starts a {@code width}x{@code height}x24 screen and waits (at most 20 s) until it is ready. */
  public Xvfb(String name, int width, int height) {
    try {
      process = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", width + "x" + height + "x24",
          "-nolisten", "tcp").redirectError(new File("target/xvfb-" + name + ".log")).start();
      CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
        try {
          return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      String n = number.get(20, TimeUnit.SECONDS);
      if (n == null || !n.trim().matches("\\d+")) {
        throw new IllegalStateException("Xvfb did not report a display (exited: " + !process.isAlive() + ")");
      }
      display = ":" + n.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("Xvfb did not start: " + e, e);
    }
  }

  public long pid() {
    return process.pid();
  }

  /** The {@code DISPLAY} value, e.g. {@code :1}. */
  public String display() {
    return display;
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
