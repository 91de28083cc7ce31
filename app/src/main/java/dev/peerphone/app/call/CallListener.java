package dev.peerphone.app.call;

/**
 * Receives {@link CallEvent}s. Called on the call executor: implementations must return quickly
 * (hand off to the UI thread or a queue) and must not call back into blocking engine methods.
 */
@FunctionalInterface
public interface CallListener {
  void onEvent(CallEvent event);
}
