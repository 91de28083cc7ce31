package dev.peerphone.app.audio;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-off look at which devices the sound server has, on a connection of its own. pipewire-pulse
 * opens a stream for a device it does not have on the default one (PulseAudio refuses), so the
 * meter and the players ask first.
 */
final class DeviceNames {
  private DeviceNames() {}

  /**
   * The names of the server's sources ({@code sources} true, monitors included) or sinks, asked
   * on a connection of its own that is closed before this returns; empty when no server answers
   * within {@code timeout}. Waits, so never call it on a pulse-client thread.
   */
  static Optional<List<String>> names(String appName, boolean sources, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<PulseClient> opened = PulseClient.open(appName, null, timeout);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    try (PulseClient client = opened.get()) {
      CompletableFuture<List<PulseClient.Device>> devices = new CompletableFuture<>();
      client.post(() -> {
        if (sources) {
          client.sources(devices::complete);
        } else {
          client.sinks(devices::complete);
        }
      });
      List<PulseClient.Device> list = devices.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return Optional.of(list.stream().map(PulseClient.Device::name).toList());
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
