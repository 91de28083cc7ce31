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
    requireCamera(camera, cameras);
    if ((microphone != null || speaker != null) && audioServer.isEmpty()) {
      throw LocalAudio.nothingToChooseFrom(microphone);
    }
    if (microphone != null) {
      LocalAudio.match("microphone", microphone, microphones);
    }
    if (speaker != null) {
      LocalAudio.match("speaker", speaker, speakers);
    }
  }

  /** Throws, naming the choices, unless {@code camera} is null (not asked for) or one of {@code names}. */
  static void requireCamera(String camera, List<String> names) {
    if (camera != null && !names.contains(camera)) {
      throw new IllegalArgumentException("No camera named '" + camera + "'. Choose one of: " + String.join(", ", names));
    }
  }

  /** Reads the devices now (cameras with a time limit; audio from the sound server, if any). */
  public static DeviceList read() {
    List<String> cams = new ArrayList<>();
    for (VideoDevice d : Devices.cameras(Devices.DEFAULT_TIMEOUT)) {
      cams.add(d.getName());
    }
    cams.addAll(RtcEngine.TEST_PATTERNS);
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
