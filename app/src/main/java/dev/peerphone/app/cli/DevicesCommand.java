package dev.peerphone.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.peerphone.app.audio.AudioServer;
import dev.peerphone.app.rtc.DeviceList;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./peerphone devices [--json]}: lists cameras, microphones and speakers with the exact
 * names {@code --camera}, {@code --mic} and {@code --speaker} accept (a label or, for audio, the
 * sound server's name in brackets).
 */
final class DevicesCommand {
  static final String USAGE = """
      Usage: ./peerphone devices [--json]

      Lists cameras, microphones and speakers by the names that --camera, --mic and --speaker
      accept (for audio devices, the label or the sound server's name in brackets).
        --json   one JSON object instead of text
      """;

  private DevicesCommand() {}

  static int run(String[] args, PrintStream out) {
    boolean json = false;
    for (String a : args) {
      switch (a) {
        case "--json" -> json = true;
        case "--help", "-h" -> {
          out.print(USAGE);
          return 0;
        }
        default -> {
          System.err.println("Unknown option: " + a);
          System.err.print(USAGE);
          return 2;
        }
      }
    }
    DeviceList d = DeviceList.read();
    if (json) {
      out.println(toJson(d));
    } else {
      print(d, out);
    }
    out.flush();
    return 0;
  }

  static JsonObject toJson(DeviceList d) {
    JsonObject o = new JsonObject();
    JsonArray cams = new JsonArray();
    d.cameras().forEach(cams::add);
    o.add("cameras", cams);
    o.addProperty("audioServer", d.audioServer());
    o.add("microphones", endpoints(d.microphones(), d.defaultMicrophone()));
    o.add("speakers", endpoints(d.speakers(), d.defaultSpeaker()));
    return o;
  }

  private static JsonArray endpoints(List<AudioServer.Endpoint> list, String dflt) {
    JsonArray a = new JsonArray();
    for (AudioServer.Endpoint e : list) {
      JsonObject o = new JsonObject();
      o.addProperty("name", e.description());
      o.addProperty("id", e.name());
      o.addProperty("default", e.name().equals(dflt));
      a.add(o);
    }
    return a;
  }

  static void print(DeviceList d, PrintStream out) {
    out.println("Cameras (--camera NAME):");
    d.cameras().forEach(c -> out.println("  " + c));
    if (d.audioServer().isEmpty()) {
      out.println("Microphones and speakers: none — no audio server (PulseAudio or PipeWire) is running;");
      out.println("  calls send silence and remote audio is not played.");
      return;
    }
    out.println("Microphones (--mic NAME), from " + d.audioServer() + ":");
    printEndpoints(d.microphones(), d.defaultMicrophone(), out);
    out.println("Speakers (--speaker NAME):");
    printEndpoints(d.speakers(), d.defaultSpeaker(), out);
  }

  private static void printEndpoints(List<AudioServer.Endpoint> list, String dflt, PrintStream out) {
    if (list.isEmpty()) {
      out.println("  (none)");
    }
    for (AudioServer.Endpoint e : list) {
      out.println("  " + e.description() + "  [" + e.name() + "]" + (e.name().equals(dflt) ? "  (default)" : ""));
    }
  }
}
