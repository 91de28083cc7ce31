package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.rtc.DeviceList;
import dev.peerphone.app.rtc.MediaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file on disk: round trip, what is dropped and said, what is kept. */
class SettingsFileTest {
  @TempDir Path dir;

  @Test
  void aMissingFileIsAFirstStartAndChangesAreWrittenAndReadBack() {
    Path file = dir.resolve("a").resolve("settings.json");
    SettingsFile f = new SettingsFile(file);
    assertEquals(new SettingsFile.Loaded(Settings.EMPTY, ""), f.load());
    f.update(s -> s.withSignIn("alice", "example.org:9090").withChoice("video", "1280x720@30")
        .withChoice("relayOnly", "true").withChoice("theme", "dark")
        .withWindow(new Settings.Window(10, 20, 800, 600, false)));
    f.update(s -> s.withChoice("microphone", "Mic B"));
    f.flush(5000);
    SettingsFile.Loaded again = new SettingsFile(file).load();
    assertEquals("", again.notice());
    assertEquals(new Settings("alice", "example.org:9090", null, "Mic B", null, "1280x720@30", true,
        new Settings.Window(10, 20, 800, 600, false), "dark", null), again.settings());
  }

  @Test
  void valuesThatMakeNoSenseAreDroppedOneByOneAndNamed() throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, """
        {"name": "bob", "server": 42, "camera": "Cam\\u0007", "video": "640x480@900", "relayOnly": "yes",
         "theme": "purple", "microphone": "Mic A", "window": {"x": 0, "y": 0, "width": 3, "height": 600}, "unknown": [1]}
        """);
    SettingsFile.Loaded l = new SettingsFile(file).load();
    assertEquals(new Settings("bob", null, null, "Mic A", null, null, null, null, null, null), l.settings());
    for (String key : List.of("server", "camera", "video", "relayOnly", "window", "theme")) {
      assertTrue(l.notice().contains(key), key + " named in: " + l.notice());
    }
  }

  @Test
  void aFileThatIsNotOursIsKeptAsBadAndTheAppStartsWithDefaults() throws Exception {
    for (String content : List.of("[1, 2]", "\"text\"", "{\"name\":", "x".repeat(SettingsFile.MAX_BYTES + 1),
        "[".repeat(100_000))) {
      Path file = dir.resolve("settings.json");
      Files.writeString(file, content);
      SettingsFile.Loaded l = new SettingsFile(file).load();
      assertEquals(Settings.EMPTY, l.settings());
      assertTrue(l.notice().contains("could not be used"), l.notice());
      assertEquals(content, Files.readString(dir.resolve("settings.json.bad")));
    }
  }

  @Test
  void aFailedWriteIsReportedAndNeverThrows() throws Exception {
    Path blocker = dir.resolve("not-a-directory");
    SettingsFile f = new SettingsFile(blocker.resolve("settings.json"));
    assertEquals("", f.load().notice(), "a first start");
    Files.writeString(blocker, "a file where the settings directory should be");
    List<String> problems = new CopyOnWriteArrayList<>();
    f.onProblem(problems::add);
    f.update(s -> s.withSignIn("carol", ""));
    f.flush(5000);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("Could not save settings"), problems.get(0));
    assertEquals("carol", f.current().name(), "kept for this run");
  }

  @Test
  void noneKeepsNothing() {
    SettingsFile f = SettingsFile.none();
    assertEquals(Settings.EMPTY, f.load().settings());
    f.update(s -> s.withSignIn("dave", ""));
    f.flush(1000);
    assertNull(f.file());
  }

  @Test
  void savedDevicesThatAreGoneFallBackToTheDefaultWithANoticeAndTheCommandLineWins() {
    DeviceList machine = new DeviceList(List.of("Test pattern 640x480", "Test pattern 1280x720"), "", List.of(),
        List.of(), "", "");
    Settings saved = new Settings("alice", "", "USB Camera", "Mic Z", null, "640x360@15", null, null, null, null);
    List<String> notices = new ArrayList<>();
    MediaConfig m = SettingsKeeper.media(DesktopOptions.parse(new String[0]), saved, () -> machine, notices);
    assertNull(m.camera());
    assertNull(m.microphone());
    assertEquals("640x360@15", m.video().text());
    assertEquals(1, notices.size());
    assertTrue(notices.get(0).contains("camera \"USB Camera\"") && notices.get(0).contains("microphone \"Mic Z\""),
        notices.get(0));

    notices.clear();
    MediaConfig cli = SettingsKeeper.media(DesktopOptions.parse(new String[] {"--camera", "Test pattern 1280x720",
        "--video", "1280x720@30"}), saved.withChoice("microphone", null), () -> machine, notices);
    assertEquals("Test pattern 1280x720", cli.camera());
    assertEquals("1280x720@30", cli.video().text());
    assertTrue(notices.isEmpty(), notices.toString());
    assertFalse(SettingsKeeper.media(DesktopOptions.parse(new String[] {"--synthetic"}), saved, () -> machine,
        notices).camera().equals("USB Camera"));
  }
}
