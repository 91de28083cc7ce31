package dev.peerphone.app.cli;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.IceConfig;
import dev.peerphone.app.peerjs.PeerJsCalls;
import dev.peerphone.app.peerjs.PeerJsData;
import dev.peerphone.app.peerjs.PeerServerSignals;
import dev.peerphone.app.rtc.RtcEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./peerphone headless --peerjs URL --id ID}: the headless peer registered on a PeerServer
 * as a PeerJS peer ({@link PeerJsCalls} over {@link PeerServerSignals}), with the same JSON events
 * on stdout and stdin commands {@code call ID}, {@code say|chat ID TEXT}, {@code connect ID
 * binary|json|raw}, {@code hangup ID}, {@code pause|resume audio|video}, {@code quit}.
 *
 * <p>Threading: engine events on the call executor; stdin on its own thread, which only posts.
 */
final class PeerJsHeadless {
  private PeerJsHeadless() {}

  static int run(HeadlessOptions opts, PrintStream stdout) throws InterruptedException {
    EventPrinter printer = new EventPrinter(stdout);
    CountDownLatch done = new CountDownLatch(1);
    AtomicBoolean failed = new AtomicBoolean();
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "call-" + opts.name());
      t.setDaemon(true);
      return t;
    });
    RtcEngine engine;
    try {
      engine = RtcEngine.create(executor, opts.media());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    PeerJsCalls[] ref = new PeerJsCalls[1];
    PeerJsCalls calls = new PeerJsCalls(executor, engine, () -> new IceConfig(List.of(), opts.relayOnly()), true, true,
        event -> {
          printer.print(event);
          if (event instanceof CallEvent.LoggedIn && opts.call() != null) {
            ref[0].call(opts.call());
          } else if (event instanceof CallEvent.LoginFailed) {
            failed.set(true);
            done.countDown();
          } else if (event instanceof CallEvent.CallConnected m) {
            // A PeerJS call has no chat channel: chat opens a DataConnection of its own.
            opts.say().forEach(text -> ref[0].sendChat(m.peer(), text));
          }
        });
    ref[0] = calls;
    if (opts.echo()) {
      calls.setOnData(calls::sendData);
    }
    PeerServerSignals signals;
    try {
      signals = new PeerServerSignals(opts.peerjs(), opts.peerjsKey(), opts.name(), calls);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      engine.close();
      return 2;
    }
    calls.attach(signals);
    signals.start();
    startCommandReader(calls, engine, executor, printer, done);
    if (opts.duration() == null) {
      done.await();
    } else {
      done.await(opts.duration().toMillis(), TimeUnit.MILLISECONDS);
    }
    try {
      calls.shutdown().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("shutdown: " + e);
    }
    signals.close();
    engine.close();
    executor.shutdown();
    return failed.get() ? 1 : 0;
  }

  private static void startCommandReader(PeerJsCalls calls, RtcEngine engine, ScheduledExecutorService executor,
      EventPrinter printer, CountDownLatch done) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          String[] p = line.trim().split(" ", 3);
          try {
            switch (p[0]) {
              case "quit" -> {
                done.countDown();
                return;
              }
              case "call" -> calls.call(p[1]);
              case "hangup" -> calls.hangup(p[1]);
              case "say", "chat" -> calls.sendChat(p[1], p.length > 2 ? p[2] : "");
              case "connect" -> {
                PeerJsData.Kind kind = PeerJsData.Kind.of(p.length > 2 ? p[2] : "binary");
                if (kind == null) {
                  printer.printError("bad-command", "Use: connect ID binary|json|raw");
                } else {
                  calls.connect(p[1], kind);
                }
              }
              case "pause", "resume" -> executor.execute(() -> engine.setEnabled(p[1], p[0].equals("resume")));
              case "" -> { }
              default -> printer.printError("unknown-command", "Unknown command '" + p[0]
                  + "'; commands: call, say, chat, connect, hangup, pause, resume, quit");
            }
          } catch (ArrayIndexOutOfBoundsException e) {
            printer.printError("bad-command", "Cannot run '" + line.trim() + "': it needs an argument");
          }
        }
      } catch (Exception e) {
        System.err.println("stdin: " + e);
      }
    }, "headless-stdin");
    t.setDaemon(true);
    t.start();
  }
}
