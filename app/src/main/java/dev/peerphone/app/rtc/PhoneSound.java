package dev.peerphone.app.rtc;

/**
 * The phone's own sounds, played through the speaker in use ({@link AudioControl#play}).
 * {@link #RINGTONE} and {@link #RINGBACK} loop until stopped, one at a time; {@link #TEST_SOUND}
 * plays once.
 */
public enum PhoneSound {
  /** Somebody is calling us: 880/660 Hz bursts. */
  RINGTONE,
  /** Our call is ringing at the other end: 440+480 Hz. */
  RINGBACK,
  /** "Test speaker": a one-second chime (784 Hz, then 1047 Hz). */
  TEST_SOUND
}
