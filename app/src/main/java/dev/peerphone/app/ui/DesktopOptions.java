package dev.peerphone.app.ui;

import dev.peerphone.app.net.Fingerprints;
import dev.peerphone.app.net.ServerTrust;
import dev.peerphone.app.rtc.VideoQuality;
import dev.peerphone.signaling.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of the desktop app (all optional): prefill and sign in at once, pick media, and the
 * scripted screenshot run ({@code --call bob --say hi --screenshot docs/screenshot.png}).
 * {@code theme} is null unless {@code --theme} was given.
 */
public record DesktopOptions(String name, String server, String camera, boolean syntheticMedia,
    List<String> calls, List<String> say, Path screenshot, int measureSeconds, VideoQuality video, String mic,
    String speaker, String trustFingerprint, boolean plainEmbeddedServer, Path settingsFile,
    Theme theme, boolean multiCall, Path benchStats) {

  public static final String USAGE = """
      Usage: ./peerphone [desktop] [options]
        --name NAME          sign in as NAME at once
        --server HOST:PORT   signaling server (default, or "": run one here on 9090/8080,
                             its address printed on stdout); also
                             ws://, wss:// or the https:// link a Peerphone server shows
        --trust-fingerprint HEX
                             with --server wss://…: trust the server certificate with this
                             SHA-256 fingerprint without asking (for scripts)
        --camera NAME        camera or "Test pattern 640x480" / "Test pattern 1280x720"
        --synthetic          test-pattern video and silence instead of devices
        --video WxH@FPS      video size and frame rate to send, e.g. 1280x720@30
        --mic NAME           microphone (./peerphone devices lists the names)
        --speaker NAME       speaker for the other side's voice
        --call PEER          call PEER after signing in, as soon as PEER is online;
                             repeatable with --multi-call (one tile each)
        --multi-call         allow several calls at once for this run (the settings
                             panel's "Allow several calls", which is remembered)
        --bench-stats FILE   every second, write each video tile's frames received,
                             shown and dropped to FILE (bench/grid/run.sh)
        --say TEXT           chat TEXT once the call's chat is open (repeatable)
        --screenshot FILE    once the call has shown video for --measure seconds, save the
                             window as PNG, print render statistics and exit
        --measure SECONDS    how long to show video before the screenshot (default 3)
        --settings FILE      where name, server, devices, quality, relay choice and window
                             place are remembered (default
                             ~/.config/peerphone/settings.json); "none" remembers nothing
        --theme light|dark|system
                             colours for this run (default: the one chosen in the
                             window's settings, else system: the desktop's dark or
                             light preference where it can be asked, else light)
        --no-tls             the embedded server serves plain http:// and ws:// instead of
                             https:// and wss:// with this machine's self-signed certificate
                             (browsers on other machines then get no camera)
      """;

  public static DesktopOptions parse(String[] args) {
    String name = "";
    String server = null;
    String camera = null;
    boolean synthetic = false;
    List<String> calls = new ArrayList<>();
    boolean multi = false;
    Path benchStats = null;
    List<String> say = new ArrayList<>();
    Path shot = null;
    int measure = 3;
    VideoQuality video = null;
    String mic = null;
    String speaker = null;
    String trust = null;
    boolean plain = false;
    Path settings = null;
    Theme theme = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--name" -> name = value(args, ++i, a);
        case "--server" -> server = value(args, ++i, a);
        case "--camera" -> camera = value(args, ++i, a);
        case "--synthetic" -> synthetic = true;
        case "--call" -> calls.add(value(args, ++i, a));
        case "--multi-call" -> multi = true;
        case "--bench-stats" -> benchStats = Path.of(value(args, ++i, a));
        case "--say" -> say.add(value(args, ++i, a));
        case "--screenshot" -> shot = Path.of(value(args, ++i, a));
        case "--measure" -> measure = Integer.parseInt(value(args, ++i, a));
        case "--video" -> video = videoQuality(value(args, ++i, a));
        case "--mic" -> mic = value(args, ++i, a);
        case "--speaker" -> speaker = value(args, ++i, a);
        case "--trust-fingerprint" -> trust = fingerprint(value(args, ++i, a));
        case "--no-tls" -> plain = true;
        case "--settings" -> settings = Path.of(value(args, ++i, a));
        case "--theme" -> theme = Theme.parse(value(args, ++i, a));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (trust != null && server == null) {
      throw new IllegalArgumentException("--trust-fingerprint needs --server (the server whose certificate it is)");
    }
    if (calls.size() > 1 && !multi) {
      throw new IllegalArgumentException("--call more than once needs --multi-call");
    }
    return new DesktopOptions(name, server, camera, synthetic, List.copyOf(calls), List.copyOf(say), shot, measure,
        video, mic, speaker, trust, plain, settings, theme, multi, benchStats);
  }

  /** The first peer to call ({@code --call}), or null. */
  public String call() {
    return calls.isEmpty() ? null : calls.get(0);
  }

  private static String fingerprint(String text) {
    try {
      return Fingerprints.normalize(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--trust-fingerprint: " + e.getMessage(), e);
    }
  }

  /** Pins {@link #trustFingerprint()} for {@link #server()} in {@code trust}, if given. */
  public void pinTrusted(ServerTrust trust) {
    if (trustFingerprint != null) {
      URI u = ClientBackend.parseServer(server);
      trust.pin(u.getHost(), ServerTrust.port(u), trustFingerprint);
    }
  }

  private static VideoQuality videoQuality(String text) {
    try {
      return VideoQuality.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--video: " + e.getMessage(), e);
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /**
   * The embedded server's configuration: the preferred ports 9090/8080 and, unless
   * {@code --no-tls}, https and wss with this machine's self-signed certificate (made once and
   * cached in {@code ~/.config/peerphone/tls}), so browsers on other machines get a secure context.
   */
  public ServerConfig embeddedServer() {
    ServerConfig config = ServerConfig.defaults().withPorts(9090, 8080);
    return plainEmbeddedServer ? config : config.withSelfSignedTls(null);
  }

  /**
   * The settings file: {@code --settings FILE}, none for {@code --settings none} and for scripted
   * screenshot runs (they must not change what the user's next start offers), else the default.
   */
  public SettingsFile settings() {
    if (screenshot != null || (settingsFile != null && settingsFile.toString().equals("none"))) {
      return SettingsFile.none();
    }
    return new SettingsFile(settingsFile != null ? settingsFile : SettingsFile.defaultFile());
  }

  /** True when the app should sign in without waiting for the user. */
  public boolean autoSignIn() {
    return !name.isEmpty() && server != null;
  }
}
