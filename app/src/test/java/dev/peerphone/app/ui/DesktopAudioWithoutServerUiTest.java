package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLibrary;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.rtc.RtcEngine;
import dev.peerphone.app.testing.HeadlessProcess;
import javafx.scene.Node;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real window asking for real audio on a machine without a sound server: the meter and the
 * speaker dropdown are off, the window says plainly why, the Test button only says so, and an
 * incoming call still rings through to a connected call.
 */
class DesktopAudioWithoutServerUiTest extends UiTestBase {

  @BeforeAll
  static void noSoundServer() {
    // A server address that does not exist: whatever this machine runs, libpulse finds nothing.
    NativeLibrary.getInstance("c").getFunction("setenv")
        .invokeInt(new Object[] {"PULSE_SERVER", "unix:/nonexistent/peerphone-test/native", 1});
  }

  @Override
  MediaConfig media() {
    return new MediaConfig(RtcEngine.TEST_PATTERN_640, false, null); // real audio asked for
  }

  @Test
  void theMeterAndSpeakerAreOffTheReasonIsPlainAndAnIncomingCallStillConnects() {
    signIn("alice");
    waitUntil("the reason is shown", () -> text("#missing").contains("No audio server"));
    System.out.println("missing line: " + fx(() -> text("#missing")));
    assertTrue(fx(() -> lookup("#micLevel").query().isDisabled()), "meter disabled");
    assertTrue(fx(() -> lookup("#micLevel").queryAs(ProgressBar.class).getProgress() == 0), "meter empty");
    assertTrue(fx(() -> lookup("#speaker").query().isDisabled()), "speaker dropdown disabled");
    assertTrue(fx(() -> lookup("#speaker").queryComboBox().getItems().isEmpty()));

    showSettings();
    clickOn("#testSpeaker");
    waitUntil("Test says why nothing plays", () -> window.model().noticeProperty().get().startsWith("No audio server"));

    HeadlessProcess bob = peer("bob", "--call", "alice", "--fake-video");
    waitUntil("bob is calling", () -> visible("#incoming"));
    clickOn("#accept");
    bob.await("call-connected", TIMEOUT);
    waitUntil("bob's tile", () -> lookup("#speaking-bob").tryQuery().isPresent());
    fx(() -> {
      Screenshot.save(window.stage().getScene(), java.nio.file.Path.of("target/desktop-audio-without-server.png"));
      return null;
    });
    assertFalse(visible("#speaking-bob"), "silence is nobody speaking");
    assertFalse(fx(() -> window.model().noticeProperty().get()).startsWith("Failed"));
    clickOn("#hangUp");
    bob.await("call-ended", TIMEOUT);
  }

  private String text(String query) {
    Node n = lookup(query).query();
    return ((javafx.scene.control.Labeled) n).getText();
  }
}
