package dev.peerphone.app.audio;

import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.SoundServer;

/** {@link LevelMeterContract} on a throwaway PulseAudio daemon. */
class LevelMeterTest extends LevelMeterContract {
  @Override
  SoundServer startServer() {
    return PulseServer.start();
  }
}
