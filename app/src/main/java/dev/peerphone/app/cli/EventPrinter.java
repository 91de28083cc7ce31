package dev.peerphone.app.cli;

import com.google.gson.JsonObject;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallStats;
import dev.peerphone.app.net.ServerCertificate;
import dev.peerphone.app.rtc.AudioState;
import java.io.PrintStream;

/** Turns {@link CallEvent}s into the headless peer's one-JSON-object-per-line output. Thread-safe. */
final class EventPrinter {
  private final PrintStream out;

  EventPrinter(PrintStream out) {
    this.out = out;
  }

  /** Returns null for events the headless output does not show. */
  static JsonObject toJson(CallEvent e) {
    JsonObject o = new JsonObject();
    if (e instanceof CallEvent.LoggedIn m) {
      o.addProperty("event", "logged-in");
      o.addProperty("name", m.name());
    } else if (e instanceof CallEvent.LoginFailed m) {
      o.addProperty("event", "error");
      o.addProperty("code", "login-failed");
      o.addProperty("message", m.reason());
    } else if (e instanceof CallEvent.SignalingLost) {
      o.addProperty("event", "signaling-lost");
    } else if (e instanceof CallEvent.IncomingCall m) {
      peer(o, "incoming-call", m.peer());
    } else if (e instanceof CallEvent.Ringing m) {
      peer(o, "ringing", m.peer());
    } else if (e instanceof CallEvent.CallConnected m) {
      peer(o, "call-connected", m.peer()).addProperty("setupMs", m.setupMs());
    } else if (e instanceof CallEvent.ChatOpen m) {
      peer(o, "chat-open", m.peer()).addProperty("setupMs", m.setupMs());
    } else if (e instanceof CallEvent.FirstVideoFrame m) {
      peer(o, "first-video", m.peer()).addProperty("setupMs", m.setupMs());
      o.addProperty("width", m.width());
      o.addProperty("height", m.height());
    } else if (e instanceof CallEvent.ChatReceived m) {
      peer(o, "chat", m.peer()).addProperty("text", m.text());
    } else if (e instanceof CallEvent.ChatUndelivered m) {
      peer(o, "chat-undelivered", m.peer()).addProperty("text", m.text());
    } else if (e instanceof CallEvent.RemoteTrackPaused m) {
      peer(o, "remote-paused", m.peer()).addProperty("kind", m.kind());
      o.addProperty("paused", m.paused());
    } else if (e instanceof CallEvent.RemoteVideo m) {
      peer(o, "remote-video", m.peer()).addProperty("frames", m.frames());
      o.addProperty("width", m.width());
      o.addProperty("height", m.height());
    } else if (e instanceof CallEvent.RemoteAudio m) {
      peer(o, "remote-audio", m.peer()).addProperty("level", Math.round(m.level() * 10000) / 10000.0);
      o.addProperty("dbfs", Math.round(m.dbfs() * 10) / 10.0);
    } else if (e instanceof CallEvent.Stats m) {
      stats(peer(o, "call-stats", m.peer()), m.stats());
    } else if (e instanceof CallEvent.Match m) {
      peer(o, "match", m.peer()).addProperty("initiator", m.initiator());
    } else if (e instanceof CallEvent.RouletteStatus m) {
      o.addProperty("event", "roulette");
      o.addProperty("status", m.status());
    } else if (e instanceof CallEvent.CallEnded m) {
      peer(o, "call-ended", m.peer()).addProperty("reason", m.reason());
    } else if (e instanceof CallEvent.Error m) {
      o.addProperty("event", "error");
      o.addProperty("code", m.code());
      o.addProperty("message", m.message());
    } else {
      return null;
    }
    return o;
  }

  /**
   * {@code call-stats {local,remote,protocol,[relayProtocol],rttMs,kbpsIn,kbpsOut,fpsIn,fpsOut,loss,
   * codecIn,codecOut,videoIn,videoOut,jitterMs,lossOut}}: candidate types and transport of the pair
   * in use (no addresses), {@code rttMs}, {@code jitterMs} and {@code lossOut} null until measured;
   * rates over the last second.
   */
  private static void stats(JsonObject o, CallStats s) {
    o.addProperty("local", s.local());
    o.addProperty("remote", s.remote());
    o.addProperty("protocol", s.protocol());
    if (!s.relayProtocol().isEmpty()) {
      o.addProperty("relayProtocol", s.relayProtocol());
    }
    o.addProperty("rttMs", Double.isNaN(s.rttMs()) ? null : round(s.rttMs(), 10));
    o.addProperty("kbpsIn", round(s.kbpsIn(), 10));
    o.addProperty("kbpsOut", round(s.kbpsOut(), 10));
    o.addProperty("fpsIn", round(s.fpsIn(), 10));
    o.addProperty("fpsOut", round(s.fpsOut(), 10));
    o.addProperty("loss", round(s.loss(), 10000));
    o.addProperty("codecIn", s.codecIn());
    o.addProperty("codecOut", s.codecOut());
    o.addProperty("videoIn", s.videoIn());
    o.addProperty("videoOut", s.videoOut());
    o.addProperty("jitterMs", Double.isNaN(s.jitterMs()) ? null : round(s.jitterMs(), 10));
    o.addProperty("lossOut", Double.isNaN(s.lossOut()) ? null : round(s.lossOut(), 10000));
  }

  private static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }

  private static JsonObject peer(JsonObject o, String event, String peer) {
    o.addProperty("event", event);
    o.addProperty("peer", peer);
    return o;
  }

  void print(CallEvent e) {
    JsonObject o = toJson(e);
    if (o != null) {
      println(o);
    }
  }

  /**
   * {@code audio {server, microphone, speaker, silent, notice}}: the devices in use; {@code silent}
   * when silence is sent (no microphone), {@code notice} says why or what changed.
   */
  void printAudio(AudioState a) {
    JsonObject o = new JsonObject();
    o.addProperty("event", "audio");
    o.addProperty("server", a.server());
    o.addProperty("microphone", a.microphone());
    o.addProperty("speaker", a.speaker());
    o.addProperty("silent", a.silent());
    o.addProperty("notice", a.notice());
    println(o);
  }

  /**
   * {@code error {code:"untrusted-certificate", message, host, port, fingerprint, changed,
   * previousFingerprint?}}: the server's certificate is not trusted; nothing was sent to it.
   */
  void printUntrusted(String message, ServerCertificate c) {
    JsonObject o = new JsonObject();
    o.addProperty("event", "error");
    o.addProperty("code", "untrusted-certificate");
    o.addProperty("message", message);
    if (c == null) {
      println(o);
      return;
    }
    o.addProperty("host", c.host());
    o.addProperty("port", c.port());
    o.addProperty("fingerprint", c.fingerprint());
    o.addProperty("changed", c.changed());
    if (c.changed()) {
      o.addProperty("previousFingerprint", c.previousFingerprint());
    }
    println(o);
  }

  /** {@code sharing {sharing, screen}}: the screen now sent instead of the camera, or none ({@code null}). */
  void printSharing(String screen) {
    JsonObject o = new JsonObject();
    o.addProperty("event", "sharing");
    o.addProperty("sharing", screen != null);
    o.addProperty("screen", screen);
    println(o);
  }

  void printError(String code, String message) {
    JsonObject o = new JsonObject();
    o.addProperty("event", "error");
    o.addProperty("code", code);
    o.addProperty("message", message);
    println(o);
  }

  private void println(JsonObject o) {
    synchronized (out) {
      out.println(o);
      out.flush();
    }
  }
}
