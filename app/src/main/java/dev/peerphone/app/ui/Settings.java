package dev.peerphone.app.ui;

/**
 * What the desktop remembers between runs. A null field was never chosen (the app's default
 * applies); {@link #EMPTY} is a first start.
 *
 * @param name the name of the last sign-in
 * @param server the server text of the last sign-in ("" = the embedded server)
 * @param camera the camera the user picked (the engine's name for it)
 * @param microphone the microphone the user picked (the sound server's name for it)
 * @param speaker the speaker the user picked
 * @param video the size and rate the user picked, as {@code WxH@FPS}
 * @param relayOnly "Hide my IP address", as the user left it
 * @param window where the window was and how big, when it last closed
 * @param theme the colours the user picked: {@code light}, {@code dark} or {@code system}
 * @param multiCall "Allow several calls", as the user left it
 */
public record Settings(String name, String server, String camera, String microphone, String speaker,
    String video, Boolean relayOnly, Window window, String theme, Boolean multiCall) {

  public static final Settings EMPTY = new Settings(null, null, null, null, null, null, null, null, null, null);

  /**
   * The window's last bounds in screen coordinates; {@code maximized} keeps the bounds it had
   * before it was maximized.
   */
  public record Window(double x, double y, double width, double height, boolean maximized) {}

  public Settings withSignIn(String name, String server) {
    return new Settings(name, server, camera, microphone, speaker, video, relayOnly, window, theme, multiCall);
  }

  public Settings withWindow(Window w) {
    return new Settings(name, server, camera, microphone, speaker, video, relayOnly, w, theme, multiCall);
  }

  /**
   * This with one choice as {@link PhoneModel#onChoice} reports it ({@code camera},
   * {@code microphone}, {@code speaker}, {@code video}, {@code relayOnly}, {@code theme}, {@code multiCall}); other keys change nothing.
   */
  public Settings withChoice(String key, String value) {
    return switch (key) {
      case "camera" -> new Settings(name, server, value, microphone, speaker, video, relayOnly, window, theme, multiCall);
      case "microphone" -> new Settings(name, server, camera, value, speaker, video, relayOnly, window, theme, multiCall);
      case "speaker" -> new Settings(name, server, camera, microphone, value, video, relayOnly, window, theme, multiCall);
      case "video" -> new Settings(name, server, camera, microphone, speaker, value, relayOnly, window, theme, multiCall);
      case "relayOnly" -> new Settings(name, server, camera, microphone, speaker, video,
          Boolean.parseBoolean(value), window, theme, multiCall);
      case "theme" -> new Settings(name, server, camera, microphone, speaker, video, relayOnly, window, value, multiCall);
      case "multiCall" -> new Settings(name, server, camera, microphone, speaker, video, relayOnly, window, theme,
          Boolean.parseBoolean(value));
      default -> this;
    };
  }
}
