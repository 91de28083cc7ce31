package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.UserStatus;
import dev.peerphone.app.rtc.VideoQuality;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import org.junit.jupiter.api.Test;

/** The view-model against a fake engine, on direct executors: no screen, no network, no natives. */
class PhoneModelTest {
  private final FakeBackend engine = new FakeBackend();
  private final MutableClock clock = new MutableClock();
  private final PhoneModel model = new PhoneModel(engine, Runnable::run, Runnable::run, clock, (s, f) -> { });

  private void signedIn() {
    model.signIn("alice", "");
    engine.emit(new CallEvent.LoggedIn("alice", List.of(new UserStatus("alice", "available"),
        new UserStatus("bob", "available"))));
    engine.commands.clear();
  }

  @Test
  void emptyServerStartsTheEmbeddedServerAndShowsTheJoinAddress() {
    model.signIn("alice", "");
    assertEquals(List.of("embedded-server", "connect ws://127.0.0.1:9090/ alice", "frame-tap"), engine.commands);
    assertEquals("Others join with server 10.0.0.5:9090", model.joinInfoProperty().get());
    assertTrue(model.signingInProperty().get());
  }

  @Test
  void loggedInShowsTheMainScreenAndListsEveryoneButMe() {
    signedIn();
    assertEquals(PhoneModel.Screen.MAIN, model.screenProperty().get());
    assertEquals(List.of(new UserStatus("bob", "available")), model.users());
    assertEquals("Peerphone — alice", model.titleProperty().get());
    assertEquals("Signaling: connected", model.statusLineProperty().get());
  }

  @Test
  void refusedNamesGetClearMessagesAndTheClientIsDropped() {
    model.signIn("alice", "example.org:9090");
    engine.emit(new CallEvent.LoginFailed("name-taken"));
    assertEquals("That name is taken: choose another one.", model.signInErrorProperty().get());
    assertEquals(PhoneModel.Screen.SIGN_IN, model.screenProperty().get());
    assertFalse(model.signingInProperty().get());
    assertTrue(engine.commands.contains("phone-close"));
    model.signIn("al ice", "example.org:9090");
    engine.emit(new CallEvent.LoginFailed("invalid-name"));
    assertTrue(model.signInErrorProperty().get().startsWith("Names are 1–32"));
    model.signIn("alice", "example.org:9090");
    engine.emit(new CallEvent.LoginFailed("not-allowed"));
    assertTrue(model.signInErrorProperty().get().contains("does not admit you"));
  }

  @Test
  void anUnreachableServerIsReportedOnTheSignInScreen() {
    engine.connectFailure = new IOException("Connection refused");
    model.signIn("alice", "10.9.9.9:1234");
    assertEquals("Cannot reach the server 10.9.9.9:1234: Connection refused", model.signInErrorProperty().get());
    assertFalse(model.signingInProperty().get());
  }

  @Test
  void aServerThatNeverAnswersTheLoginTimesOutWithAClearMessageAndALateReplyIsIgnored() {
    model.signIn("alice", "example.org:9090");
    clock.millis += SignIn.TIMEOUT.toMillis() - 1;
    model.tick();
    assertTrue(model.signingInProperty().get());
    clock.millis += 1;
    model.tick();
    assertFalse(model.signingInProperty().get());
    assertEquals("No answer from the server example.org:9090 within 10 s: is it a Peerphone signaling server?",
        model.signInErrorProperty().get());
    assertTrue(engine.commands.contains("phone-close"));

    engine.emit(new CallEvent.LoggedIn("alice", List.of()));
    assertEquals(PhoneModel.Screen.SIGN_IN, model.screenProperty().get());
    model.signIn("alice", "example.org:9090");
    assertEquals("", model.signInErrorProperty().get());
    engine.emit(new CallEvent.LoggedIn("alice", List.of()));
    assertEquals(PhoneModel.Screen.MAIN, model.screenProperty().get());
  }

  @Test
  void anEmptyNameIsRefusedWithoutConnecting() {
    model.signIn("  ", "");
    assertEquals("Enter a name.", model.signInErrorProperty().get());
    assertTrue(engine.commands.isEmpty());
  }

