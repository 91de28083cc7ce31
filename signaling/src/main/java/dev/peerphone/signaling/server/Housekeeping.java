package dev.peerphone.signaling.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hub's periodic chores: closing connections that did not log in in time, pinging every
 * connection and dropping those that missed two pongs, and counting the hub's tables for
 * {@code /metrics}. Runs on the core executor, like the hub whose collections it reads.
 */
final class Housekeeping {
  private final ServerConfig config;
  private final Metrics metrics;
  private final Map<String, Session> byKey;
  private final Set<Session> open;
  private final Set<Session> awaitingLogin;
  private final AddressPolicy perAddress;

  Housekeeping(ServerConfig config, Metrics metrics, Map<String, Session> byKey, Set<Session> open,
      Set<Session> awaitingLogin, AddressPolicy perAddress) {
    this.config = config;
    this.metrics = metrics;
    this.byKey = byKey;
    this.open = open;
    this.awaitingLogin = awaitingLogin;
    this.perAddress = perAddress;
  }

  /** Closes connections that opened but did not log in within the login timeout. */
  void expireLogins(long nowNanos) {
    perAddress.prune(nowNanos);
    refreshTableGauges();
    long limit = config.loginTimeout().toNanos();
    List<Session> expired = new ArrayList<>();
    for (Session s : awaitingLogin) {
      if (nowNanos - s.openedAtNanos < limit) {
        break; // oldest first: the rest are younger
      }
      expired.add(s);
    }
    for (Session s : expired) {
      awaitingLogin.remove(s);
      s.link.close(1008, "No login within " + config.loginTimeout().toSeconds() + " s");
    }
  }

  /** Liveness: drops connections that missed two pongs in a row, pings the rest. */
  void pingAll() {
    List<Session> dead = new ArrayList<>();
    for (Session s : open) {
      if (s.pongSeen) {
        s.pongSeen = false;
        s.missedPongs = 0;
      } else if (s.missedPongs++ >= 2) {
        dead.add(s);
        continue;
      }
      s.link.ping();
    }
    for (Session s : dead) {
      s.link.drop("Missed two pongs");
    }
  }

  /** Counts what the per-user and per-address tables hold (O(users), run about once a second). */
  private void refreshTableGauges() {
    int calls = 0;
    int ringing = 0;
    for (Session s : byKey.values()) {
      calls += s.calls.size();
      ringing += s.ringing.size();
    }
    metrics.callPairs = calls / 2;
    metrics.ringingPairs = ringing / 2;
    metrics.awaitingLogin = awaitingLogin.size();
    metrics.loginRateAddresses = perAddress.bucketCount();
    metrics.nameAddresses = perAddress.nameAddressCount();
  }
}
