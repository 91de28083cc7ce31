package dev.peerphone.app.ui;

import static dev.peerphone.app.ui.HeadlessFx.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The render path's pixels and contracts, on the real JavaFX software pipeline (Monocle): known
 * I420 colours come out as the right ARGB both in the image and in what the scene draws (read
 * back with a snapshot), red and blue never swapped; the image is reused while the size stays;
 * the preview follows the remote video's pulses.
 */
class VideoRendererTest {
  static {
    HeadlessFx.useMonocle();
  }

  /** BT.601 limited-range YUV of pure colours, and the ARGB libyuv makes of them. */
  private static final int[] RED = {81, 90, 240, 0xffff0000};
  private static final int[] BLUE = {41, 240, 110, 0xff0000ff};
  private static final int[] GREEN = {145, 54, 34, 0xff00ff00};

  private Stage stage;
  private Pane root;

  @BeforeAll
  static void loadNative() throws Exception {
    Class.forName("dev.onvoid.webrtc.PeerConnectionFactory"); // loads the native library
  }

  @BeforeEach
  void showStage() throws Exception {
    stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(() -> {
      root = new Pane();
      stage.setScene(new Scene(root, 400, 300));
      stage.show();
    });
  }

  @AfterEach
  void cleanUp() throws Exception {
    FxToolkit.cleanupStages();
  }

  @Test
  void drawsKnownColoursUnscaledWithRedAndBlueInPlace() {
    FrameSlot slot = new FrameSlot();
    VideoRenderer r = fx(() -> {
      VideoRenderer vr = new VideoRenderer(slot);
      root.getChildren().add(vr.view());
      vr.view().relocate(10, 20);
      return vr;
    });
    for (int[] c : new int[][] {RED, GREEN, BLUE}) {
      offer(slot, 64, 48, c, c);
      assertTrue(fx(r::render));
      assertColour(c[3], fx(() -> r.pixel(32, 24)), "image pixel");
      assertColour(c[3], fx(() -> snapshot().getPixelReader().getArgb(10 + 32, 20 + 24)), "drawn pixel");
    }
  }

  @Test
  void drawsLeftAndRightHalvesWhereTheyBelongWhenScaled() {
    FrameSlot slot = new FrameSlot();
    VideoRenderer r = fx(() -> {
      VideoRenderer vr = new VideoRenderer(slot);
      VideoTile tile = new VideoTile(vr.view(), "");
      tile.setPrefSize(320, 240);
      root.getChildren().add(tile);
      return vr;
    });
    offer(slot, 64, 48, RED, BLUE);
    assertTrue(fx(r::render));
    assertColour(RED[3], fx(() -> r.pixel(8, 24)), "image, left");
    assertColour(BLUE[3], fx(() -> r.pixel(56, 24)), "image, right");
    WritableImage shot = fx(this::snapshot);
    assertColour(RED[3], shot.getPixelReader().getArgb(40, 120), "drawn 5x, left");
    assertColour(BLUE[3], shot.getPixelReader().getArgb(280, 120), "drawn 5x, right");
  }

  @Test
  void reusesTheImageWhileTheSizeStaysAndReplacesItWhenItChanges() {
    FrameSlot slot = new FrameSlot();
    VideoRenderer r = fx(() -> new VideoRenderer(slot));
    offer(slot, 64, 48, RED, RED);
    fx(r::render);
    Image first = fx(() -> r.view().getImage());
    offer(slot, 64, 48, BLUE, BLUE);
    fx(r::render);
    assertSame(first, fx(() -> r.view().getImage()));
    assertColour(BLUE[3], fx(() -> r.pixel(1, 1)), "second frame");
    offer(slot, 32, 24, GREEN, GREEN);
    fx(r::render);
    assertNotSame(first, fx(() -> r.view().getImage()));
    assertEquals(32.0, (double) fx(() -> r.view().getImage().getWidth()));
    assertEquals(3, r.shown());
    assertFalse(fx(r::render), "nothing new, nothing drawn");
  }

