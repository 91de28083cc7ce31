package dev.peerphone.app.ui;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.peerphone.app.ConfigFiles;
import dev.peerphone.app.rtc.VideoQuality;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's settings file ({@code $XDG_CONFIG_HOME/peerphone/settings.json}, else under
 * {@code ~/.config}): read once at start, written after every change on a writer thread of its
 * own (to a temporary file, then renamed over the old one, so a crash mid-write leaves the old
 * file whole). Never stops the app: a missing file is a first start; a file that is not a JSON
 * object is kept as {@code settings.json.bad} and the app starts with defaults; values that make
 * no sense (a window 3 pixels wide, a frame rate of 900) are dropped one by one. Each case comes
 * with a notice in words for the user.
 *
 * <p>Threading: {@link #load} before use; {@link #update} from any thread.
 */
public final class SettingsFile {
  private static final Logger log = LoggerFactory.getLogger(SettingsFile.class);
  /** Larger than any settings file we write by far: anything bigger is not ours. */
  static final int MAX_BYTES = 64 * 1024;
  private static final int MAX_TEXT = 512;
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** What {@link #load} found, and what to tell the user about it ("" = nothing). */
  public record Loaded(Settings settings, String notice) {}

  private final Path file;
  private final ExecutorService writer;
  private final Object lock = new Object();
  private Settings current = Settings.EMPTY; // guarded by lock
  private boolean writePending; // guarded by lock
  private boolean writable = true; // guarded by lock
  private volatile Consumer<String> problems = text -> { };

  /** Settings kept in {@code file}; null keeps nothing (tests, scripted runs). */
  public SettingsFile(Path file) {
    this.file = file;
    this.writer = file == null ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "settings-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /** Remembers nothing: every start is a first start. */
  public static SettingsFile none() {
    return new SettingsFile(null);
  }

  /** {@code $XDG_CONFIG_HOME/peerphone/settings.json}, or under {@code ~/.config} without it. */
  public static Path defaultFile() {
    return ConfigFiles.dir().resolve("settings.json");
  }

  /** The file, or null when nothing is kept. */
  public Path file() {
    return file;
  }

  /** Where a write failure is reported in words (once per failure). */
  public void onProblem(Consumer<String> sink) {
    problems = sink;
  }

  /** Reads the file; never throws. */
  public Loaded load() {
    if (file == null) {
      return new Loaded(Settings.EMPTY, "");
    }
    Loaded l = read();
    synchronized (lock) {
      current = l.settings();
    }
    return l;
  }

  private Loaded read() {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        return corrupt("it is larger than " + MAX_BYTES / 1024 + " KiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Loaded(Settings.EMPTY, "");
    } catch (IOException e) {
      synchronized (lock) {
        writable = false; // we could not read it: do not overwrite what we could not see
      }
      return new Loaded(Settings.EMPTY, "Could not read the settings file " + file + " (" + e.getMessage()
          + "): starting with defaults, and settings are not saved this time.");
    }
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
      if (!e.isJsonObject()) {
        return corrupt("it is not a JSON object");
      }
      o = e.getAsJsonObject();
    } catch (JsonParseException | IllegalStateException | StackOverflowError e) {
      return corrupt("it is not valid JSON");
    }
    List<String> dropped = new ArrayList<>();
    Settings s = new Settings(text(o, "name", dropped), text(o, "server", dropped), text(o, "camera", dropped),
        text(o, "microphone", dropped), text(o, "speaker", dropped), video(o, dropped), bool(o, "relayOnly", dropped),
        window(o, dropped), theme(o, dropped), bool(o, "multiCall", dropped));
    String notice = dropped.isEmpty() ? ""
        : "Ignored settings that made no sense (" + String.join(", ", dropped) + ") in " + file + ".";
    return new Loaded(s, notice);
  }

  /** Keeps the unreadable file beside the new one, so nothing the user had is lost. */
  private Loaded corrupt(String why) {
    Path bad = file.resolveSibling(file.getFileName() + ".bad");
    String kept;
    try {
      Files.copy(file, bad, StandardCopyOption.REPLACE_EXISTING);
      kept = " (kept as " + bad.getFileName() + ")";
    } catch (IOException e) {
      kept = "";
    }
    log.warn("settings file {} unreadable: {}", file, why);
    return new Loaded(Settings.EMPTY, "The settings file " + file + " could not be used: " + why + kept
        + ". Starting with defaults.");
  }

  private static String text(JsonObject o, String key, List<String> dropped) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (e instanceof JsonPrimitive p && p.isString()) {
      String s = p.getAsString();
      if (s.length() <= MAX_TEXT && s.chars().noneMatch(Character::isISOControl)) {
        return s;
      }
    }
    dropped.add(key);
    return null;
  }

  private static String video(JsonObject o, List<String> dropped) {
    String v = text(o, "video", dropped);
    if (v == null) {
      return null;
    }
    try {
      return VideoQuality.parse(v).text();
    } catch (IllegalArgumentException e) {
      dropped.add("video");
      return null;
    }
  }

  private static String theme(JsonObject o, List<String> dropped) {
    String t = text(o, "theme", dropped);
    if (t == null) {
      return null;
    }
    try {
      return Theme.parse(t).text();
    } catch (IllegalArgumentException e) {
      dropped.add("theme");
      return null;
    }
  }

  private static Boolean bool(JsonObject o, String key, List<String> dropped) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (e instanceof JsonPrimitive p && p.isBoolean()) {
      return p.getAsBoolean();
    }
    dropped.add(key);
    return null;
  }

  private static Settings.Window window(JsonObject o, List<String> dropped) {
    JsonElement e = o.get("window");
    if (e == null || e.isJsonNull()) {
      return null;
    }
    try {
      JsonObject w = e.getAsJsonObject();
      Settings.Window r = new Settings.Window(w.get("x").getAsDouble(), w.get("y").getAsDouble(),
          w.get("width").getAsDouble(), w.get("height").getAsDouble(),
          w.has("maximized") && w.get("maximized").getAsBoolean());
      if (sane(r)) {
        return r;
      }
    } catch (RuntimeException ex) {
      // not an object, a field missing or not a number: dropped below
    }
    dropped.add("window");
    return null;
  }

  /** Finite, on any plausible desktop, and big enough to use. */
  static boolean sane(Settings.Window w) {
    return Double.isFinite(w.x()) && Double.isFinite(w.y()) && Math.abs(w.x()) < 100_000 && Math.abs(w.y()) < 100_000
        && w.width() >= 320 && w.height() >= 240 && w.width() <= 100_000 && w.height() <= 100_000;
  }

  /** The settings as they stand now. */
  public Settings current() {
    synchronized (lock) {
      return current;
    }
  }

  /** Changes the settings and writes them soon (writes in a burst coalesce into one). */
  public void update(UnaryOperator<Settings> change) {
    synchronized (lock) {
      Settings next = change.apply(current);
      if (next.equals(current)) {
        return;
      }
      current = next;
      if (file == null || !writable || writePending) {
        return;
      }
      writePending = true;
    }
    writer.execute(this::write);
  }

  /** Waits (at most {@code millis}) until what {@link #update} was given is on disk. */
  public void flush(long millis) {
    if (writer == null) {
      return;
    }
    try {
      writer.submit(() -> { }).get(millis, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("settings not flushed: {}", e.toString());
    }
  }

  /** Writer thread. */
  private void write() {
    Settings s;
    synchronized (lock) {
      writePending = false;
      s = current;
    }
    try {
      ConfigFiles.replace(file, GSON.toJson(s) + "\n");
    } catch (IOException | RuntimeException e) {
      log.warn("cannot save settings to {}: {}", file, e.toString());
      problems.accept("Could not save settings to " + file + ": " + e.getMessage());
    }
  }
}
