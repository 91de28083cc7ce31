package dev.peerphone.app.ui;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The roulette part of the view-model: whether the user is in the roulette, and what it is doing
 * ("Waiting for a free peer", "Connected to a peer"). Its calls are ordinary calls of the model.
 *
 * <p>Threading: FX thread; engine work goes through {@code engine}, the model's worker.
 */
final class RouletteModel {
  private final Consumer<Consumer<Phone>> engine;
  private final BooleanSupplier signedIn;
  private final ReadOnlyBooleanWrapper on = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

  RouletteModel(Consumer<Consumer<Phone>> engine, BooleanSupplier signedIn) {
    this.engine = engine;
    this.signedIn = signedIn;
  }

  ReadOnlyBooleanProperty onProperty() { return on.getReadOnlyProperty(); }
  ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
  /** For the event table: the roulette server's status text. */
  ReadOnlyStringWrapper statusWrapper() { return status; }

  void start() {
    if (signedIn.getAsBoolean() && !on.get()) {
      on.set(true);
      status.set("Waiting for a free peer");
      engine.accept(Phone::find);
    }
  }

  void next() {
    if (on.get()) {
      engine.accept(Phone::next);
    }
  }

  void stop() {
    if (on.get()) {
      on.set(false);
      status.set("");
      engine.accept(Phone::stopRoulette);
    }
  }
}