  @Test
  void aFrameLargerThanItsGridTileIsScaledToFitKeepingItsShapeAndColours() {
    FrameSlot slot = new FrameSlot();
    VideoRenderer r = fx(() -> new VideoRenderer(slot));
    fx(() -> {
      r.fitWithin(32, 40);
      return null;
    });
    offer(slot, 64, 48, RED, BLUE);
    fx(r::render);
    assertEquals(32.0, (double) fx(() -> r.view().getImage().getWidth()), "fits the width");
    assertEquals(24.0, (double) fx(() -> r.view().getImage().getHeight()), "4:3 kept");
    assertColour(RED[3], fx(() -> r.pixel(4, 12)), "scaled, left");
    assertColour(BLUE[3], fx(() -> r.pixel(28, 12)), "scaled, right");
    fx(() -> {
      r.fitWithin(0, 0);
      return null;
    });
    offer(slot, 64, 48, RED, BLUE);
    fx(r::render);
    assertEquals(64.0, (double) fx(() -> r.view().getImage().getWidth()), "own size again");
  }

  @Test
  void previewDrawsInTheRemotePulsesAndAloneOnceTheRemoteIsIdle() {
    FrameSlot remoteSlot = new FrameSlot();
    FrameSlot localSlot = new FrameSlot();
    RenderLoop loop = new RenderLoop();
    VideoRenderer remote = fx(() -> new VideoRenderer(remoteSlot));
    VideoRenderer local = fx(() -> new VideoRenderer(localSlot));
    loop.add(remote);
    loop.addFollower(local);
    long t = 1_000_000_000L;
    offer(localSlot, 32, 24, RED, RED);
    fx(() -> pulse(loop, t)); // no remote video yet: the preview draws on its own
    assertEquals(1, local.shown());

    offer(remoteSlot, 32, 24, BLUE, BLUE);
    fx(() -> pulse(loop, t + 16_000_000L));
    offer(localSlot, 32, 24, RED, RED);
    fx(() -> pulse(loop, t + 33_000_000L)); // remote video runs, no remote frame: preview waits
    assertEquals(1, local.shown());
    offer(remoteSlot, 32, 24, BLUE, BLUE);
    fx(() -> pulse(loop, t + 50_000_000L)); // drawn together with the remote frame
    assertEquals(2, local.shown());
    assertEquals(2, remote.shown());

    offer(localSlot, 32, 24, RED, RED);
    fx(() -> pulse(loop, t + 50_000_000L + RenderLoop.LEAD_IDLE_NANOS)); // remote idle
    assertEquals(3, local.shown());
    assertEquals(0, localSlot.dropped());
    assertEquals(List.of(remote, local), loop.renderers());
  }

  private static boolean pulse(RenderLoop loop, long now) {
    loop.handle(now);
    return true;
  }

  private WritableImage snapshot() {
    return root.getScene().snapshot(null);
  }

  /** Offers a w x h frame whose left half is {@code left} and right half {@code right}. */
  private static void offer(FrameSlot slot, int w, int h, int[] left, int[] right) {
    NativeI420Buffer b = NativeI420Buffer.allocate(w, h);
    fill(b.getDataY(), b.getStrideY(), w, h, left[0], right[0]);
    fill(b.getDataU(), b.getStrideU(), w / 2, h / 2, left[1], right[1]);
    fill(b.getDataV(), b.getStrideV(), w / 2, h / 2, left[2], right[2]);
    VideoFrame f = new VideoFrame(b, 0);
    slot.offer(f); // the slot's own reference
    f.release(); // ours
  }

  private static void fill(ByteBuffer plane, int stride, int w, int h, int left, int right) {
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        plane.put(y * stride + x, (byte) (x < w / 2 ? left : right));
      }
    }
  }

  private static void assertColour(int expected, int actual, String where) {
    for (int shift = 0; shift <= 24; shift += 8) {
      int e = (expected >>> shift) & 0xff;
      int a = (actual >>> shift) & 0xff;
      assertTrue(Math.abs(e - a) <= 12, () -> String.format("%s: expected ~%08x, got %08x", where, expected, actual));
    }
  }
}
