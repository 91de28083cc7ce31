package dev.peerphone.app.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICE servers the client holds and when they go stale (PROTOCOL.md, ICE): TURN REST
 * credentials name their expiry, and once they are past half their lifetime the client asks the
 * server for fresh ones ({@code ice}) before it places or answers a call. Fresh credentials cost a
 * call nothing; stale ones delay its media by one round trip to the server (at most
 * {@link #REPLY_TIMEOUT}, after which the call goes on with what it has).
 *
 * <p>Also the relay policy: all media through TURN when the server says so
 * ({@code iceTransportPolicy:"relay"}) or the user chose it.
 *
 * <p>Threading: call executor only.
 */
final class IceCredentials {
  private static final Logger log = LoggerFactory.getLogger(IceCredentials.class);
  static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);

  private final SignalingPort signaling;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private boolean userRelayOnly;
  private List<IceServer> servers = List.of();
  private boolean serverRelayOnly;
  /** Half-way through the shortest credential lifetime; MAX when nothing expires. */
  private Instant refreshAt = Instant.MAX;
  /** Work waiting for the reply to our {@code ice} request; non-empty only while one is out. */
  private final List<Runnable> waiting = new ArrayList<>();
  private boolean requested;
  /** The server answered {@code ice} with unknown-type (it predates PROTOCOL v1.1): never ask again. */
  private boolean unsupported;
  private ScheduledFuture<?> timeout;

  IceCredentials(SignalingPort signaling, ScheduledExecutorService executor, Clock clock, boolean userRelayOnly) {
    this.signaling = signaling;
    this.executor = executor;
    this.clock = clock;
    this.userRelayOnly = userRelayOnly;
  }

  /** New servers and policy, from a login or {@code ice} reply; runs what waited for them. */
  void update(List<IceServer> fresh, boolean relayPolicy) {
    Instant now = clock.instant();
    servers = List.copyOf(fresh);
    serverRelayOnly = relayPolicy;
    refreshAt = Instant.MAX;
    for (IceServer s : servers) {
      OptionalLong expiry = s.expiryEpochSeconds();
      if (expiry.isPresent()) {
        Instant expires = Instant.ofEpochSecond(expiry.getAsLong());
        Instant half = expires.isAfter(now) ? now.plus(Duration.between(now, expires).dividedBy(2)) : now;
        if (half.isBefore(refreshAt)) {
          refreshAt = half;
        }
      }
    }
    if (requested) {
      requested = false;
      if (timeout != null) {
        timeout.cancel(false);
      }
      runWaiting();
    }
  }

  /**
   * The server refused {@code ice} as an unknown type (an older server): calls go on with the
   * credentials they have, and we stop asking. Returns whether a request of ours was out.
   */
  boolean refused() {
    unsupported = true;
    if (!requested) {
      return false;
    }
    log.info("the server does not know 'ice' (older than PROTOCOL v1.1); keeping the credentials held");
    requested = false;
    if (timeout != null) {
      timeout.cancel(false);
    }
    runWaiting();
    return true;
  }

  /** The signaling connection dropped: an {@code ice} request out now will never be answered. */
  void signalingDown() {
    if (requested) {
      log.info("signaling dropped while asking for fresh ICE servers; going on with the ones held");
      requested = false;
      if (timeout != null) {
        timeout.cancel(false);
      }
      runWaiting();
    }
  }

  /** The user's own relay-only choice, for the links opened from now on. */
  void setUserRelayOnly(boolean v) {
    userRelayOnly = v;
  }

  /** Whether the credentials held are past half their lifetime. */
  boolean stale() {
    return !unsupported && !clock.instant().isBefore(refreshAt);
  }

  /** Asks for fresh credentials if the ones held are stale (e.g. while a call rings), without waiting. */
  void refreshIfStale() {
    if (stale() && !requested) {
      request();
    }
  }

  /**
   * Runs {@code then} with fresh credentials: at once when the ones held are fresh, else after the
   * server's {@code ice} reply or {@link #REPLY_TIMEOUT}, whichever comes first.
   */
  void whenFresh(Runnable then) {
    if (!stale()) {
      then.run();
      return;
    }
    waiting.add(then);
    if (!requested) {
      request();
    }
  }

  IceConfig config() {
    return new IceConfig(servers, relayOnly());
  }

  /** The server's policy or the user's choice says: relay all media through TURN. */
  boolean relayOnly() {
    return serverRelayOnly || userRelayOnly;
  }

  /** Relay-only is on but there is no TURN server to relay through: no call could connect. */
  boolean relayUnavailable() {
    return relayOnly() && !config().hasTurn();
  }

  /** Why {@link #relayUnavailable()}, in words for the user. */
  String relayUnavailableMessage() {
    return (userRelayOnly ? "You chose to hide your IP address (relay through TURN)"
        : "This server relays all media through TURN")
        + ", but the server offers no TURN server: calls cannot connect."
        + (userRelayOnly ? " Turn the relay-only setting off, or use a server with --turn." : "");
  }

  private void request() {
    requested = true;
    log.info("ICE credentials past half their lifetime: asking the server for fresh ones");
    signaling.ice();
    timeout = executor.schedule(() -> CallController.guarded(() -> {
      if (requested) {
        log.warn("no ice reply within {} ms; going on with the credentials held", REPLY_TIMEOUT.toMillis());
        requested = false;
        runWaiting();
      }
    }), REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runWaiting() {
    List<Runnable> tasks = new ArrayList<>(waiting);
    waiting.clear();
    for (Runnable task : tasks) {
      CallController.guarded(task);
    }
  }
}
