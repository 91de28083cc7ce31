package dev.peerphone.app.audio;

import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.SoundServer;

/** {@link AudioServerContract} on a throwaway PulseAudio daemon. */
class PulseAudioTest extends AudioServerContract {
  @Override
  SoundServer startServer() {
    return PulseServer.start();
  }
}
