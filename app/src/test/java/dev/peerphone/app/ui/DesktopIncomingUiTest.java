package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerphone.app.testing.HeadlessProcess;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The real window answering: the incoming banner's Accept and Reject, busy while in a call, roulette. */
class DesktopIncomingUiTest extends UiTestBase {

  @Test
  void incomingCallsAreAcceptedOrRejectedFromTheBannerAndBusyWhileInACall() {
    signIn("alice");
    HeadlessProcess carol = peer("carol", "--call", "alice", "--fake-video");
    waitUntil("banner shows carol", () -> visible("#incoming")
        && window.model().incomingCallerProperty().get().equals("carol"));
    clickOn("#accept");
    carol.await("call-connected", TIMEOUT);
    waitUntil("carol's video drawn", () -> window.main().video().remote("carol") != null
        && window.main().video().remote("carol").shown() > 0);

    HeadlessProcess dave = peer("dave", "--call", "alice");
    assertEquals("busy", dave.await("call-ended", TIMEOUT).get("reason").getAsString());

    clickOn("#hangUp");
    carol.await("call-ended", TIMEOUT);
    HeadlessProcess erin = peer("erin", "--call", "alice");
    waitUntil("banner shows erin", () -> window.model().incomingCallerProperty().get().equals("erin"));
    clickOn("#reject");
    erin.await("call-ended", TIMEOUT);
    waitUntil("banner hidden", () -> !visible("#incoming"));
  }

  @Test
  void rouletteStartMatchesAStrangerAndNextOrCtrlNSkipsToAnother() {
    signIn("alice");
    HeadlessProcess zed = peer("zed", "--roulette", "--fake-video");
    clickOn("#rouletteStart");
    zed.await("match", TIMEOUT);
    waitUntil("matched in the window", () -> window.model().peerProperty().get().equals("zed"));
    HeadlessProcess yan = peer("yan", "--roulette", "--fake-video");
    clickOn("#rouletteNext");
    zed.await("call-ended", TIMEOUT);
    waitUntil("matched with another stranger", () -> window.model().peerProperty().get().equals("yan"));
    yan.await("match", TIMEOUT);
    // zed went back into the queue when we skipped it; Ctrl+N skips yan and meets zed again.
    push(KeyCode.CONTROL, KeyCode.N);
    yan.await("call-ended", TIMEOUT);
    waitUntil("Ctrl+N matched another stranger", () -> window.model().peerProperty().get().equals("zed"));
    clickOn("#rouletteStop");
    waitUntil("roulette off", () -> !window.model().rouletteOnProperty().get());
  }
}
