package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallStats;
import dev.peerphone.app.call.UserStatus;
import dev.peerphone.app.net.ServerCertificate;
import dev.peerphone.app.rtc.AudioState;
import dev.peerphone.app.rtc.VideoQuality;
import java.io.IOException;
import java.lang.ref.WeakReference;
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
    assertEquals(List.of("embedded-server", "connect ws://127.0.0.1:9090/ alice", "frame-tap", "meter-start"),
        engine.commands);
    assertEquals("Peerphone desktop: server 10.0.0.5:9090", model.joinInfoProperty().get());
    assertEquals("http://10.0.0.5:8080/", model.joinLinkProperty().get());
    assertTrue(model.signingInProperty().get());
  }

  private static final String FP = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

  @Test
  void anUntrustedCertificateAsksOnceAndTrustRemembersItAndSignsInAgain() {
    model.signIn("alice", "wss://example.org:9443/");
    engine.refused = new ServerCertificate("example.org", 9443, FP, null);
    engine.emit(new CallEvent.Error("untrusted-certificate", "not trusted"));
    assertEquals(engine.refused, model.untrustedServerProperty().get());
    assertFalse(model.signingInProperty().get(), "no sign-in timeout while the user decides");
    assertTrue(engine.commands.contains("phone-close"), "the refused client is dropped");
    engine.commands.clear();
    model.trustServer();
    assertEquals(null, model.untrustedServerProperty().get());
    assertEquals(List.of("trust example.org:9443 " + FP, "connect wss://example.org:9443/ alice", "frame-tap", "meter-start"),
        engine.commands);
    engine.emit(new CallEvent.LoggedIn("alice", List.of()));
    assertEquals(PhoneModel.Screen.MAIN, model.screenProperty().get());
  }

  @Test
  void cancellingTheCertificateQuestionStaysSignedOutAndSaysWhy() {
    model.signIn("alice", "wss://example.org:9443/");
    engine.refused = new ServerCertificate("example.org", 9443, FP, null);
    engine.emit(new CallEvent.Error("untrusted-certificate", "not trusted"));
    engine.commands.clear();
    model.distrustServer();
    assertEquals(null, model.untrustedServerProperty().get());
    assertEquals(PhoneModel.Screen.SIGN_IN, model.screenProperty().get());
    assertEquals("Not connected: the certificate of example.org:9443 was not trusted.", model.signInErrorProperty().get());
    assertEquals(List.of(), engine.commands, "nothing trusted, nothing connected");
  }

  @Test
  void aCertificateThatCannotBeSavedIsTrustedForTheSessionWithAWarning() {
    model.signIn("alice", "wss://example.org:9443/");
    engine.refused = new ServerCertificate("example.org", 9443, FP, null);
    engine.trustFailure = new IOException("read-only file system");
    engine.emit(new CallEvent.Error("untrusted-certificate", "not trusted"));
    model.trustServer();
    assertTrue(model.signInErrorProperty().get().contains("read-only file system"));
    assertTrue(model.signingInProperty().get());
  }

  @Test
  void anUntrustedCertificateWithoutDetailsEndsTheSignInWithTheMessage() {
    model.signIn("alice", "wss://example.org:9443/");
    engine.emit(new CallEvent.Error("untrusted-certificate", "The server example.org:9443 presented a certificate that is not trusted"));
    assertFalse(model.signingInProperty().get());
    assertEquals(null, model.untrustedServerProperty().get());
    assertTrue(model.signInErrorProperty().get().startsWith("The server example.org:9443"));
  }

  @Test
  void aCertificateChangeAfterSignInStopsSignalingAndSaysWhy() {
    signedIn();
    engine.emit(new CallEvent.SignalingLost());
    engine.emit(new CallEvent.Error("untrusted-certificate", "The certificate of example.org:9443 CHANGED"));
    assertEquals("Signaling: stopped, certificate not trusted", model.statusLineProperty().get());
    assertEquals("The certificate of example.org:9443 CHANGED", model.noticeProperty().get());
    assertEquals(null, model.untrustedServerProperty().get(), "no dialog in the middle of calls");
  }

  @Test
  void hidingMyAddressReachesThePhoneBeforeAndAfterSignInAndNoTurnIsANotice() {
    model.setRelayOnly(true);
    assertTrue(model.relayOnlyProperty().get());
    model.signIn("alice", "example.org:9090");
    assertTrue(engine.commands.contains("relay-only on"), "applied when the phone connects: " + engine.commands);
    engine.emit(new CallEvent.LoggedIn("alice", List.of()));
    engine.emit(new CallEvent.Error("relay-unavailable", "You chose to hide your IP address (relay through"
        + " TURN), but the server offers no TURN server: calls cannot connect."));
    assertTrue(model.noticeProperty().get().contains("no TURN server"), model.noticeProperty().get());
    engine.commands.clear();
    model.setRelayOnly(false);
    model.setRelayOnly(false);
    assertEquals(List.of("relay-only off"), engine.commands);
    assertTrue(!model.serverRelayProperty().get());
    engine.emit(new CallEvent.RelayPolicy(true));
    assertTrue(model.serverRelayProperty().get(), "the server's --relay-only is shown");
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
  void theStatusLineShowsThePathAndRoundTripOfTheCurrentCall() {
    signedIn();
    model.call("bob");
    engine.emit(new CallEvent.CallConnected("bob", 300));
    engine.emit(new CallEvent.ChatOpen("bob", 320));
    engine.emit(new CallEvent.Stats("bob", new CallStats("host", "host", "udp", "", 2.6, 500, 480, 30, 29, 0)));
    clock.millis += 5_000;
    model.tick();
    assertEquals("Signaling: connected  ·  Data channel: open  ·  Media: connected  ·  direct (host/udp)  ·  3 ms  ·  00:05",
        model.statusLineProperty().get());
    engine.emit(new CallEvent.Stats("bob", new CallStats("relay", "srflx", "udp", "tcp", 40.2, 500, 480, 30, 29, 0)));
    assertTrue(model.statusLineProperty().get().contains("Media: connected  ·  relayed (TURN/tcp)  ·  40 ms  ·  00:05"),
        model.statusLineProperty().get());
    engine.emit(new CallEvent.Stats("carol", new CallStats("host", "host", "udp", "", 1, 500, 480, 30, 29, 0)));
    assertTrue(!model.statusLineProperty().get().contains("direct"), "another call's path is not bob's");
    engine.emit(new CallEvent.CallEnded("bob", "remote-hangup"));
    assertEquals("Signaling: connected", model.statusLineProperty().get());
  }

  @Test
  void pathDescriptionsNameBothCandidateTypesWhenTheyDifferAndSubMillisecondRoundTrips() {
    assertEquals("direct (srflx/prflx/udp)  ·  <1 ms",
        Status.describe(new CallStats("srflx", "prflx", "udp", "", 0.4, 0, 0, 0, 0, 0)));
    assertEquals("direct (host/tcp)", Status.describe(new CallStats("host", "host", "tcp", "", Double.NaN, 0, 0, 0, 0, 0)));
    assertEquals("relayed (TURN)  ·  12 ms", Status.describe(new CallStats("host", "relay", "udp", "", 12, 0, 0, 0, 0, 0)));
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
    assertEquals(List.of("play RINGTONE", "stop-ringing", "reject carol", "play RINGTONE", "stop-ringing",
        "accept dave"), engine.commands);
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
    engine.audioState = new AudioState("PulseAudio 16.1", "", "Speaker A", true, "No microphone found: sending silence");
    signedIn();
    Devices d = model.devices();
    assertEquals(List.of("Webcam 1", "Test pattern 640x480"), d.cameras());
    assertEquals(List.of("USB Mic", "Microphone 2"), model.audio().microphones());
    assertEquals("Test pattern 640x480", d.cameraProperty().get());
    assertEquals("No camera found: sending the synthetic test video. No microphone found: sending silence",
        d.missingProperty().get());
    d.selectCamera("Webcam 1");
    model.audio().selectMicrophone("Microphone 2");
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
  void closingStopsTheMeterAndAnyRingThenHangsUpThroughTheEngineAndStopsTheServer() {
    signedIn();
    engine.emit(new CallEvent.IncomingCall("carol"));
    engine.commands.clear();
    assertTrue(model.close().isDone());
    assertEquals(List.of("meter-stop", "stop-ringing", "phone-close", "backend-close"), engine.commands);
  }

  @Test
  void theRingtonePlaysWhileSomebodyCallsAndStopsOnAcceptRejectConnectOrTheirHangUp() {
    signedIn();
    engine.emit(new CallEvent.IncomingCall("carol"));
    assertEquals(List.of("play RINGTONE"), engine.commands);
    model.accept();
    assertEquals(List.of("play RINGTONE", "stop-ringing", "accept carol"), engine.commands);
    engine.emit(new CallEvent.CallEnded("carol", "remote-hangup"));

    engine.commands.clear();
    engine.emit(new CallEvent.IncomingCall("dave"));
    model.reject();
    engine.emit(new CallEvent.CallEnded("dave", "declined"));
    engine.emit(new CallEvent.IncomingCall("erin"));
    engine.emit(new CallEvent.CallEnded("erin", "remote-hangup")); // gave up before we answered
    engine.emit(new CallEvent.IncomingCall("fay"));
    engine.emit(new CallEvent.CallConnected("fay", 200)); // answered elsewhere: by calling her, say
    assertEquals(List.of("play RINGTONE", "stop-ringing", "reject dave", "play RINGTONE", "stop-ringing",
        "play RINGTONE", "stop-ringing"), engine.commands);
  }

  @Test
  void theRingbackPlaysOnceOurRingReachesThePeerAndStopsWhenAnsweredRefusedOrFailed() {
    signedIn();
    model.call("bob");
    assertEquals(List.of("call bob"), engine.commands, "not before the ring is delivered");
    engine.emit(new CallEvent.Ringing("bob"));
    engine.emit(new CallEvent.Answered("bob"));
    assertEquals(List.of("call bob", "play RINGBACK", "stop-ringing"), engine.commands, "stops on the answer");
    assertEquals("Peerphone — alice — connecting to bob", model.titleProperty().get());
    engine.emit(new CallEvent.CallConnected("bob", 900));
    assertEquals(List.of("call bob", "play RINGBACK", "stop-ringing"), engine.commands);
    model.hangUp();
    engine.emit(new CallEvent.CallEnded("bob", "hangup"));

    for (String reason : List.of("rejected", "busy", "failed", "hangup")) {
      engine.commands.clear();
      model.call("dave");
      engine.emit(new CallEvent.Ringing("dave"));
      engine.emit(new CallEvent.CallEnded("dave", reason));
      assertEquals(List.of("call dave", "play RINGBACK", "stop-ringing"), engine.commands, reason);
    }
  }

  @Test
  void neverBothRingsAtOnceAndTheRingtoneWins() {
    signedIn();
    model.call("bob");
    engine.emit(new CallEvent.Ringing("bob"));
    engine.emit(new CallEvent.IncomingCall("carol"));
    model.reject();
    engine.emit(new CallEvent.CallEnded("carol", "declined"));
    engine.emit(new CallEvent.CallEnded("bob", "remote-hangup"));
    assertEquals(List.of("call bob", "play RINGBACK", "play RINGTONE", "play RINGBACK", "reject carol",
        "stop-ringing"), engine.commands);
  }

  @Test
  void aLoginThatTimesOutStopsTheMeterAndAnyRingBeforeDroppingTheClient() {
    model.signIn("alice", "example.org:9090");
    clock.millis += SignIn.TIMEOUT.toMillis();
    model.tick();
    assertEquals(List.of("connect ws://example.org:9090/ alice", "frame-tap", "meter-start", "meter-stop",
        "stop-ringing", "phone-close"), engine.commands);
  }
}
