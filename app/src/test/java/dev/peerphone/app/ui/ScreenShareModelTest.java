package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "Share screen" command of the view-model against a fake engine, on direct executors. */
class ScreenShareModelTest {
  private final FakeBackend engine = new FakeBackend();
  private final PhoneModel model = new PhoneModel(engine, Runnable::run, Runnable::run, new MutableClock(), (s, f) -> { });
  private final ScreenShare share = model.screenShare();

  private void signedIn() {
    model.signIn("alice", "");
    engine.emit(new CallEvent.LoggedIn("alice", List.of()));
    engine.commands.clear();
  }

  @Test
  void toggleSharesTheFirstScreenThenReturnsToTheCamera() {
    signedIn();
    share.toggle();
    assertEquals(List.of("share null"), engine.commands);
    assertTrue(share.sharingProperty().get());
    assertEquals("Screen 1 (1280x720)", share.screenProperty().get());
    assertTrue(model.noticeProperty().get().startsWith("Sharing Screen 1 (1280x720)"), model.noticeProperty().get());
    share.toggle();
    assertEquals(List.of("share null", "share stop"), engine.commands);
    assertFalse(share.sharingProperty().get());
    assertEquals("", share.screenProperty().get());
  }

  @Test
  void aFailedShareSaysWhyAndLeavesTheButtonOff() {
    signedIn();
    engine.shareFailure = "Screen sharing needs a graphical display";
    share.toggle();
    assertFalse(share.sharingProperty().get());
    assertEquals("Cannot share the screen: Screen sharing needs a graphical display", model.noticeProperty().get());
  }

  @Test
  void aCaptureThatStopsByItselfTurnsSharingOffWithItsReason() {
    signedIn();
    share.toggle();
    engine.sharingEnded.accept("Screen capture stopped: display gone");
    assertFalse(share.sharingProperty().get());
    assertEquals("Screen capture stopped: display gone", model.noticeProperty().get());
  }
}
