package dev.peerphone.app.audio;

import dev.peerphone.app.testing.PipeWireServer;
import dev.peerphone.app.testing.SoundServer;

/** {@link AudioRoutingContract} on a throwaway PipeWire with WirePlumber and pipewire-pulse. */
class PipeWireRoutingTest extends AudioRoutingContract {
  @Override
  SoundServer startServer() {
    return PipeWireServer.start();
  }
}
