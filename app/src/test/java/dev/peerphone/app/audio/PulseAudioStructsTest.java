package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Our JNA structs read the fields where libpulse writes them. The offsets below are what gcc's
 * {@code offsetof} reports for Debian 12's pulse/introspect.h (libpulse-dev 16.1) on x86_64; all
 * LP64 platforms (aarch64 too) lay these structs out the same way.
 */
class PulseAudioStructsTest {
  private final Memory memory = new Memory(512);
  private final Memory text = new Memory(64);

  PulseAudioStructsTest() {
    memory.clear();
    text.setString(0, "Mikrofon – Eingang", "UTF-8");
  }

  @Test
  void sourceInfoFieldsSitWhereTheHeaderPutsThem() {
    memory.setPointer(0, text);
    memory.setInt(8, 7);
    memory.setPointer(16, text);
    memory.setInt(308, 3);
    PulseStructs.SourceInfo i = new PulseStructs.SourceInfo(memory);
    assertEquals(7, i.index);
    assertEquals("Mikrofon – Eingang", PulseLib.utf8(i.name));
    assertEquals("Mikrofon – Eingang", PulseLib.utf8(i.description));
    assertEquals(3, i.monitorOfSink);
    assertEquals(312, i.size());
  }

  @Test
  void sinkInfoFieldsSitWhereTheHeaderPutsThem() {
    memory.setPointer(0, text);
    memory.setInt(8, 9);
    memory.setPointer(16, text);
    PulseStructs.SinkInfo i = new PulseStructs.SinkInfo(memory);
    assertEquals(9, i.index);
    assertEquals("Mikrofon – Eingang", PulseLib.utf8(i.description));
  }

  @Test
  void serverInfoFieldsSitWhereTheHeaderPutsThem() {
    memory.setPointer(16, text.share(0));
    memory.setPointer(24, text.share(1));
    memory.setPointer(48, text.share(2));
    memory.setPointer(56, text.share(3));
    PulseStructs.ServerInfo i = new PulseStructs.ServerInfo(memory);
    assertEquals(text.share(0), i.serverVersion);
    assertEquals(text.share(1), i.serverName);
    assertEquals(text.share(2), i.defaultSinkName);
    assertEquals(text.share(3), i.defaultSourceName);
  }

  @Test
  void sourceOutputInfoFieldsSitWhereTheHeaderPutsThem() {
    memory.setInt(0, 11);
    memory.setInt(24, 5);
    memory.setPointer(208, text);
    PulseStructs.SourceOutputInfo i = new PulseStructs.SourceOutputInfo(memory);
    assertEquals(11, i.index);
    assertEquals(5, i.source);
    assertEquals(text, i.proplist);
  }

  @Test
  void sinkInputInfoFieldsSitWhereTheHeaderPutsThem() {
    memory.setInt(0, 12);
    memory.setInt(24, 6);
    memory.setPointer(344, text);
    PulseStructs.SinkInputInfo i = new PulseStructs.SinkInputInfo(memory);
    assertEquals(12, i.index);
    assertEquals(6, i.sink);
    assertEquals(text, i.proplist);
  }

  @Test
  void pointersOfLibpulseStringsAreReadAsUtf8() {
    assertNull(PulseLib.utf8(Pointer.NULL));
    assertEquals("Mikrofon – Eingang", PulseLib.utf8(text));
  }
}