  @Test
  void listenersOnTheReadOnlyListsKeepFiringAfterAGarbageCollection() {
    signedIn();
    List<String> seen = new ArrayList<>();
    // As VideoPane does: a listener on the returned list, the list itself not kept.
    model.remotePeers().addListener((ListChangeListener<String>) c -> seen.add("peers"));
    model.videoPaused().addListener((SetChangeListener<String>) c -> seen.add("paused"));
    WeakReference<Object> probe = new WeakReference<>(new Object());
    while (probe.get() != null) {
      System.gc(); // a collection has run once the probe is cleared
    }
    engine.emit(new CallEvent.CallConnected("bob", 300));
    engine.emit(new CallEvent.RemoteTrackPaused("bob", "video", true));
    assertEquals(List.of("peers", "paused"), seen);
  }

  @Test
  void aConnectedCallShowsVideoStatusAndDuration() {
    signedIn();
    model.call("bob");
    assertEquals(List.of("call bob"), engine.commands);
    assertEquals(CallPhase.CALLING, model.phaseProperty().get());
    assertEquals("Peerphone — alice — calling bob", model.titleProperty().get());
    engine.emit(new CallEvent.CallConnected("bob", 300));
    engine.emit(new CallEvent.ChatOpen("bob", 320));
    clock.millis += 83_000;
    model.tick();
    assertEquals(List.of("bob"), model.remotePeers());
    assertEquals("Signaling: connected  ·  Data channel: open  ·  Media: connected  ·  01:23",
        model.statusLineProperty().get());
    assertEquals("Peerphone — alice — in call with bob 01:23", model.titleProperty().get());
    model.hangUp();
    assertEquals(List.of("call bob", "hangup bob"), engine.commands);
    engine.emit(new CallEvent.CallEnded("bob", "hangup"));
    assertEquals(CallPhase.IDLE, model.phaseProperty().get());
    assertTrue(model.remotePeers().isEmpty());
    assertEquals("You hung up on bob.", model.noticeProperty().get());
  }

  @Test
  void incomingCallsCanBeAcceptedOrRejected() {
    signedIn();
    engine.emit(new CallEvent.IncomingCall("carol"));
    assertEquals("carol", model.incomingCallerProperty().get());
    assertEquals("Peerphone — alice — carol is calling", model.titleProperty().get());
    model.reject();
    assertEquals("", model.incomingCallerProperty().get());
    engine.emit(new CallEvent.CallEnded("carol", "declined"));
    engine.emit(new CallEvent.IncomingCall("dave"));
    model.accept();
    assertEquals(List.of("reject carol", "accept dave"), engine.commands);
    assertEquals("dave", model.peerProperty().get());
    assertEquals(CallPhase.CONNECTING, model.phaseProperty().get());
  }

  @Test
  void chatLinesArePendingUntilDeliveredAndMarkedWhenNot() {
    signedIn();
    assertFalse(model.sendChat("nobody there"));
    assertEquals("Not in a call: nobody to send to.", model.noticeProperty().get());
    model.call("bob");
    engine.emit(new CallEvent.CallConnected("bob", 1));
    assertTrue(model.sendChat("<b>hi</b>"));
    assertTrue(model.sendChat("lost"));
    assertEquals(ChatLine.Delivery.PENDING, model.chat().get(0).delivery());
    engine.emit(new CallEvent.ChatSent("bob", "<b>hi</b>"));
    engine.emit(new CallEvent.ChatUndelivered("bob", "lost"));
    engine.emit(new CallEvent.ChatReceived("bob", "hello"));
    assertEquals(List.of(ChatLine.Delivery.DELIVERED, ChatLine.Delivery.FAILED, ChatLine.Delivery.RECEIVED),
        model.chat().stream().map(ChatLine::delivery).toList());
    assertEquals("<b>hi</b>", model.chat().get(0).text());
    assertEquals("bob", model.chat().get(2).sender());
    assertTrue(engine.commands.contains("chat bob <b>hi</b>"));
  }

