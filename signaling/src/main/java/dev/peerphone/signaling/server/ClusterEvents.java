package dev.peerphone.signaling.server;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a cluster node's directory hands the hub from other nodes ({@link Directory.Inbox}):
 * messages for its users, users who resumed elsewhere or here, users of dead nodes who did not
 * come back, its own re-registration after a lapsed lease, and nudges to read the presence list
 * again. Confined to the core executor, like the hub whose tables it changes.
 */
final class ClusterEvents implements Directory.Inbox {
  private final Map<String, Session> byKey;
  private final CrossNode crossNode;
  private final SharedRoulette shared;
  private final UserLists lists;
  private final Presence presence;
  /** The hub's: closes a user whose name another login holds now (4001, nobody told). */
  private final Consumer<Session> dropMovedAway;
  private final Runnable updateGauges;
  private final PeerJsCluster peerJs;

  ClusterEvents(Map<String, Session> byKey, CrossNode crossNode, SharedRoulette shared, UserLists lists,
      Presence presence, Consumer<Session> dropMovedAway, Runnable updateGauges, PeerJsCluster peerJs) {
    this.peerJs = peerJs;
    this.byKey = byKey;
    this.crossNode = crossNode;
    this.shared = shared;
    this.lists = lists;
    this.presence = presence;
    this.dropMovedAway = dropMovedAway;
    this.updateGauges = updateGauges;
  }

  @Override
  public void deliver(String targetKey, String envelope) {
    crossNode.deliver(targetKey, envelope);
  }

  @Override
  public void moved(String key, boolean here) {
    Session old = here ? null : byKey.get(key);
    if (old != null) {
      dropMovedAway.accept(old);
      updateGauges.run();
      presence.changed();
    }
    crossNode.announce(key);
  }

  @Override
  public void gone(String key, String name, boolean peerJs) {
    crossNode.gone(key, name, peerJs);
  }

  @Override
  public void peerJsOpened(String key) {
    peerJs.opened(key);
  }

  @Override
  public void reregistered(List<String> lost) {
    for (String key : lost) {
      Session s = byKey.get(key);
      if (s != null) {
        dropMovedAway.accept(s);
      }
    }
    shared.restore(byKey.values());
    lists.rewrite();
    updateGauges.run();
    presence.changed();
  }

  @Override
  public void nudged() {
    presence.changed();
  }
}
