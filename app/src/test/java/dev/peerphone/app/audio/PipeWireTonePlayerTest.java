package dev.peerphone.app.audio;

import dev.peerphone.app.testing.PipeWireServer;
import dev.peerphone.app.testing.SoundServer;
import java.util.List;

/** {@link TonePlayerContract} on a throwaway PipeWire with WirePlumber and pipewire-pulse. */
class PipeWireTonePlayerTest extends TonePlayerContract {
  @Override
  SoundServer startServer() {
    return PipeWireServer.start(List.of());
  }
}
