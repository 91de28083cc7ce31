package dev.peerphone.app.audio;

import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioSink;
import dev.onvoid.webrtc.media.audio.AudioSource;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real libwebrtc Pulse streams in this JVM ("WEBRTC VoiceEngine"): one audio device module that
 * records (and keeps what it hears) and one that plays a steady tone. Two modules because a
 * module has room for one Java transport, a sink or a source.
 *
 * <p>Threading: the callbacks run on libwebrtc's audio threads; they never block or throw (an
 * exception there aborts the JVM).
 */
final class WebrtcAudio implements AutoCloseable {
  /** Recorded audio: mono samples (the first channel) and their rate. */
  record Chunk(short[] samples, int rate) {}

  final AudioDeviceModule recorder = new AudioDeviceModule();
  final AudioDeviceModule player = new AudioDeviceModule();
  private final BlockingQueue<Chunk> heard = new LinkedBlockingQueue<>();
  private volatile int rate;
  /** Counts the first 100 ms of tone handed to libwebrtc. */
  private final CountDownLatch playing = new CountDownLatch(10);

  WebrtcAudio(int toneHz) {
    recorder.setAudioSink(new Keep());
    player.setAudioSource(new Tone(toneHz));
    // libwebrtc refuses to init without a chosen device; on Linux any choice means the default (#33).
    recorder.setRecordingDevice(recorder.getRecordingDevices().get(0));
    player.setPlayoutDevice(player.getPlayoutDevices().get(0));
  }

  void startRecording() {
    recorder.initRecording();
    recorder.startRecording();
  }

  void restartRecording() {
    recorder.stopRecording();
    startRecording();
  }

  void startPlayout() {
    player.initPlayout();
    player.startPlayout();
  }

  /**
   * Waits until libwebrtc asks for the tone: its Pulse playout starts about 1.5 s after {@code
   * startPlayout} returns here, and nothing is heard before.
   */
  void awaitPlayout() throws InterruptedException {
    if (!playing.await(5, TimeUnit.SECONDS)) {
      throw new AssertionError("libwebrtc did not start playing within 5 s");
    }
  }

  /** What the recorder hears from now on, for {@code length}; empty if nothing came in time. */
  short[] listen(Duration length) throws InterruptedException {
    heard.clear();
    long deadline = System.nanoTime() + length.toNanos() + TimeUnit.SECONDS.toNanos(3);
    short[] out = new short[0];
    while (rate == 0 || out.length < rate * length.toMillis() / 1000) {
      Chunk c = heard.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (c == null) {
        break;
      }
      short[] more = new short[out.length + c.samples().length];
      System.arraycopy(out, 0, more, 0, out.length);
      System.arraycopy(c.samples(), 0, more, out.length, c.samples().length);
      out = more;
    }
    return out;
  }

  int rate() {
    return rate;
  }

  private final class Keep implements AudioSink {
    @Override
    public void onRecordedData(byte[] data, int frames, int bytesPerFrame, int channels, int samplesPerSec,
        int delayMs, int drift) {
      try {
        short[] mono = new short[frames];
        for (int i = 0; i < frames; i++) {
          int at = i * bytesPerFrame;
          mono[i] = (short) ((data[at] & 0xff) | (data[at + 1] << 8));
        }
        rate = samplesPerSec;
        heard.add(new Chunk(mono, samplesPerSec));
      } catch (Throwable t) {
        t.printStackTrace();
      }
    }
  }

  private final class Tone implements AudioSource {
    private final int hz;
    private long n;

    Tone(int hz) {
      this.hz = hz;
    }

    @Override
    public int onPlaybackData(byte[] data, int frames, int bytesPerFrame, int channels, int samplesPerSec) {
      try {
        for (int i = 0; i < frames; i++, n++) {
          short v = (short) (12000 * Math.sin(2 * Math.PI * hz * n / samplesPerSec));
          for (int c = 0; c < channels; c++) {
            int at = i * bytesPerFrame + c * 2;
            data[at] = (byte) v;
            data[at + 1] = (byte) (v >> 8);
          }
        }
        playing.countDown();
        return frames;
      } catch (Throwable t) {
        t.printStackTrace();
        return 0;
      }
    }
  }

  @Override
  public void close() {
    for (Runnable step : new Runnable[] {recorder::stopRecording, player::stopPlayout, recorder::dispose,
        player::dispose}) {
      try {
        step.run();
      } catch (Throwable t) {
        // best effort at the end of a test class
      }
    }
  }
}
