package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.UserStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Several calls in the view-model against a fake engine, on direct executors. */
class CallTilesTest {
  private final FakeBackend engine = new FakeBackend();
  private final PhoneModel model = new PhoneModel(engine, Runnable::run, Runnable::run, new MutableClock(),
      (s, f) -> { });
  private final CallTiles tiles = model.tiles();
  private final List<String> choices = new ArrayList<>();

  private void signedIn() {
    model.onChoice((k, v) -> choices.add(k + "=" + v));
    model.signIn("teacher", "");
    engine.emit(new CallEvent.LoggedIn("teacher", List.of(new UserStatus("teacher", "available"))));
    engine.commands.clear();
  }

  private void connected(String peer) {
    engine.emit(new CallEvent.CallConnected(peer, 100));
  }

  @Test
  void theOptionGoesToTheEngineIsRememberedAndReachesAPhoneThatSignsInLater() {
    tiles.setMultiCall(true);
    assertEquals(List.of(), engine.commands, "no engine before sign-in");
    signedIn();
    assertTrue(tiles.multiCallProperty().get());
    model.signIn("teacher", "");
    assertTrue(engine.commands.isEmpty(), "signed in already: nothing");
    PhoneModel fresh = new PhoneModel(engine, Runnable::run, Runnable::run, new MutableClock(), (s, f) -> { });
    fresh.tiles().apply(true);
    fresh.signIn("t2", "");
    assertTrue(engine.commands.contains("multi-call on"), engine.commands.toString());
    engine.commands.clear();
    tiles.setMultiCall(false);
    assertEquals(List.of("multi-call off"), engine.commands);
    assertEquals(List.of("multiCall=false"), choices);
  }

  @Test
  void withoutTheOptionASecondCallIsRefusedWithANoticeAndWithItGoesOut() {
    signedIn();
    model.call("s1");
    model.call("s2");
    assertEquals(List.of("call s1"), engine.commands);
    assertTrue(model.noticeProperty().get().contains("allow several calls"));
    tiles.setMultiCall(true);
    model.call("s2");
    assertEquals(List.of("call s1", "multi-call on", "call s2"), engine.commands);
  }

  @Test
  void callersRingOneAtATimeAndTheNextShowsWhenOneIsAnsweredOrGivesUp() {
    signedIn();
    tiles.setMultiCall(true);
    engine.emit(new CallEvent.IncomingCall("s1"));
    engine.emit(new CallEvent.IncomingCall("s2"));
    engine.emit(new CallEvent.IncomingCall("s3"));
    engine.emit(new CallEvent.IncomingCall("s2")); // rings again: still once in the queue
    assertEquals("s1", model.incomingCallerProperty().get());
    assertEquals(2, tiles.waitingCallersProperty().get(), "s2 and s3 wait behind s1");
    model.accept();
    assertEquals("s2", model.incomingCallerProperty().get());
    assertEquals(1, tiles.waitingCallersProperty().get());
    engine.emit(new CallEvent.CallEnded("s2", "remote-hangup")); // s2 gave up while waiting
    assertEquals("s3", model.incomingCallerProperty().get());
    assertEquals(0, tiles.waitingCallersProperty().get());
    model.reject();
    assertEquals("", model.incomingCallerProperty().get());
    assertTrue(engine.commands.containsAll(List.of("accept s1", "reject s3")), engine.commands.toString());
  }

  @Test
  void tilesFollowTheCallsAndChatGoesToTheChosenPeerOnly() {
    signedIn();
    tiles.setMultiCall(true);
    connected("s1");
    connected("s2");
    connected("s3");
    assertEquals(List.of("s1", "s2", "s3"), tiles.peers());
    assertEquals("s1", tiles.chatToProperty().get(), "the first call until the user chooses");
    tiles.chatTo("nobody");
    assertEquals("s1", tiles.chatToProperty().get(), "only a peer with a tile");
    tiles.chatTo("s2");
    engine.commands.clear();
    assertTrue(model.sendChat("for s2"));
    assertEquals(List.of("chat s2 for s2"), engine.commands);
    ChatLine line = model.chat().get(model.chat().size() - 1);
    assertEquals("s2", line.to());
    assertEquals(ChatLine.Delivery.PENDING, line.delivery());
    engine.emit(new CallEvent.ChatSent("s1", "for s2"));
    assertEquals(ChatLine.Delivery.PENDING, model.chat().get(model.chat().size() - 1).delivery(), "not s1's");
    engine.emit(new CallEvent.ChatSent("s2", "for s2"));
    assertEquals(ChatLine.Delivery.DELIVERED, model.chat().get(model.chat().size() - 1).delivery());
    assertTrue(ChatPane.format(model.chat().get(model.chat().size() - 1)).contains("teacher \u2192 s2: for s2"));

    engine.emit(new CallEvent.CallEnded("s2", "remote-hangup"));
    assertEquals(List.of("s1", "s3"), tiles.peers());
    assertEquals("s1", tiles.chatToProperty().get(), "the chosen peer left: the first call");
  }

  @Test
  void muteForMeAndATilesHangUpConcernThatPeerOnlyAndEndWithTheCall() {
    signedIn();
    tiles.setMultiCall(true);
    connected("s1");
    connected("s2");
    engine.commands.clear();
    tiles.setMutedForMe("s1", true);
    tiles.setMutedForMe("s1", true);
    tiles.setMutedForMe("nobody", true);
    assertEquals(Set.of("s1"), tiles.mutedForMe());
    tiles.hangUp("s2");
    assertEquals(List.of("mute-for-me s1", "hangup s2"), engine.commands);
    engine.emit(new CallEvent.CallEnded("s2", "hangup"));
    assertEquals(List.of("s1"), tiles.peers());
    tiles.setMutedForMe("s1", false);
    assertFalse(tiles.mutedForMe().contains("s1"));
    tiles.setMutedForMe("s1", true);
    engine.emit(new CallEvent.CallEnded("s1", "remote-hangup"));
    assertTrue(tiles.mutedForMe().isEmpty(), "a call that ends forgets its mute");
    assertEquals("", tiles.chatToProperty().get());
  }

  @Test
  void theGridHasOneTwoThreeColumnsUpToNineTilesAndSmallerTilesBeyond() {
    int[][] expected = {{0, 1, 1}, {1, 1, 1}, {2, 2, 1}, {3, 2, 2}, {4, 2, 2}, {5, 3, 2}, {9, 3, 3}, {10, 4, 3},
        {16, 4, 4}, {17, 5, 4}};
    for (int[] e : expected) {
      assertEquals(e[1], VideoPane.columns(e[0]), "columns for " + e[0]);
      assertEquals(e[2], VideoPane.rows(e[0]), "rows for " + e[0]);
    }
  }

  @Test
  void repeatedCallNeedsMultiCallOnTheCommandLine() {
    DesktopOptions o = DesktopOptions.parse(new String[] {"--multi-call", "--call", "s1", "--call", "s2",
        "--bench-stats", "/tmp/x"});
    assertEquals(List.of("s1", "s2"), o.calls());
    assertEquals("s1", o.call());
    assertTrue(o.multiCall());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DesktopOptions.parse(new String[] {"--call", "s1", "--call", "s2"}));
    assertEquals("--call more than once needs --multi-call", e.getMessage());
    assertFalse(DesktopOptions.parse(new String[0]).multiCall());
  }
}
