package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerphone.app.audio.PulseClient.Server;
import dev.peerphone.app.testing.PipeWireServer;
import dev.peerphone.app.testing.SoundServer;
import org.junit.jupiter.api.Test;

/** {@link AudioServerContract} on a throwaway PipeWire with WirePlumber and pipewire-pulse. */
class PipeWireAudioTest extends AudioServerContract {
  @Override
  SoundServer startServer() {
    return PipeWireServer.start();
  }

  @Test
  void describesTheServerAsPipeWireWithPipeWiresVersionNotTheEmulatedPulseAudioVersion() {
    String name = ((PipeWireServer) pulse).serverName(); // e.g. "PulseAudio (on PipeWire 0.3.65)"
    assertEquals(name, audio.describe());
  }

  @Test
  void aPipeWireServerNameIsShownWithoutTheProtocolVersionItReports() {
    assertEquals("PulseAudio (on PipeWire 1.0.5)",
        PulseAudio.describe(new Server("PulseAudio (on PipeWire 1.0.5)", "15.0.0", null, null)));
    assertEquals("PulseAudio 16.1", PulseAudio.describe(new Server("pulseaudio", "16.1", null, null)));
  }
}
