package dev.peerphone.app.call;

/**
 * Routes one link's callbacks to the controller, dropping those of a call that has already
 * ended or been replaced. Runs on the call executor (links deliver there).
 */
final class LinkEvents implements PeerLink.Listener {
  private final CallController controller;
  private final Call call;
  private final SignalingPort signaling;
  private final MediaEngine media;

  LinkEvents(CallController controller, Call call, SignalingPort signaling, MediaEngine media) {
    this.controller = controller;
    this.call = call;
    this.signaling = signaling;
    this.media = media;
  }

  @Override
  public void localDescription(SessionDescription d) {
    if (!controller.isLive(call)) {
      return;
    }
    if (call.holdSignals && "offer".equals(d.type())) {
      call.heldOffer = d; // prepared while our ring is pending; sent when the peer accepts
      controller.phase(call, "offer-ready");
      return;
    }
    if ("offer".equals(d.type())) {
      signaling.offer(call.peer, d);
    } else {
      signaling.answer(call.peer, d);
    }
    controller.phase(call, d.type() + "-sent");
  }

  @Override
  public boolean tracing() {
    return controller.tracing();
  }

  @Override
  public void phase(String name, long nanos) {
    if (controller.isLive(call)) {
      controller.phase(call, name, nanos);
    }
  }

  @Override
  public void localCandidate(IceCandidate candidate) {
    // The end-of-candidates marker is not sent: tutorial pages pass every candidate to
    // new RTCIceCandidate(...), which some browsers reject for null.
    if (candidate != null && controller.isLive(call)) {
      if (call.holdSignals) {
        call.heldCandidates.add(candidate);
      } else {
        signaling.candidate(call.peer, candidate);
      }
    }
  }

  @Override
  public void connected() {
    if (controller.isLive(call) && call.phase != Call.Phase.CONNECTED) {
      controller.onConnected(call);
    }
  }

  @Override
  public void chatOpen() {
    if (controller.isLive(call)) {
      chatOpened();
    }
  }

  @Override
  public void chatClosed() {
    call.chatOpen = false;
    if (controller.isLive(call)) {
      if (call.pendingLeave != null) {
        controller.end(call, "remote-hangup", false); // confirms the pending leave: end now
      }
    }
  }

  @Override
  public void chatReceived(String text) {
    if (controller.isLive(call)) {
      controller.emit(new CallEvent.ChatReceived(call.peer, text));
    }
  }

  @Override
  public void controlReceived(String json) {
    if (controller.isLive(call)) {
      control(json);
    }
  }

  @Override
  public void firstVideoFrame(int width, int height) {
    if (controller.isLive(call)) {
      if (!call.firstFrameReported) {
        call.firstFrameReported = true;
        controller.emit(new CallEvent.FirstVideoFrame(call.peer, CallController.millisSince(call), width, height));
      }
    }
  }

  @Override
  public void stats(CallStats stats) {
    if (controller.isLive(call)) {
      controller.emit(new CallEvent.Stats(call.peer, stats));
    }
  }

  @Override
  public void failed(String code, String message) {
    if (controller.isLive(call)) {
      controller.emit(new CallEvent.Error(code, message));
      controller.end(call, "failed", true);
    }
  }

  private void chatOpened() {
    call.chatOpen = true;
    if (!call.chatOpenReported) {
      call.chatOpenReported = true;
      controller.phase(call, "dc-open");
      controller.emit(new CallEvent.ChatOpen(call.peer, CallController.millisSince(call)));
      for (String kind : new String[] {"audio", "video"}) {
        if (!media.isEnabled(kind)) {
          call.link.sendControl(Control.track(kind, true)); // the peer joins a paused track
        }
      }
    }
    while (!call.outbox.isEmpty() && call.link.sendChat(call.outbox.peek())) {
      controller.emit(new CallEvent.ChatSent(call.peer, call.outbox.poll()));
    }
  }

  private void control(String json) {
    Control.Message m = Control.parse(json);
    if (m instanceof Control.Bye) {
      controller.end(call, "remote-hangup", false);
    } else if (m instanceof Control.Track t) {
      controller.emit(new CallEvent.RemoteTrackPaused(call.peer, t.kind(), t.paused()));
    } else if (m instanceof Control.Invalid i) {
      controller.emit(new CallEvent.Error("invalid-message", i.why()));
    }
  }
}
