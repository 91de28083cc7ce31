package dev.peerphone.signaling.cluster;

import dev.peerphone.signaling.server.Directory.Listed;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's presence list: each push is one run of {@link Scripts#PRESENCE} in Redis (this
 * node's changes written, one page of the cluster's list read), its page handed back on the core
 * executor. Stateless: the list is Redis's.
 */
final class RedisPresence {
  private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);
  private final RedisAsyncCommands<String, String> commands;
  private final RedisStats stats;
  private final Executor core;
  private final String where;
  private final String node;

  RedisPresence(RedisAsyncCommands<String, String> commands, RedisStats stats, Executor core, String where,
      String node) {
    this.commands = commands;
    this.stats = stats;
    this.core = core;
    this.where = where;
    this.node = node;
  }

  /** Writes this node's presence {@code changes}, then reads the cluster's first {@code max} entries (null if Redis failed). */
  void write(Map<String, String> changes, int max, Consumer<List<Listed>> page) {
    String[] args = new String[2 + 2 * changes.size()];
    args[0] = node;
    args[1] = Integer.toString(max);
    int i = 2;
    for (Map.Entry<String, String> c : changes.entrySet()) {
      args[i++] = c.getKey();
      args[i++] = c.getValue() == null ? "" : c.getValue();
    }
    stats.timed(() -> commands.<List<String>>eval(Scripts.PRESENCE, ScriptOutputType.MULTI,
        new String[] {Keys.PRESENCE, Keys.ORDER, Keys.SEQ, Keys.VERSION, Keys.NUDGE}, args))
        .whenComplete((flat, e) -> core.execute(() -> {
          if (e != null) {
            log.warn("Cannot read the cluster's presence list on Redis {}: {}", where, e.toString());
            page.accept(null);
            return;
          }
          List<Listed> listed = new ArrayList<>(flat.size() / 2);
          for (int j = 0; j + 1 < flat.size(); j += 2) {
            listed.add(new Listed(flat.get(j), flat.get(j + 1)));
          }
          page.accept(listed);
        }));
  }
}
