package dev.peerphone.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's colours: AtlantaFX's Primer theme, light or dark. {@link #SYSTEM} follows the
 * desktop where it can be asked (GNOME's {@code color-scheme} or a {@code GTK_THEME} ending in
 * {@code :dark} on Linux, {@code AppleInterfaceStyle} on macOS, {@code AppsUseLightTheme} on
 * Windows), each question with a time limit; anything that fails or takes too long means light.
 *
 * <p>Threading: {@link #apply} on the FX thread; {@link #systemIsDark} anywhere (it may wait
 * up to {@link #ASK_MILLIS}).
 */
public enum Theme {
  LIGHT, DARK, SYSTEM;

  private static final Logger log = LoggerFactory.getLogger(Theme.class);
  /** How long one question to the desktop may take before the answer counts as "light". */
  static final long ASK_MILLIS = 1500;
  private static final String OUR_CSS = Theme.class.getResource("peerphone.css").toExternalForm();

  /** {@code light}, {@code dark} or {@code system} (any case); a clear error otherwise. */
  public static Theme parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "light" -> LIGHT;
      case "dark" -> DARK;
      case "system" -> SYSTEM;
      default -> throw new IllegalArgumentException("--theme: expected light, dark or system, not \"" + text + "\"");
    };
  }

  /** The lower-case name, as written in the settings and on the command line. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this is dark, asking the desktop for {@link #SYSTEM} (see {@link #systemIsDark}). */
  public CompletableFuture<Boolean> dark() {
    return switch (this) {
      case LIGHT -> CompletableFuture.completedFuture(false);
      case DARK -> CompletableFuture.completedFuture(true);
      case SYSTEM -> CompletableFuture.supplyAsync(() -> systemIsDark(System.getenv(), ASK_MILLIS));
    };
  }

  /** The user-agent stylesheet for all windows of the app, and our own sheet for {@code scene}. */
  static void apply(boolean dark, javafx.scene.Scene scene) {
    Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
    if (!scene.getStylesheets().contains(OUR_CSS)) {
      scene.getStylesheets().add(OUR_CSS);
    }
    scene.getRoot().getStyleClass().removeAll("light", "dark");
    scene.getRoot().getStyleClass().add(dark ? "dark" : "light");
  }

  /**
   * True when the desktop prefers dark; false when it prefers light, when it cannot tell, or
   * when asking fails or times out. Never throws.
   */
  static boolean systemIsDark(Map<String, String> env, long millis) {
    try {
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      if (os.contains("mac")) {
        return ask(List.of("defaults", "read", "-g", "AppleInterfaceStyle"), millis).trim().equalsIgnoreCase("dark");
      }
      if (os.contains("win")) {
        String out = ask(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
            "/v", "AppsUseLightTheme"), millis);
        return out.contains("0x0");
      }
      return linuxIsDark(env.getOrDefault("GTK_THEME", ""),
          () -> ask(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"), millis));
    } catch (RuntimeException e) {
      log.debug("system theme: {}", e.toString());
      return false;
    }
  }

  /** {@code GTK_THEME=Adwaita:dark} wins; else GNOME's {@code 'prefer-dark'}. */
  static boolean linuxIsDark(String gtkTheme, java.util.function.Supplier<String> colorScheme) {
    if (gtkTheme.toLowerCase(Locale.ROOT).endsWith(":dark")) {
      return true;
    }
    return colorScheme.get().contains("prefer-dark");
  }

  /** The command's standard output, or "" when it is missing, fails or overruns {@code millis}. */
  static String ask(List<String> command, long millis) {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return ""; // not installed
    }
    try {
      p.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
        try (InputStream in = p.getInputStream()) {
          return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return "";
        }
      }, r -> {
        Thread t = new Thread(r, "theme-ask");
        t.setDaemon(true);
        t.start();
      });
      if (!p.waitFor(millis, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
        return "";
      }
      return out.get(millis, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return "";
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
