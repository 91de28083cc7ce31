package dev.peerphone.app.ui;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The "Copy diagnostics" report: a plain-text summary for bug reports — versions (Peerphone,
 * Java, JavaFX, webrtc-java), the OS, the devices in use, the signaling server and the ICE
 * server URLs, and each recent call's last readings ({@link StatsBook}, about ten seconds).
 *
 * <p>No secrets: the server is shown without user info, query or fragment; ICE servers as URLs
 * only (the model never receives TURN usernames or credentials); the resume token never leaves
 * the signaling client. Candidate types, never addresses.
 */
final class Diagnostics {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Diagnostics() {}

  /** The report on {@code m}'s window now (FX thread). */
  static String of(PhoneModel m) {
    Map<String, String> setup = new LinkedHashMap<>();
    setup.put("Signed in as", m.myNameProperty().get());
    String server = m.signedInServer();
    String link = m.joinLinkProperty().get();
    setup.put("Signaling server", server.isEmpty() ? "embedded in this app" + (link.isEmpty() ? "" : ", " + link)
        : server(server));
    boolean forced = m.serverRelayProperty().get();
    setup.put("Relay only", forced ? "yes (the server's policy)" : m.relayOnlyProperty().get() ? "yes" : "no");
    setup.put("Sound server", m.audio().serverProperty().get() ? "yes" : "none");
    setup.put("Microphone", m.audio().microphoneProperty().get());
    setup.put("Speaker", m.audio().speakerProperty().get());
    setup.put("Camera", m.devices().cameraProperty().get());
    setup.put("Video quality", m.devices().qualityProperty().get());
    setup.put("Calls now", m.calls().isEmpty() ? "none" : String.join(", ", m.calls().keySet()));
    return report(LocalDateTime.now(m.clock()), setup, m.iceUrls, m.stats.recent());
  }

  /** Puts {@link #of the report} on the clipboard and says so in the notice line (FX thread). */
  static void copy(PhoneModel m) {
    javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
    content.putString(of(m));
    javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    m.noticeWrapper().set("Diagnostics copied to the clipboard.");
  }

  /**
   * The report. {@code setup} is shown as "key: value" lines (devices, server), {@code iceUrls}
   * one per line, {@code recent} per call.
   */
  static String report(LocalDateTime now, Map<String, String> setup, List<String> iceUrls,
      Map<String, List<StatsBook.Reading>> recent) {
    StringBuilder b = new StringBuilder("Peerphone diagnostics, ").append(WHEN.format(now)).append('\n');
    versions().forEach((k, v) -> line(b, k, v));
    setup.forEach((k, v) -> line(b, k, v));
    b.append("ICE servers:").append(iceUrls.isEmpty() ? " none\n" : "\n");
    iceUrls.forEach(u -> b.append("  ").append(iceUrl(u)).append('\n'));
    b.append("Calls (the last ").append(StatsBook.KEEP).append(" readings, one a second):")
        .append(recent.isEmpty() ? " none\n" : "\n");
    recent.forEach((peer, readings) -> {
      b.append("  with ").append(peer).append('\n');
      for (StatsBook.Reading r : readings) {
        b.append("    ").append(r.at()).append("  ").append(String.join("  |  ", StatsText.lines(r.stats())))
            .append('\n');
      }
    });
    return b.toString();
  }

  /** Peerphone, Java, JavaFX, webrtc-java, OS. */
  static Map<String, String> versions() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("Peerphone", orUnknown(version(Diagnostics.class, "dev.peerphone", "peerphone-app")));
    v.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
        + System.getProperty("java.vendor") + ")");
    v.put("JavaFX", orUnknown(System.getProperty("javafx.runtime.version")));
    v.put("webrtc-java", orUnknown(webrtcVersion()));
    v.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
        + System.getProperty("os.arch") + ")");
    return v;
  }

  /** {@code ws://host:port/path} without user info, query or fragment; the text itself if it is no URI. */
  static String server(String server) {
    try {
      URI u = URI.create(server.trim());
      if (u.getHost() == null) {
        return u.getRawUserInfo() == null && u.getRawQuery() == null ? server.trim() : "(not shown)";
      }
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return server.contains("@") || server.contains("?") ? "(not shown)" : server.trim();
    }
  }

  /** A {@code stun:}/{@code turn:} URL, anything before an {@code @} dropped (user info). */
  static String iceUrl(String url) {
    int at = url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int colon = url.indexOf(':');
    return url.substring(0, colon + 1) + url.substring(at + 1);
  }

  private static String webrtcVersion() {
    try {
      Class<?> c = Class.forName("dev.onvoid.webrtc.RTCPeerConnection", false, Diagnostics.class.getClassLoader());
      return version(c, "dev.onvoid.webrtc", "webrtc-java");
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** The jar's Implementation-Version, else its Maven pom.properties version, else null. */
  private static String version(Class<?> c, String group, String artifact) {
    Package p = c.getPackage();
    if (p != null && p.getImplementationVersion() != null) {
      return p.getImplementationVersion();
    }
    try (InputStream in = c.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
      if (in == null) {
        return null;
      }
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version");
    } catch (IOException e) {
      return null;
    }
  }

  private static String orUnknown(String v) {
    return v == null || v.isBlank() ? "unknown (not from a packaged jar)" : v;
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append(": ").append(value == null || value.isEmpty() ? "-" : value).append('\n');
  }
}
