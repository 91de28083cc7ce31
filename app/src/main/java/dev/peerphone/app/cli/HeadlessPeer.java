package dev.peerphone.app.cli;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.net.ServerTrust;
import dev.peerphone.app.rtc.VideoQuality;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./peerphone headless}: a peer without a window for bots, tests and diagnostics. Answers
 * every call, optionally calls, joins roulette, echoes chat, and prints JSON events on stdout.
 * It also reads simple commands from stdin (one per line): {@code hangup PEER}, {@code say PEER
 * TEXT}, {@code pause audio|video}, {@code resume audio|video}, {@code camera NAME}, {@code video
 * WxH@FPS}, {@code mic NAME}, {@code speaker NAME}, {@code share [SCREEN]}, {@code share stop},
 * {@code relay-only on|off}, {@code next},
 * {@code quit}. It prints an
 * {@code audio} event at start and whenever the microphone or speaker in use changes.
 *
 * <p>Threading: events arrive on the call executor; the printer is synchronized; commands come
 * from a stdin reader thread and only post to the engine.
 */
public final class HeadlessPeer {
  private HeadlessPeer() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(HeadlessOptions.USAGE);
      return;
    }
    HeadlessOptions opts;
    try {
      opts = HeadlessOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(HeadlessOptions.USAGE);
      System.exit(2);
      return;
    }
    System.exit(opts.peerjs() != null ? PeerJsHeadless.run(opts, JsonStdout.take()) : run(opts, JsonStdout.take()));
  }

  /** Runs the peer until quit, failure or its duration; events go to {@code stdout} only. */
  static int run(HeadlessOptions opts, PrintStream stdout) throws InterruptedException {
    EventPrinter printer = new EventPrinter(stdout);
    CountDownLatch done = new CountDownLatch(1);
    AtomicBoolean failed = new AtomicBoolean();
    AtomicBoolean started = new AtomicBoolean();
    AtomicReference<PeerClient> ref = new AtomicReference<>();
    CallOptions callOptions = CallOptions.defaults().withAutoAnswer(true).withMultiCall(opts.multiCall())
        .withRelayOnly(opts.relayOnly());
    ServerTrust trust = ServerTrust.standard();
    if (opts.trustFingerprint() != null) {
      trust.pin(opts.server().getHost(), ServerTrust.port(opts.server()), opts.trustFingerprint());
    }
    PeerClient client;
    try {
      client = new PeerClient(opts.server(), opts.name(), opts.media(), callOptions, event -> {
      if (event instanceof CallEvent.Error err && err.code().equals("untrusted-certificate")) {
        printer.printUntrusted(err.message(), trust.lastRefused(opts.server()).orElse(null));
        failed.set(true);
        done.countDown();
        return;
      }
      printer.print(event);
      PeerClient c = ref.get();
      if (c == null) {
        return;
      }
      if (event instanceof CallEvent.LoggedIn && started.compareAndSet(false, true)) {
        if (opts.call() != null) {
          if (opts.ring()) {
            c.calls().call(opts.call());
          } else {
            c.calls().callDirect(opts.call());
          }
        }
        if (opts.roulette()) {
          c.calls().find();
        }
      } else if (event instanceof CallEvent.LoginFailed) {
        failed.set(true);
        done.countDown();
      } else if (event instanceof CallEvent.ChatOpen m) {
        opts.say().forEach(text -> c.calls().sendChat(m.peer(), text));
      } else if (event instanceof CallEvent.ChatReceived m && opts.echo()) {
        c.calls().sendChat(m.peer(), m.text());
      }
    }, trust);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage()); // an unknown --camera/--mic/--speaker: the valid names are in it
      return 2;
    }
    ref.set(client);
    client.media().audio().setOnChanged(printer::printAudio);
    client.media().setOnSharingEnded(reason -> {
      printer.printError("share-failed", reason);
      printer.printSharing(null);
    });
    printer.printAudio(client.media().audio().state());
    Thread hook = new Thread(client::close, "headless-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    client.start();
    startCommandReader(client, printer, done);
    if (opts.duration() == null) {
      done.await();
    } else {
      done.await(opts.duration().toMillis(), TimeUnit.MILLISECONDS);
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    client.close();
    return failed.get() ? 1 : 0;
  }

  private static void startCommandReader(PeerClient client, EventPrinter printer, CountDownLatch done) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          try {
            if (!command(client, printer, line.trim())) {
              done.countDown();
              return;
            }
          } catch (RuntimeException e) { // e.g. "hangup" without a name: say so, keep reading
            printer.printError("bad-command", "Cannot run '" + line.trim() + "': "
                + (e instanceof ArrayIndexOutOfBoundsException ? "it needs an argument" : e.getMessage()));
          }
        }
      } catch (Exception e) {
        System.err.println("stdin: " + e);
      }
    }, "headless-stdin");
    t.setDaemon(true);
    t.start();
  }

  /** Returns false for {@code quit}. */
  private static boolean command(PeerClient client, EventPrinter printer, String line) {
    String[] p = line.split(" ", 3);
    switch (p[0]) {
      case "quit" -> {
        return false;
      }
      case "hangup" -> client.calls().hangup(p[1]);
      case "say" -> client.calls().sendChat(p[1], p.length > 2 ? p[2] : "");
      case "pause", "resume" -> client.calls().setPaused(p[1], p[0].equals("pause"));
      case "camera" -> client.media().selectCamera(line.substring("camera ".length()));
      case "video" -> setVideoQuality(client, line.substring("video".length()));
      case "mic", "speaker" -> {
        String name = line.substring(p[0].length()).trim();
        boolean ok = p[0].equals("mic") ? client.media().audio().selectMicrophone(name) : client.media().audio().selectSpeaker(name);
        if (!ok) { // on success the engine reports the new audio state
          List<String> names = p[0].equals("mic") ? client.media().audio().microphones() : client.media().audio().speakers();
          printer.printError("unknown-device", "No " + (p[0].equals("mic") ? "microphone" : "speaker") + " named '"
              + name + "'. " + (names.isEmpty() ? "There are none." : "Choose one of: " + String.join(", ", names)));
        }
      }
      case "share" -> share(client, printer, line.substring("share".length()).trim());
      case "next" -> client.calls().next();
      case "relay-only" -> {
        if (p.length < 2 || !(p[1].equals("on") || p[1].equals("off"))) {
          printer.printError("bad-command", "Use: relay-only on|off");
        } else {
          client.calls().setRelayOnly(p[1].equals("on"));
        }
      }
      case "" -> { }
      default -> printer.printError("unknown-command", "Unknown command '" + p[0]
          + "'; commands: hangup, say, pause, resume, camera, video, mic, speaker, share, relay-only, next, quit");
    }
    return true;
  }

  /**
   * {@code share [SCREEN]} shares a screen (the first without a name), {@code share stop} returns
   * to the camera; each prints a {@code sharing} event, a failure an {@code error share-failed}.
   */
  private static void share(PeerClient client, EventPrinter printer, String arg) {
    try {
      if (arg.equals("stop")) {
        client.media().stopSharing();
        printer.printSharing(null);
      } else {
        printer.printSharing(client.media().shareScreen(arg.isEmpty() ? null : arg));
      }
    } catch (RuntimeException e) {
      Throwable cause = e instanceof IllegalStateException && e.getCause() != null ? e.getCause() : e;
      printer.printError("share-failed", cause.getMessage());
    }
  }

  /** A bad value or a failed switch is reported on stderr; the peer keeps running. */
  private static void setVideoQuality(PeerClient client, String text) {
    try {
      client.media().setVideoQuality(VideoQuality.parse(text));
    } catch (RuntimeException e) {
      System.err.println("video: " + e.getMessage());
    }
  }
}
