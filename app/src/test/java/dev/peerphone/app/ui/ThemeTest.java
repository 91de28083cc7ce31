package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThemeTest {
  @Test
  void gtkThemeEndingInDarkWinsElseGnomesColorSchemeDecides() {
    assertTrue(Theme.linuxIsDark("Adwaita:dark", () -> "'default'"));
    assertTrue(Theme.linuxIsDark("", () -> "'prefer-dark'\n"));
    assertFalse(Theme.linuxIsDark("", () -> "'prefer-light'\n"));
    assertFalse(Theme.linuxIsDark("Adwaita", () -> ""), "no answer is light");
  }

  @Test
  void aMissingFailingOrSlowCommandAnswersNothingWithinItsTimeLimit() {
    assertEquals("", Theme.ask(List.of("/nonexistent/peerphone-no-such-command"), 1000));
    assertEquals("", Theme.ask(List.of("sh", "-c", "echo prefer-dark; exit 3"), 1000), "a failing command");
    long t0 = System.nanoTime();
    assertEquals("", Theme.ask(List.of("sh", "-c", "sleep 20; echo prefer-dark"), 300), "too slow");
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "gave up at its time limit, not after the command");
    assertEquals("'prefer-dark'\n", Theme.ask(List.of("sh", "-c", "echo \"'prefer-dark'\""), 5000));
  }

  @Test
  void systemDetectionNeverThrowsAndAGtkDarkThemeIsDarkOnLinux() {
    if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      assertTrue(Theme.systemIsDark(Map.of("GTK_THEME", "Adwaita:dark"), 500));
    }
    Theme.systemIsDark(Map.of(), 500);
  }

  @Test
  void namesParseInAnyCaseAndRoundTrip() {
    for (Theme t : Theme.values()) {
      assertEquals(t, Theme.parse(t.text().toUpperCase(java.util.Locale.ROOT)));
    }
  }
}
