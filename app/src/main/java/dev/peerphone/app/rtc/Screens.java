package dev.peerphone.app.rtc;

import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * The screens that can be shared: AWT's screen devices, named "Screen 1 (1920x1080)" and so on in
 * the order AWT lists them (on Linux: the X server's screens / RandR monitors). Sharing a single
 * window is not offered: AWT's Robot only captures screen areas, and a window's area would also
 * capture whatever covers it. Any thread.
 */
final class Screens {
  private Screens() {}

  /**
   * One screen: its 1-based number, its name, its area (in the coordinates of its device: the
   * global desktop with one X screen and several monitors, its own with several X screens) and
   * its AWT device (null in tests that make one by hand: the default screen).
   */
  record Screen(int index, String name, Rectangle bounds, GraphicsDevice device) {}

  /** The screens, or an empty list when there is no display (headless JVM, no DISPLAY). */
  static List<Screen> list() {
    List<Screen> list = new ArrayList<>();
    try {
      if (GraphicsEnvironment.isHeadless()) {
        return list;
      }
      GraphicsDevice[] devices = GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices();
      for (int i = 0; i < devices.length; i++) {
        Rectangle b = devices[i].getDefaultConfiguration().getBounds();
        list.add(new Screen(i + 1, "Screen " + (i + 1) + " (" + b.width + "x" + b.height + ")", b, devices[i]));
      }
    } catch (HeadlessException | Error e) { // no X server reachable: AWTError
      return List.of();
    }
    return list;
  }

  /**
   * The screen named {@code wanted}: its full name, its number ("2") or "Screen 2"; null or blank
   * means the first.
   *
   * @throws IllegalStateException when there is no screen at all (no display)
   * @throws IllegalArgumentException naming the choices when none matches
   */
  static Screen find(String wanted) {
    List<Screen> screens = list();
    if (screens.isEmpty()) {
      throw new IllegalStateException("Screen sharing needs a graphical display (on Linux an X11 DISPLAY); "
          + "there is none");
    }
    if (wanted == null || wanted.isBlank()) {
      return screens.get(0);
    }
    String w = wanted.trim();
    for (Screen s : screens) {
      if (s.name().equals(w) || w.equals(Integer.toString(s.index())) || w.equalsIgnoreCase("Screen " + s.index())) {
        return s;
      }
    }
    throw new IllegalArgumentException("No screen named '" + w + "'. Choose one of: "
        + String.join(", ", screens.stream().map(Screen::name).toList()));
  }
}
