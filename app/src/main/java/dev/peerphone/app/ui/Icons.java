package dev.peerphone.app.ui;

import javafx.scene.AccessibleRole;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Icons on buttons (Material Design icons through Ikonli), each with a tooltip and the same words
 * as accessible text, so screen readers and hovering users get what the icon means.
 */
final class Icons {
  /** "Share screen" and, while sharing, "Stop sharing". */
  static final Ikon SHARE_SCREEN = org.kordamp.ikonli.materialdesign2.MaterialDesignM.MONITOR_SHARE;
  static final Ikon STOP_SHARING = org.kordamp.ikonli.materialdesign2.MaterialDesignM.MONITOR_OFF;

  private Icons() {}

  static FontIcon icon(Ikon ikon) {
    FontIcon i = new FontIcon(ikon);
    i.setIconSize(18);
    return i;
  }

  /** Puts {@code ikon} on {@code b}; {@code words} become its tooltip and accessible text. */
  static <B extends ButtonBase> B decorate(B b, Ikon ikon, String words) {
    b.setGraphic(icon(ikon));
    describe(b, words);
    return b;
  }

  /** Tooltip and accessible text of {@code b}; call again when what the button does changes. */
  static void describe(ButtonBase b, String words) {
    Tooltip t = new Tooltip(words);
    t.setShowDelay(Duration.millis(400));
    b.setTooltip(t);
    b.setAccessibleText(words);
    if (b.getAccessibleRole() == AccessibleRole.NODE) {
      b.setAccessibleRole(AccessibleRole.BUTTON);
    }
  }

  /** Switches the icon of a button made by {@link #decorate}. */
  static void change(ButtonBase b, Ikon ikon) {
    if (b.getGraphic() instanceof FontIcon i) {
      i.setIconCode(ikon);
    } else {
      b.setGraphic(icon(ikon));
    }
  }
}
