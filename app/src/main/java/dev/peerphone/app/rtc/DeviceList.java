package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.video.VideoDevice;
import dev.peerphone.app.audio.AudioServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ./peerphone devices} shows: every camera (and test pattern), microphone and
 * speaker by the exact name to pass to {@code --camera}, {@code --mic} and {@code --speaker}.
 *
 * @param cameras camera names, real cameras first, then the test patterns
 * @param audioServer the sound server ("PulseAudio 16.1"), or "" when none is running
 * @param microphones microphones (label, server name), in the server's order
 * @param speakers speakers (label, server name)
 * @param defaultMicrophone the server name of the default microphone, or ""
 * @param defaultSpeaker the server name of the default speaker, or ""
 */
public record DeviceList(List<String> cameras, String audioServer, List<AudioServer.Endpoint> microphones,
    List<AudioServer.Endpoint> speakers, String defaultMicrophone, String defaultSpeaker) {

  /**
   * Throws {@link IllegalArgumentException} naming the valid choices if a camera, microphone or
   * speaker (each may be null: not asked for) does not exist.
   */
  public void check(String camera, String microphone, String speaker) {
    if (camera != null && !cameras.contains(camera)) {
      throw new IllegalArgumentException("No camera named '" + camera + "'. Choose one of: " + String.join(", ", cameras));
    }
    if ((microphone != null || speaker != null) && audioServer.isEmpty()) {
      throw new IllegalArgumentException("No audio server (PulseAudio or PipeWire) is running: there are no "
          + (microphone != null ? "microphones" : "speakers") + " to choose from");
    }
    if (microphone != null) {
      LocalAudio.match("microphone", microphone, microphones);
    }
    if (speaker != null) {
      LocalAudio.match("speaker", speaker, speakers);
    }
  }

  /** Reads the devices now (cameras with a time limit; audio from the sound server, if any). */
  public static DeviceList read() {
    List<String> cams = new ArrayList<>();
    for (VideoDevice d : Devices.cameras(Devices.DEFAULT_TIMEOUT)) {
      cams.add(d.getName());
    }
    cams.add(RtcEngine.TEST_PATTERN_640);
    cams.add(RtcEngine.TEST_PATTERN_320);
    cams.add(RtcEngine.TEST_PATTERN_1280);
    Optional<AudioServer> server = LocalAudio.connectServer();
    if (server.isEmpty()) {
      return new DeviceList(List.copyOf(cams), "", List.of(), List.of(), "", "");
    }
    try (AudioServer s = server.get()) {
      return new DeviceList(List.copyOf(cams), s.describe(), s.microphones(), s.speakers(),
          s.defaultMicrophone().orElse(""), s.defaultSpeaker().orElse(""));
    }
  }
}
