package dev.peerphone.app.audio;

import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.SoundServer;
import java.util.List;

/** {@link TonePlayerContract} on a throwaway PulseAudio daemon. */
class TonePlayerTest extends TonePlayerContract {
  @Override
  SoundServer startServer() {
    return PulseServer.start(List.of());
  }
}
