package dev.peerphone.app.rtc;

/**
 * The audio devices a client uses right now.
 *
 * @param server the sound server ("PulseAudio 16.1"), or "" when none is running
 * @param microphone the label of the microphone in use, or "" when there is none
 * @param speaker the label of the speaker in use, or ""
 * @param silent true when silence is sent (no microphone, or synthetic audio)
 * @param notice what the user should know: a problem ("No audio server…"), a change ("The
 *     microphone in use disappeared…"), or ""
 */
public record AudioState(String server, String microphone, String speaker, boolean silent, String notice) {}
