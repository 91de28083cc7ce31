package dev.peerphone.app.audio;

import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.SoundServer;

/** {@link AudioRoutingContract} on a throwaway PulseAudio daemon. */
class PulseAudioRoutingTest extends AudioRoutingContract {
  @Override
  SoundServer startServer() {
    return PulseServer.start();
  }
}
