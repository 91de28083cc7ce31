package dev.peerphone.app.ui;

import dev.peerphone.app.call.CallEvent;
import java.util.List;

/**
 * Applies one engine {@link CallEvent} to the {@link PhoneModel}. Kept apart from the model so
 * the model reads as properties + commands, and this as the event table.
 *
 * <p>Threading: FX thread only (the model hands every event over with its {@code fx} executor).
 */
final class EventHandler {
  private final PhoneModel m;

  EventHandler(PhoneModel m) {
    this.m = m;
  }

  void handle(CallEvent event) {
    Status s = m.status;
    if (event instanceof CallEvent.LoggedIn e) {
      m.loggedIn(e.name(), e.users());
    } else if (event instanceof CallEvent.LoginFailed e) {
      m.loginFailed(e.reason());
    } else if (event instanceof CallEvent.SignalingLost) {
      s.signaling = "reconnecting";
    } else if (event instanceof CallEvent.UsersChanged e) {
      m.setUsers(e.users());
    } else if (event instanceof CallEvent.IncomingCall e) {
      m.tiles.ringing(e.peer());
    } else if (event instanceof CallEvent.Ringing e) {
      phase(e.peer(), CallPhase.CALLING);
      m.audio.ringDelivered(e.peer());
    } else if (event instanceof CallEvent.Answered e) {
      phase(e.peer(), CallPhase.CONNECTING); // the ringback stops
    } else if (event instanceof CallEvent.Match e) {
      m.rouletteStatusWrapper().set("Connected to a peer");
      m.chatLines().add(system("Matched with " + e.peer()));
      phase(e.peer(), CallPhase.CONNECTING);
    } else if (event instanceof CallEvent.CallConnected e) {
      m.tiles.ringingOver(e.peer());
      phase(e.peer(), CallPhase.CONNECTED);
      s.mediaConnected = true;
      s.connectedAt = m.clock().millis();
      showVideo(e.peer());
    } else if (event instanceof CallEvent.ChatOpen) {
      s.chatOpen = true;
    } else if (event instanceof CallEvent.FirstVideoFrame e) {
      showVideo(e.peer());
    } else if (event instanceof CallEvent.ChatReceived e) {
      m.chatLines().add(new ChatLine(e.peer(), m.myNameProperty().get(), m.now(), e.text(), ChatLine.Delivery.RECEIVED));
    } else if (event instanceof CallEvent.ChatSent e) {
      mark(e.peer(), e.text(), ChatLine.Delivery.DELIVERED);
    } else if (event instanceof CallEvent.ChatUndelivered e) {
      mark(e.peer(), e.text(), ChatLine.Delivery.FAILED);
    } else if (event instanceof CallEvent.RemoteTrackPaused e) {
      if (e.kind().equals("video")) {
        m.tiles.paused(e.peer(), e.paused());
      }
    } else if (event instanceof CallEvent.RelayPolicy e) {
      m.serverRelayWrapper().set(e.relayOnly());
      m.iceUrls = e.iceUrls();
    } else if (event instanceof CallEvent.Stats e) {
      s.stats(e.peer(), e.stats());
      m.stats.add(e.peer(), e.stats(), m.now());
    } else if (event instanceof CallEvent.CallEnded e) {
      ended(e.peer(), e.reason());
    } else if (event instanceof CallEvent.RouletteStatus e) {
      m.rouletteStatusWrapper().set(e.status());
    } else if (event instanceof CallEvent.Error e) {
      if (e.code().equals("untrusted-certificate")) { // the server's certificate changed: the client stopped
        s.signaling = "stopped, certificate not trusted";
      }
      m.noticeWrapper().set(e.message());
    }
    m.refreshCall();
  }

  private void phase(String peer, CallPhase p) {
    m.calls().put(peer, p);
  }

  private void showVideo(String peer) {
    m.tiles.show(peer);
  }

  private void ended(String peer, String reason) {
    boolean wasCall = m.calls().remove(peer) != null;
    m.tiles.ended(peer);
    m.stats.ended(peer);
    if (m.calls().isEmpty()) {
      m.status.callOver();
    }
    if (wasCall || !reason.equals("declined")) {
      String text = switch (reason) {
        case "hangup" -> "You hung up on " + peer + ".";
        case "remote-hangup" -> peer + " hung up.";
        case "rejected", "declined" -> peer + " declined the call.";
        case "busy" -> peer + " is busy.";
        case "unknown-user" -> peer + " is not online.";
        case "next" -> "Skipped " + peer + ".";
        case "relay-unavailable" -> "No call with " + peer + ": relay-only needs a TURN server.";
        default -> "Call with " + peer + " ended (" + reason + ").";
      };
      m.noticeWrapper().set(text);
      m.chatLines().add(system(text));
    }
  }

  /** The oldest pending line of ours to {@code peer} with this text gets its delivery state. */
  private void mark(String peer, String text, ChatLine.Delivery d) {
    List<ChatLine> lines = m.chatLines();
    for (int i = 0; i < lines.size(); i++) {
      ChatLine l = lines.get(i);
      if (l.delivery() == ChatLine.Delivery.PENDING && l.text().equals(text) && l.to().equalsIgnoreCase(peer)) {
        lines.set(i, l.with(d));
        return;
      }
    }
  }

  private ChatLine system(String text) {
    return new ChatLine("", "", m.now(), text, ChatLine.Delivery.RECEIVED);
  }
}