  @Test
  void audioAndVideoCheckboxesPauseTracksAndKeepTheirStateAcrossCalls() {
    signedIn();
    model.setAudioOn(false);
    model.setVideoOn(false);
    model.setVideoOn(false);
    engine.emit(new CallEvent.CallConnected("bob", 1));
    engine.emit(new CallEvent.CallEnded("bob", "remote-hangup"));
    assertFalse(model.audioOnProperty().get());
    assertFalse(model.videoOnProperty().get());
    model.setVideoOn(true);
    assertEquals(List.of("pause audio", "pause video", "resume video"), engine.commands);
  }

  @Test
  void aPeerThatPausesVideoGetsTheCameraOffMark() {
    signedIn();
    engine.emit(new CallEvent.CallConnected("bob", 1));
    engine.emit(new CallEvent.RemoteTrackPaused("bob", "video", true));
    assertTrue(model.videoPaused().contains("bob"));
    engine.emit(new CallEvent.RemoteTrackPaused("bob", "video", false));
    assertFalse(model.videoPaused().contains("bob"));
  }

  @Test
  void rouletteStartsWaitsMatchesSkipsAndStops() {
    signedIn();
    model.startRoulette();
    assertEquals("Waiting for a free peer", model.rouletteStatusProperty().get());
    engine.emit(new CallEvent.Match("zed", true));
    assertEquals("zed", model.peerProperty().get());
    model.nextStranger();
    engine.emit(new CallEvent.CallEnded("zed", "next"));
    engine.emit(new CallEvent.RouletteStatus("Waiting for a free peer"));
    model.stopRoulette();
    assertFalse(model.rouletteOnProperty().get());
    assertEquals(List.of("find", "next", "stop-roulette"), engine.commands);
  }

  @Test
  void devicesWithoutNamesGetNumberedLabelsAndMissingOnesAreSaid() {
    engine.currentCamera = "Test pattern 640x480";
    engine.syntheticAudio = true;
    signedIn();
    Devices d = model.devices();
    assertEquals(List.of("Webcam 1", "Test pattern 640x480"), d.cameras());
    assertEquals(List.of("USB Mic", "Microphone 2"), d.microphones());
    assertEquals("Test pattern 640x480", d.cameraProperty().get());
    assertTrue(d.missingProperty().get().contains("No camera found"));
    assertTrue(d.missingProperty().get().contains("No microphone"));
    d.selectCamera("Webcam 1");
    d.selectMicrophone("Microphone 2");
    assertEquals(List.of("camera ", "mic "), engine.commands);
  }

  @Test
  void theQualityListShowsThePresetsAndWhatIsActuallySent() {
    signedIn();
    Devices d = model.devices();
    assertEquals(List.of("360p 15 fps", "360p 30 fps", "640x480@30", "720p 15 fps", "720p 30 fps", "1080p 15 fps",
        "1080p 30 fps"), d.qualities());
    assertEquals("640x480@30", d.qualityProperty().get());

    d.selectQuality("720p 30 fps");
    assertEquals(List.of("quality 1280x720@30"), engine.commands);
    assertEquals("720p 30 fps", d.qualityProperty().get());
    d.selectQuality("720p 30 fps");
    d.selectQuality("4K");
    assertEquals(1, engine.commands.size(), "same or unknown label: nothing to do");
  }

  @Test
  void aQualityTheCameraCanOnlyApproachShowsWhatItDelivers() {
    engine.cameraModes = q -> new VideoQuality(q.width(), q.height(), Math.min(q.fps(), 10));
    signedIn();
    Devices d = model.devices();
    d.selectQuality("1080p 30 fps");
    assertEquals("1920x1080@10", d.qualityProperty().get());
    assertTrue(d.qualities().indexOf("1920x1080@10") < d.qualities().indexOf("1080p 15 fps"), d.qualities().toString());
  }

  @Test
  void switchingTheCameraShowsTheNewInputsQuality() {
    signedIn();
    engine.videoQuality = VideoQuality.P720_30; // the engine's 1280x720 pattern, say
    model.devices().selectCamera("Test pattern 640x480");
    assertEquals("720p 30 fps", model.devices().qualityProperty().get());
  }

  @Test
  void closingHangsUpThroughTheEngineAndStopsTheServer() {
    signedIn();
    assertTrue(model.close().isDone());
    assertEquals(List.of("phone-close", "backend-close"), engine.commands);
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    long millis = 1_000_000;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }
}
