package dev.peerphone.app.cli;

import dev.peerphone.app.net.Fingerprints;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.rtc.RtcEngine;
import dev.peerphone.app.rtc.VideoQuality;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Command line of {@code ./peerphone headless}; {@link #parse} throws {@link IllegalArgumentException} with a usage hint. */
record HeadlessOptions(
    URI server,
    String name,
    String call,
    boolean ring,
    boolean roulette,
    boolean echo,
    boolean multiCall,
    boolean relayOnly,
    List<String> say,
    MediaConfig media,
    Duration duration,
    String trustFingerprint,
    URI peerjs,
    String peerjsKey) {

  static final String USAGE = """
      Usage: ./peerphone headless --server ws://HOST:PORT --name NAME [options]
             ./peerphone headless --peerjs ws://HOST:PORT/PATH --id ID [options]

      A peer without a window: logs in, answers every call, prints one JSON event per line on
      stdout (logs go to stderr). Commands on stdin, one per line: hangup PEER, say PEER TEXT,
      pause|resume audio|video, camera NAME, video WxH@FPS, mic NAME, speaker NAME,
      share [SCREEN] (send a screen instead of the camera; needs an X11 DISPLAY), share stop,
      relay-only on|off, next, quit.

        --server URI        signaling server (ws:// or wss://)
        --trust-fingerprint HEX
                            with wss://: also trust the server certificate with this SHA-256
                            fingerprint (colon hex as shown in the untrusted-certificate error)
        --name NAME         name to log in with
        --call PEER         ring PEER once logged in (it answers, then we offer)
        --no-ring           with --call: offer straight away, like tutorial pages do
        --roulette          join the roulette queue
        --echo              send every chat message back to its sender
        --say TEXT          send TEXT on each call once its chat channel opens (repeatable)
        --multi-call        accept calls while already in one (default: reject with busy)
        --relay-only        hide our IP address: all media through the server's TURN relay
                            (an error event says so if the server offers no TURN server)
        --camera NAME       camera or test pattern by name ("Test pattern 320x240", ...)
        --fake-video        send the 640x480 moving test pattern
        --video WxH@FPS     video size and frame rate to send, e.g. 320x240@15 (default: a
                            camera's 640x480@30, a test pattern's own size at 30 fps)
        --mic NAME          microphone by name (./peerphone devices lists them)
        --speaker NAME      speaker for remote audio by name
        --fake-audio        send silence (no audio devices are opened)
        --duration SECONDS  exit after this long (default: run until killed)

      PeerJS mode (docs/PEERJS.md, "Java peer"): --peerjs registers on a PeerServer (peer 1.x, or
      a server with PeerServer mode) as --id, the way a PeerJS 1.5 page does, instead of logging in
      to a Peerphone server. It answers PeerJS calls and DataConnections; --call ID calls a PeerJS
      page (video); --echo sends every received value back on its DataConnection. Extra stdin
      commands: call ID, chat ID TEXT (same as say), connect ID binary|json|raw.
        --peerjs URI        the PeerServer as a page configures it: ws[s]://host:port/path
        --id ID             our PeerJS id
        --key KEY           the PeerServer's key (default: peerjs)
      """;

  static HeadlessOptions parse(String[] args) {
    URI server = null;
    String name = null;
    String call = null;
    boolean ring = true;
    boolean roulette = false;
    boolean echo = false;
    boolean multi = false;
    boolean relayOnly = false;
    List<String> say = new ArrayList<>();
    String camera = null;
    String mic = null;
    String speaker = null;
    VideoQuality video = null;
    boolean fakeAudio = false;
    Duration duration = null;
    String trustFingerprint = null;
    URI peerjs = null;
    String key = "peerjs";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--server" -> server = URI.create(value(args, ++i, a));
        case "--name", "--id" -> name = value(args, ++i, a);
        case "--peerjs" -> peerjs = URI.create(value(args, ++i, a));
        case "--key" -> key = value(args, ++i, a);
        case "--call" -> call = value(args, ++i, a);
        case "--no-ring" -> ring = false;
        case "--roulette" -> roulette = true;
        case "--echo" -> echo = true;
        case "--multi-call" -> multi = true;
        case "--relay-only" -> relayOnly = true;
        case "--say" -> say.add(value(args, ++i, a));
        case "--camera" -> camera = value(args, ++i, a);
        case "--fake-video" -> camera = RtcEngine.TEST_PATTERN_640;
        case "--mic" -> mic = value(args, ++i, a);
        case "--speaker" -> speaker = value(args, ++i, a);
        case "--video" -> video = videoQuality(value(args, ++i, a));
        case "--fake-audio" -> fakeAudio = true;
        case "--trust-fingerprint" -> trustFingerprint = fingerprint(value(args, ++i, a));
        case "--duration" -> {
          String v = value(args, ++i, a);
          try {
            duration = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--duration needs a number of seconds, got " + v);
          }
        }
        default -> throw new IllegalArgumentException("Unknown option: " + a);
      }
    }
    if (peerjs != null && (name == null || server != null)) {
      throw new IllegalArgumentException("--peerjs needs --id (and no --server)");
    }
    if (peerjs == null && (server == null || name == null)) {
      throw new IllegalArgumentException("--server and --name are required (or --peerjs and --id)");
    }
    return new HeadlessOptions(server, name, call, ring, roulette, echo, multi, relayOnly, List.copyOf(say),
        new MediaConfig(camera, fakeAudio, mic, speaker, video), duration, trustFingerprint, peerjs, key);
  }

  private static String fingerprint(String text) {
    try {
      return Fingerprints.normalize(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--trust-fingerprint: " + e.getMessage(), e);
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
}
