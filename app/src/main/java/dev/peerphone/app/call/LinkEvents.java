package dev.peerphone.app.call;

/**
 * Routes one link's callbacks to the controller, dropping those of a call that has already
 * ended or been replaced. Runs on the call executor (links deliver there).
 */
final class LinkEvents implements PeerLink.Listener {
  private final CallController controller;
  private final Call call;
  private final SignalingPort signaling;

  LinkEvents(CallController controller, Call call, SignalingPort signaling) {
    this.controller = controller;
    this.call = call;
    this.signaling = signaling;
  }

  @Override
  public void localDescription(SessionDescription d) {
    if (!controller.isLive(call)) {
      return;
    }
    if ("offer".equals(d.type())) {
      signaling.offer(call.peer, d);
    } else {
      signaling.answer(call.peer, d);
    }
  }

  @Override
  public void localCandidate(IceCandidate candidate) {
    // The end-of-candidates marker is not sent: tutorial pages pass every candidate to
    // new RTCIceCandidate(...), which some browsers reject for null.
    if (candidate != null && controller.isLive(call)) {
      signaling.candidate(call.peer, candidate);
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
      controller.onChatOpen(call);
    }
  }

  @Override
  public void chatClosed() {
    call.chatOpen = false;
    if (controller.isLive(call)) {
      controller.onChatClosed(call);
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
      controller.onControl(call, json);
    }
  }

  @Override
  public void firstVideoFrame(int width, int height) {
    if (controller.isLive(call)) {
      controller.onFirstFrame(call, width, height);
    }
  }

  @Override
  public void failed(String code, String message) {
    if (controller.isLive(call)) {
      controller.onFailed(call, code, message);
    }
  }
}
