package dev.peerphone.app.ui;

import dev.peerphone.app.call.CallStats;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * One call's statistics over its video, in the tile's top-left corner ({@link StatsText}), on a
 * semi-transparent panel in the theme's colours: a plain rectangle behind the text, no blur or
 * shadow (those would cost render time every frame). It shows while the overlays are switched on
 * and the call has a reading; its text changes with each reading (once a second). Id
 * {@code stats-<peer>}, the text {@code statsText-<peer>}.
 *
 * <p>Threading: FX thread. Call {@link #dispose} when the call's tile goes for good.
 */
final class StatsOverlay extends StackPane {
  private final String peer;
  private final StatsBook book;
  private final Label text = new Label();
  private final MapChangeListener<String, CallStats> update;

  StatsOverlay(String peer, StatsBook book) {
    this.peer = peer;
    this.book = book;
    setId("stats-" + peer);
    getStyleClass().add("stats-overlay");
    text.setId("statsText-" + peer);
    text.getStyleClass().add("stats-overlay-text");
    Region panel = new Region(); // translucent by its own opacity, so the text stays solid
    panel.getStyleClass().add("stats-overlay-bg");
    getChildren().addAll(panel, text);
    setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
    setMouseTransparent(true);
    StackPane.setAlignment(this, Pos.TOP_LEFT);
    StackPane.setMargin(this, new Insets(8));
    update = c -> {
      if (c.getKey().equals(peer)) {
        show(c.getMap().get(peer));
      }
    };
    book.latest().addListener(update);
    show(book.latest().get(peer));
    visibleProperty().bind(book.shown().and(Bindings.valueAt(book.latest(), peer).isNotNull()));
  }

  private void show(CallStats s) {
    text.setText(s == null ? "" : String.join("\n", StatsText.lines(s)));
  }

  /** The overlay's text as shown (for tests). */
  String text() {
    return text.getText();
  }

  void dispose() {
    book.latest().removeListener(update);
    visibleProperty().unbind();
  }
}
