package dev.peerphone.app.audio;

import dev.peerphone.app.testing.PipeWireServer;
import dev.peerphone.app.testing.SoundServer;

/** {@link LevelMeterContract} on a throwaway PipeWire with WirePlumber and pipewire-pulse. */
class PipeWireLevelMeterTest extends LevelMeterContract {
  @Override
  SoundServer startServer() {
    return PipeWireServer.start();
  }
}
