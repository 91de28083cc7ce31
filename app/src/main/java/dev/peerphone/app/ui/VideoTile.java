package dev.peerphone.app.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * One video picture that fills whatever space it is given, keeping the aspect ratio, with an
 * optional caption and overlay ("Camera off"). Laid out by hand so the image's own size never
 * pushes the layout bigger.
 */
public final class VideoTile extends Region {
  private final ImageView image;
  private final StackPane overlay = new StackPane();

  public VideoTile(ImageView image, String caption) {
    this.image = image;
    getStyleClass().add("video-tile");
    setMinSize(0, 0);
    overlay.setAlignment(Pos.BOTTOM_LEFT);
    overlay.setPickOnBounds(false);
    if (caption != null && !caption.isEmpty()) {
      Label l = new Label(caption);
      l.getStyleClass().add("video-caption");
      StackPane.setMargin(l, new javafx.geometry.Insets(8));
      overlay.getChildren().add(l);
    }
    getChildren().addAll(image, overlay);
  }

  /** Adds a node centred over the picture (e.g. the "Camera off" label). */
  public void addOverlay(javafx.scene.Node n) {
    StackPane.setAlignment(n, Pos.CENTER);
    overlay.getChildren().add(n);
  }

  @Override
  protected double computePrefWidth(double h) {
    return 160;
  }

  @Override
  protected double computePrefHeight(double w) {
    return 120;
  }

  @Override
  protected void layoutChildren() {
    double w = getWidth();
    double h = getHeight();
    // Whole pixels, so that a picture drawn to fit (VideoRenderer.fitWithin) is shown 1:1.
    image.setFitWidth(Math.floor(w));
    image.setFitHeight(Math.floor(h));
    double iw = image.getLayoutBounds().getWidth();
    double ih = image.getLayoutBounds().getHeight();
    // Whole pixels: the software pipeline copies an unscaled image at an integer offset
    // instead of resampling it.
    image.relocate(Math.floor((w - iw) / 2), Math.floor((h - ih) / 2));
    overlay.resizeRelocate(0, 0, w, h);
  }
}
