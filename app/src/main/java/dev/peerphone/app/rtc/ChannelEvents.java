package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DataChannel's native callbacks, as {@link Channels} and {@link PeerJsSession} take them: the
 * state is read and a received buffer copied on libwebrtc's thread (the buffer is freed when
 * {@code onMessage} returns), then both {@code hop} to the call executor; nothing is ever thrown
 * into native code.
 */
final class ChannelEvents {
  private static final Logger log = LoggerFactory.getLogger(ChannelEvents.class);

  private ChannelEvents() {}

  /** {@code onState} and {@code onMessage} (bytes, binary) run on the call executor, through {@code hop}. */
  static RTCDataChannelObserver hopping(String peer, RTCDataChannel dc, Consumer<Runnable> hop,
      Consumer<RTCDataChannelState> onState, BiConsumer<byte[], Boolean> onMessage) {
    return new RTCDataChannelObserver() {
      @Override
      public void onBufferedAmountChange(long previous) {}

      @Override
      public void onStateChange() {
        try {
          RTCDataChannelState state = dc.getState();
          hop.accept(() -> onState.accept(state));
        } catch (Throwable t) {
          log.warn("{}: channel state callback", peer, t);
        }
      }

      @Override
      public void onMessage(RTCDataChannelBuffer buffer) {
        try {
          byte[] bytes = new byte[buffer.data.remaining()];
          buffer.data.get(bytes); // freed when onMessage returns
          boolean binary = buffer.binary;
          hop.accept(() -> onMessage.accept(bytes, binary));
        } catch (Throwable t) {
          log.warn("{}: channel message callback", peer, t);
        }
      }
    };
  }
}
