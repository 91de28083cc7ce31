package dev.peerphone.app.rtc;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What local video to send: frame size and frame rate, as the user picks it ("720p 30 fps") or
 * types it ({@code --video 1280x720@30}). A test pattern renders exactly this; a camera gets the
 * closest mode it offers (see {@link CameraSource}). Pure value, any thread.
 *
 * @param width pixels, at least 1 ({@link #parse} accepts only {@value #MIN_SIDE}..{@value #MAX_WIDTH})
 * @param height pixels, at least 1 ({@link #parse} accepts only {@value #MIN_SIDE}..{@value #MAX_HEIGHT})
 * @param fps frames per second, at least 1 ({@link #parse} accepts only 1..{@value #MAX_FPS})
 */
public record VideoQuality(int width, int height, int fps) {
  public static final int MIN_SIDE = 16;
  public static final int MAX_WIDTH = 3840;
  public static final int MAX_HEIGHT = 2160;
  public static final int MAX_FPS = 60;
  /** The text form {@link #parse} reads, for error messages and usage lines. */
  public static final String FORMAT = "WIDTHxHEIGHT@FPS, e.g. 1280x720@30";

  public static final VideoQuality P360_15 = new VideoQuality(640, 360, 15);
  public static final VideoQuality P360_30 = new VideoQuality(640, 360, 30);
  public static final VideoQuality P720_15 = new VideoQuality(1280, 720, 15);
  public static final VideoQuality P720_30 = new VideoQuality(1280, 720, 30);
  public static final VideoQuality P1080_15 = new VideoQuality(1920, 1080, 15);
  public static final VideoQuality P1080_30 = new VideoQuality(1920, 1080, 30);
  /** The desktop choices, smallest first. */
  public static final List<VideoQuality> PRESETS = List.of(P360_15, P360_30, P720_15, P720_30, P1080_15, P1080_30);

  private static final Pattern TEXT = Pattern.compile("(\\d{1,5})x(\\d{1,5})@(\\d{1,3})");

  /** Camera modes may be anything the driver reports; only nonsense is refused here. */
  public VideoQuality {
    if (width < 1 || height < 1 || fps < 1) {
      throw new IllegalArgumentException("video size and rate must be positive: " + width + "x" + height + "@" + fps);
    }
  }

  /**
   * Reads {@code WxH@FPS} (e.g. {@code 1280x720@30}), as typed by a user: {@value #MIN_SIDE} to
   * {@value #MAX_WIDTH} by {@value #MIN_SIDE} to {@value #MAX_HEIGHT} pixels, 1 to {@value #MAX_FPS} fps.
   *
   * @throws IllegalArgumentException naming the expected format or the violated bound
   */
  public static VideoQuality parse(String text) {
    String t = text == null ? "" : text.trim();
    Matcher m = TEXT.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a video quality: '" + t + "'; expected " + FORMAT);
    }
    int w = Integer.parseInt(m.group(1));
    int h = Integer.parseInt(m.group(2));
    int fps = Integer.parseInt(m.group(3));
    if (w < MIN_SIDE || w > MAX_WIDTH || h < MIN_SIDE || h > MAX_HEIGHT) {
      throw new IllegalArgumentException("Video size " + w + "x" + h + " out of range: " + MIN_SIDE + ".." + MAX_WIDTH
          + " x " + MIN_SIDE + ".." + MAX_HEIGHT);
    }
    if (fps < 1 || fps > MAX_FPS) {
      throw new IllegalArgumentException("Frame rate " + fps + " out of range: 1.." + MAX_FPS + " fps");
    }
    return new VideoQuality(w, h, fps);
  }

  /** "720p 30 fps" for a preset, otherwise the {@link #text()} form. */
  public String label() {
    return PRESETS.contains(this) ? height + "p " + fps + " fps" : text();
  }

  /** "1280x720@30": what {@link #parse} reads. */
  public String text() {
    return width + "x" + height + "@" + fps;
  }

  @Override
  public String toString() {
    return text();
  }
}
