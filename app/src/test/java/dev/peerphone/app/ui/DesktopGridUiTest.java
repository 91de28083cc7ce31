package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.rtc.RtcEngine;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.Recorder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The proctor grid in the real window: with "Allow several calls" on, four peers (in-process
 * clients on the real server with real WebRTC, the 320x240 test pattern) call at once and are
 * accepted one after another; four tiles show moving video; chat goes to the chosen peer only;
 * mute-for-me stops playing one peer's audio here only; a tile's hang-up ends that call only;
 * the grid re-flows as peers go.
 */
class DesktopGridUiTest extends UiTestBase {
  private static final List<String> STUDENTS = List.of("s1", "s2", "s3", "s4");
  private Peers peers;

  @AfterEach
  void closePeers() {
    if (peers != null) {
      peers.close();
    }
  }

  @Test
  void fourPeersAtOnceGetATileEachWithTheirOwnChatMuteAndHangUpAndTheGridReflows() throws Exception {
    signIn("teacher");
    showSettings();
    clickOn("#multiCall");
    waitUntil("several calls allowed", () -> window.model().tiles().multiCallProperty().get());

    peers = new Peers(server);
    MediaConfig media = new MediaConfig(RtcEngine.TEST_PATTERN_320, true, null);
    Map<String, Recorder> rec = new LinkedHashMap<>();
    Map<String, PeerClient> client = new LinkedHashMap<>();
    for (String s : STUDENTS) {
      rec.put(s, new Recorder(s));
      client.put(s, peers.start(s, rec.get(s), CallOptions.defaults(), media));
    }
    STUDENTS.forEach(s -> client.get(s).calls().call("teacher"));
    // The banner shows one caller and says how many more ring behind it.
    waitUntil("banner counts the callers behind", () -> fx(() -> ((javafx.scene.control.Label) lookup("#incomingCaller")
        .query()).getText()).matches("s\\d is calling \\(3 more waiting\\)"));
    for (int i = 0; i < STUDENTS.size(); i++) { // one banner at a time, the others wait behind it
      waitUntil("a caller shown", () -> !window.model().incomingCallerProperty().get().isEmpty());
      clickOn("#accept");
    }
    STUDENTS.forEach(s -> rec.get(s).await(CallEvent.CallConnected.class, TIMEOUT));
    waitUntil("four tiles", () -> window.model().remotePeers().size() == 4);
    assertArrayEquals(new int[] {2, 2}, fx(() -> window.main().video().gridShape()), "four tiles in 2x2");
    for (String s : STUDENTS) {
      HeadlessFx.awaitRemoteVideo(window, s, 3); // drawn, and its pixels change between two samples
      assertTrue(visible("#tile-" + s) && visible("#hangUp-" + s) && visible("#muteFor-" + s), s + "'s tile");
    }

    // Chat to s2 only: chosen under "To", delivered to s2, the others get nothing.
    waitUntil("the recipient choice shows", () -> visible("#chatTo"));
    fx(() -> {
      lookup("#chatTo").<ComboBox<String>>query().setValue("s2");
      return null;
    });
    clickOn("#chatInput").write("only for s2");
    type(KeyCode.ENTER);
    rec.get("s2").await(CallEvent.ChatReceived.class, e -> e.text().equals("only for s2"), TIMEOUT);
    waitUntil("our line says it went to s2 and was delivered", () -> window.model().chat().stream().anyMatch(l ->
        l.text().equals("only for s2") && l.to().equals("s2") && l.delivery() == ChatLine.Delivery.DELIVERED));
    rec.get("s1").assertNone(CallEvent.ChatReceived.class, e -> true, Duration.ofSeconds(1));
    rec.get("s3").assertNeverSaw(CallEvent.ChatReceived.class);
    rec.get("s4").assertNeverSaw(CallEvent.ChatReceived.class);

    // Mute s3 for me: the engine stops playing s3's audio, and only s3's.
    clickOn("#muteFor-s3");
    waitUntil("s3 muted for me", () -> window.model().tiles().mutedForMe().contains("s3"));
    Map<String, Boolean> playing = window.model().tiles().playing().get(10, TimeUnit.SECONDS);
    assertEquals(Map.of("s1", true, "s2", true, "s3", false, "s4", true), playing);

    // s4's own hang-up: s4 is left, the other three go on, the grid stays 2x2 with three tiles.
    clickOn("#hangUp-s4");
    rec.get("s4").await(CallEvent.CallEnded.class, TIMEOUT);
    waitUntil("three tiles", () -> Set.copyOf(window.model().remotePeers()).equals(Set.of("s1", "s2", "s3")));
    assertArrayEquals(new int[] {2, 2}, fx(() -> window.main().video().gridShape()), "three tiles in 2x2");
    HeadlessFx.awaitRemoteVideo(window, "s2", (int) (long) fx(() -> window.main().video().remote("s2").shown()) + 3);
    for (String s : List.of("s1", "s2", "s3")) {
      rec.get(s).assertNeverSaw(CallEvent.CallEnded.class);
    }

    // s1 leaves by itself: two tiles side by side; chat goes on to s2, s3 stays muted.
    client.get("s1").calls().hangup("teacher");
    waitUntil("two tiles", () -> Set.copyOf(window.model().remotePeers()).equals(Set.of("s2", "s3")));
    assertArrayEquals(new int[] {2, 1}, fx(() -> window.main().video().gridShape()), "two tiles side by side");
    assertEquals("s2", fx(() -> window.model().tiles().chatToProperty().get()));
    assertTrue(fx(() -> window.model().tiles().mutedForMe().contains("s3")));
    rec.get("s2").assertNeverSaw(CallEvent.CallEnded.class);
    rec.get("s3").assertNeverSaw(CallEvent.CallEnded.class);
  }
}
