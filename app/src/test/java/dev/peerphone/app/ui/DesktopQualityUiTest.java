package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.testing.HeadlessProcess;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;

/** The Quality dropdown, used mid-call in the real window: the headless peer decodes the new size. */
class DesktopQualityUiTest extends UiTestBase {

  @Test
  void pickingAQualityMidCallChangesTheSizeThePeerReceives() {
    HeadlessProcess bob = peer("bob", "--fake-video");
    signIn("alice");
    waitUntil("the quality in use is shown", () -> "640x480@30".equals(qualityShown()));
    waitUntil("bob listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("bob")));
    clickOn("bob  (available)");
    clickOn("#callSelected");
    JsonObject before = bob.await("remote-video", e -> size(e).equals("640x480"), TIMEOUT);

    showSettings();
    clickOn("#quality");
    clickOn("720p 30 fps");
    waitUntil("local preview 1280x720", () -> localSize().equals("1280x720"));
    // Under CPU load the encoder may start the new size scaled down, but never changes its shape.
    JsonObject wide = bob.await("remote-video", e -> Math.abs(aspect(e) - 16.0 / 9) < 0.03, TIMEOUT);
    assertTrue(pixels(wide) > pixels(before), size(wide) + " after " + size(before));
    JsonObject full = bob.await("remote-video", e -> size(e).equals("1280x720"), TIMEOUT);
    System.out.println("bob received " + size(before) + ", then " + size(wide) + ", then " + size(full));
    assertEquals("720p 30 fps", qualityShown());
  }

  private String qualityShown() {
    return fx(() -> String.valueOf(lookup("#quality").queryAs(ComboBox.class).getValue()));
  }

  private String localSize() {
    javafx.scene.image.Image img = window.main().video().local().view().getImage();
    return img == null ? "" : (int) img.getWidth() + "x" + (int) img.getHeight();
  }

  private static String size(JsonObject e) {
    return e.get("width").getAsInt() + "x" + e.get("height").getAsInt();
  }

  private static long pixels(JsonObject e) {
    return (long) e.get("width").getAsInt() * e.get("height").getAsInt();
  }

  private static double aspect(JsonObject e) {
    return e.get("width").getAsDouble() / e.get("height").getAsDouble();
  }
}
