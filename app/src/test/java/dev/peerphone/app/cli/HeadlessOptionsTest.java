package dev.peerphone.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.rtc.RtcEngine;
import dev.peerphone.app.rtc.VideoQuality;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadlessOptionsTest {
  @Test
  void parsesEveryOption() {
    HeadlessOptions o = HeadlessOptions.parse(new String[] {"--server", "ws://h:1", "--name", "n", "--call", "p",
        "--no-ring", "--roulette", "--echo", "--say", "a", "--say", "b c", "--fake-video", "--fake-audio",
        "--duration", "2.5", "--multi-call", "--relay-only"});
    assertEquals("ws://h:1", o.server().toString());
    assertEquals("p", o.call());
    assertTrue(!o.ring() && o.roulette() && o.echo() && o.multiCall() && o.relayOnly());
    assertEquals(List.of("a", "b c"), o.say());
    assertEquals(RtcEngine.TEST_PATTERN_640, o.media().camera());
    assertTrue(o.media().fakeAudio());
    assertEquals(Duration.ofMillis(2500), o.duration());
  }

  @Test
  void defaultsRunUntilKilledOnRealDevices() {
    HeadlessOptions o = HeadlessOptions.parse(new String[] {"--server", "ws://h:1", "--name", "n"});
    assertNull(o.duration());
    assertNull(o.media().camera());
    assertTrue(o.ring());
    assertTrue(!o.relayOnly(), "media may go peer to peer unless asked otherwise");
  }

  @Test
  void badCommandLinesAreRefusedWithAReason() {
    assertThrows(IllegalArgumentException.class, () -> HeadlessOptions.parse(new String[] {"--name", "n"}));
    assertThrows(IllegalArgumentException.class, () -> HeadlessOptions.parse(new String[] {"--server"}));
    assertThrows(IllegalArgumentException.class,
        () -> HeadlessOptions.parse(new String[] {"--server", "ws://h", "--name", "n", "--duration", "soon"}));
  }

  @Test
  void videoQualityIsReadAsWidthHeightAtFpsAndLeftUnsetByDefault() {
    HeadlessOptions o = HeadlessOptions.parse(new String[] {"--server", "ws://h:1", "--name", "n", "--video", "320x240@15"});
    assertEquals(new VideoQuality(320, 240, 15), o.media().video());
    assertNull(HeadlessOptions.parse(new String[] {"--server", "ws://h:1", "--name", "n"}).media().video());
    assertTrue(HeadlessOptions.USAGE.contains("--video WxH@FPS"));
  }

  @Test
  void aBadVideoQualityIsRefusedNamingTheOptionAndTheExpectedFormat() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HeadlessOptions.parse(new String[] {"--server", "ws://h", "--name", "n", "--video", "12x@x"}));
    assertTrue(e.getMessage().startsWith("--video: "), e.getMessage());
    assertTrue(e.getMessage().contains("WIDTHxHEIGHT@FPS"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> HeadlessOptions.parse(new String[] {"--server", "ws://h", "--name", "n", "--video", "8000x8000@30"}));
    assertThrows(IllegalArgumentException.class,
        () -> HeadlessOptions.parse(new String[] {"--server", "ws://h", "--name", "n", "--video"}));
  }

  @Test
  void eventsPrintAsTheDocumentedJsonShapes() {
    assertEquals("{\"event\":\"call-connected\",\"peer\":\"p\",\"setupMs\":12}",
        EventPrinter.toJson(new CallEvent.CallConnected("p", 12)).toString());
    assertEquals("{\"event\":\"remote-video\",\"peer\":\"p\",\"frames\":30,\"width\":640,\"height\":480}",
        EventPrinter.toJson(new CallEvent.RemoteVideo("p", 30, 640, 480)).toString());
    assertEquals("{\"event\":\"match\",\"peer\":\"p\",\"initiator\":true}",
        EventPrinter.toJson(new CallEvent.Match("p", true)).toString());
    assertEquals("{\"event\":\"error\",\"code\":\"c\",\"message\":\"m\"}",
        EventPrinter.toJson(new CallEvent.Error("c", "m")).toString());
    assertEquals("{\"event\":\"chat\",\"peer\":\"p\",\"text\":\"<b>x</b>\"}",
        EventPrinter.toJson(new CallEvent.ChatReceived("p", "<b>x</b>")).toString());
  }

  @Test
  void peerJsModeTakesAPeerServerUrlAndAnIdInsteadOfAServerAndName() {
    HeadlessOptions o = HeadlessOptions.parse(new String[] {"--peerjs", "ws://h:1/myapp", "--id", "bot-1", "--echo"});
    assertEquals(java.net.URI.create("ws://h:1/myapp"), o.peerjs());
    assertEquals("bot-1", o.name());
    assertEquals("peerjs", o.peerjsKey());
    assertEquals("k", HeadlessOptions.parse(new String[] {"--peerjs", "ws://h:1/", "--id", "x", "--key", "k"}).peerjsKey());
    assertThrows(IllegalArgumentException.class, () -> HeadlessOptions.parse(new String[] {"--peerjs", "ws://h:1/"}));
    assertThrows(IllegalArgumentException.class,
        () -> HeadlessOptions.parse(new String[] {"--peerjs", "ws://h:1/", "--id", "x", "--server", "ws://h:2"}));
  }
}
