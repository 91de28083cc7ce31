package dev.peerphone.app.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SdpTest {
  private static final String OFFER = String.join("\r\n",
      "v=0",
      "m=audio 9 UDP/TLS/RTP/SAVPF 111",
      "a=rtpmap:111 opus/48000/2",
      "a=fmtp:111 minptime=10;useinbandfec=1",
      "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98",
      "a=rtpmap:96 VP8/90000",
      "a=rtcp-fb:96 nack",
      "a=rtpmap:97 rtx/90000",
      "a=fmtp:97 apt=96",
      "a=rtpmap:98 H264/90000",
      "a=fmtp:98 level-asymmetry-allowed=1;packetization-mode=1",
      "");

  @Test
  void startBitrateGoesToEveryVideoCodecAndNothingElse() {
    String expected = String.join("\r\n",
        "v=0",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111",
        "a=rtpmap:111 opus/48000/2",
        "a=fmtp:111 minptime=10;useinbandfec=1",
        "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98",
        "a=rtpmap:96 VP8/90000",
        "a=fmtp:96 x-google-start-bitrate=800",
        "a=rtcp-fb:96 nack",
        "a=rtpmap:97 rtx/90000",
        "a=fmtp:97 apt=96",
        "a=rtpmap:98 H264/90000",
        "a=fmtp:98 level-asymmetry-allowed=1;packetization-mode=1;x-google-start-bitrate=800",
        "");
    assertEquals(expected, Sdp.withStartBitrate(OFFER, 800));
  }

  @Test
  void startBitrateIsAddedOnceAndAudioOnlyDescriptionsStayAsTheyAre() {
    String once = Sdp.withStartBitrate(OFFER, 800);
    assertEquals(once, Sdp.withStartBitrate(once, 800));
    String audio = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n";
    assertEquals(audio, Sdp.withStartBitrate(audio, 800));
  }
}
