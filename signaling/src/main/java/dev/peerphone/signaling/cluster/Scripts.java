package dev.peerphone.signaling.cluster;

/**
 * The Lua scripts that decide, atomically inside Redis and by Redis's own clock ({@code TIME}),
 * everything that must be unique cluster-wide (docs/CLUSTER.md). Redis embeds Lua 5.1. Every key
 * a script touches is passed in KEYS and shares the hash tag {@code {pp}}, so the scripts also run
 * on Redis Cluster. A name's owner is {@code "NODE LOGIN TOKENHASH NAME"}: the node id, that
 * node's login number (so a release deletes exactly its own login and nothing newer), the SHA-256
 * of the login's resume token (so any node can let the user resume, dead holder or not) and the
 * name as shown (for the {@code leave} its peers get when a reaper frees it).
 *
 * <p>Events on the channel {@code {pp}:events}, {@code TYPE \n KEY \n OWNER}: {@code gone} (a
 * dead node's name was freed, by a reaper or a takeover without the token: its peers get
 * {@code leave}) and {@code moved} (published by a node after a resumed claim).
 */
final class Scripts {
  private Scripts() {}

  /** Redis's clock in milliseconds; the one clock every node's lease is judged by. */
  private static final String NOW = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      """;

  /**
   * Renews this node's lease. KEYS: nodes. ARGV: node, lease ms. Returns 1 if the lease was
   * still held, 0 if it had lapsed or never existed (the node must then re-register its names).
   */
  static final String RENEW = NOW + """
      local prev = redis.call('ZSCORE', KEYS[1], ARGV[1])
      redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
      if prev and tonumber(prev) >= now then return 1 end
      return 0
      """;

  /**
   * Claims a name. KEYS: names, nodes, this node's owned set, events. ARGV: key, owner, node,
   * hash of the presented resume token (empty if none). Returns {@code resumed} (held, on any
   * node, with that token: taken over, lease or not), {@code ok} (free, or held by a node whose
   * lease lapsed: taken over, and its peers are told it is {@code gone}), {@code taken} (held by
   * a live node, this one included) or {@code no-lease} (this node's own lease lapsed: it may not
   * claim until it renewed).
   */
  static final String CLAIM = NOW + """
      local mine = redis.call('ZSCORE', KEYS[2], ARGV[3])
      if not mine or tonumber(mine) < now then return 'no-lease' end
      local held = redis.call('HGET', KEYS[1], ARGV[1])
      local answer = 'ok'
      if held then
        local holder, hash = string.match(held, '^(%S+) %S+ (%S+)')
        holder = holder or string.match(held, '^%S+')
        local lease = redis.call('ZSCORE', KEYS[2], holder)
        if ARGV[4] ~= '' and hash == ARGV[4] then
          answer = 'resumed'
        elseif lease and tonumber(lease) >= now then
          return 'taken'
        else
          redis.call('PUBLISH', KEYS[4], 'gone\\n' .. ARGV[1] .. '\\n' .. held)
        end
      end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('SADD', KEYS[3], ARGV[1])
      return answer
      """;

  /**
   * A login resumed on the node that holds it, with a new token: compare-and-set of the owner.
   * KEYS: names. ARGV: key, old owner, new owner.
   */
  static final String RETOKEN = """
      if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
        return 1
      end
      return 0
      """;

  /** The nodes whose lease lapsed, at most ARGV[1] of them. KEYS: nodes. */
  static final String DEAD = NOW + """
      return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. now, 'LIMIT', 0, tonumber(ARGV[1]))
      """;

  /** Compare-and-delete of one login. KEYS: names, this node's owned set. ARGV: key, owner. */
  static final String RELEASE = """
      if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
        redis.call('HDEL', KEYS[1], ARGV[1])
      end
      redis.call('SREM', KEYS[2], ARGV[1])
      return 1
      """;

  /**
   * Frees a node's names: only those still owned by it (compare-and-delete: a name another node
   * took over stays), then forgets the node. KEYS: names, nodes, the node's owned set, events.
   * ARGV: node, {@code always} (a node leaving: nobody is told, as when a single server stops) or
   * {@code if-dead} (a reaper: nothing happens, -1, if the node's lease is live; each freed name
   * is published {@code gone}). Returns how many names were freed.
   */
  static final String REAP = NOW + """
      if ARGV[2] == 'if-dead' then
        local lease = redis.call('ZSCORE', KEYS[2], ARGV[1])
        if lease and tonumber(lease) >= now then return -1 end
      end
      local prefix = ARGV[1] .. ' '
      local freed = 0
      for _, k in ipairs(redis.call('SMEMBERS', KEYS[3])) do
        local held = redis.call('HGET', KEYS[1], k)
        if held and string.sub(held, 1, #prefix) == prefix then
          redis.call('HDEL', KEYS[1], k)
          freed = freed + 1
          if ARGV[2] == 'if-dead' then
            redis.call('PUBLISH', KEYS[4], 'gone\\n' .. k .. '\\n' .. held)
          end
        end
      end
      redis.call('DEL', KEYS[3])
      redis.call('ZREM', KEYS[2], ARGV[1])
      return freed
      """;
}
