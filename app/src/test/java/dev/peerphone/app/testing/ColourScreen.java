package dev.peerphone.app.testing;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Frame;
import java.awt.Graphics;
import java.awt.Toolkit;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A known picture on an X display, for screen-sharing tests: an undecorated window over the whole
 * screen, its left half {@link #LEFT} red and its right half {@link #RIGHT} blue. {@link #main}
 * runs in its own JVM (the test JVM is headless) and prints {@code painted} once drawn.
 */
public final class ColourScreen implements AutoCloseable {
  public static final Color LEFT = new Color(224, 16, 16);
  public static final Color RIGHT = new Color(16, 16, 224);
  private final Process process;

  /** Opens the window on {@code display} and waits (at most 20 s) until it is painted. */
  public ColourScreen(String display) {
    List<String> cmd = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
        "-Djava.awt.headless=false", "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        ColourScreen.class.getName()));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(new File("target/colour-screen.log"));
      pb.environment().put("DISPLAY", display);
      process = pb.start();
      String line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).get(20, TimeUnit.SECONDS);
      if (!"painted".equals(line)) {
        throw new IllegalStateException("colour window did not paint: " + line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("colour window: " + e, e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  public static void main(String[] args) {
    Dimension size = Toolkit.getDefaultToolkit().getScreenSize();
    boolean[] told = new boolean[1];
    Frame f = new Frame("colour screen") {
      @Override
      public void paint(Graphics g) {
        g.setColor(LEFT);
        g.fillRect(0, 0, size.width / 2, size.height);
        g.setColor(RIGHT);
        g.fillRect(size.width / 2, 0, size.width - size.width / 2, size.height);
        Toolkit.getDefaultToolkit().sync();
        if (!told[0]) {
          told[0] = true;
          System.out.println("painted");
          System.out.flush();
        }
      }
    };
    f.setUndecorated(true);
    f.setBounds(0, 0, size.width, size.height);
    f.setVisible(true);
  }
}
