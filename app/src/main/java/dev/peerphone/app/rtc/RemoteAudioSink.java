package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.peerphone.app.call.PeerLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures what a remote audio track sounds like: how much audio arrived and how loud it was,
 * over the last second (for the headless {@code remote-audio} event) and over the last 100 ms
 * (the desktop's speaking indicator). The level is the RMS amplitude, 0 (silence) to 1 (full
 * scale), as in WebRTC's {@code audioLevel} statistics.
 *
 * <p>Threading: {@link #onData} runs on libwebrtc's playout thread (10 ms chunks) and never
 * throws; the results are volatile and read from any thread.
 */
final class RemoteAudioSink implements AudioTrackSink {
  private static final Logger log = LoggerFactory.getLogger(RemoteAudioSink.class);

  // Playout thread only.
  private double secondSumSq;
  private long secondSamples;
  private double recentSumSq;
  private long recentSamples;
  private long recentChunks;
  private long secondChunks;

  private volatile long chunks;
  private volatile double lastSecond;
  private volatile double recent;

  @Override
  public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
    try {
      if (bitsPerSample != 16 || data == null) {
        return;
      }
      int samples = Math.min(data.length / 2, frames * Math.max(1, channels));
      double sum = 0;
      for (int i = 0; i < samples; i++) {
        double s = (short) ((data[2 * i] & 0xff) | (data[2 * i + 1] << 8)) / 32768.0;
        sum += s * s;
      }
      recentSumSq += sum;
      recentSamples += samples;
      secondSumSq += sum;
      secondSamples += samples;
      chunks++;
      if (++recentChunks >= 10) {
        recent = rms(recentSumSq, recentSamples);
        recentSumSq = 0;
        recentSamples = 0;
        recentChunks = 0;
      }
      if (++secondChunks >= 100) {
        lastSecond = rms(secondSumSq, secondSamples);
        secondSumSq = 0;
        secondSamples = 0;
        secondChunks = 0;
      }
    } catch (Throwable t) {
      log.warn("remote audio sink", t);
    }
  }

  private static double rms(double sumSq, long n) {
    return n == 0 ? 0 : Math.sqrt(sumSq / n);
  }

  /** 10 ms chunks received so far, the last full second's level and the last 100 ms level. */
  PeerLink.AudioStats stats() {
    return new PeerLink.AudioStats(chunks, lastSecond, recent);
  }
}
