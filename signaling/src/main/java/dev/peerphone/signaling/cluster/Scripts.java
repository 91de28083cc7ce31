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
   * Renews this node's lease. KEYS: nodes, epoch, settling. ARGV: node, lease ms, {@code register}
   * (a node starting) or {@code renew}. Returns {1 if the lease was still held, 0 if it had lapsed
   * or never existed (the node must then re-register its names); Redis's clock in ms} (nodes stamp
   * envelopes by Redis's clock, so their own clocks need not agree).
   *
   * <p>The epoch key is written once by the first node. A renewal that finds it gone (Redis
   * restarted empty) opens the settling window {@code emptied}: for one lease length
   * {@link #CLAIM} gives out no free or dead node's name and {@link #DEAD} reports nobody, so every
   * node has a lease to claim its names again ({@link #REREGISTER}) before anyone else takes them.
   * A renewal that finds this node's lease lapsed (a failover to a replica that had stopped
   * replicating, a freeze past the lease, this node cut off) opens {@code lapsed}: for one lease
   * nobody is reaped and no name is taken over from a node whose lease lapsed (free names are
   * given out), as the other nodes' leases may look lapsed for the same reason.
   */
  static final String RENEW = NOW + """
      local prev = redis.call('ZSCORE', KEYS[1], ARGV[1])
      local held = prev and tonumber(prev) >= now
      redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
      local emptied = redis.call('EXISTS', KEYS[2]) == 0
      if emptied then redis.call('SET', KEYS[2], now) end
      if ARGV[3] == 'renew' and emptied then
        redis.call('SET', KEYS[3], 'emptied', 'PX', tonumber(ARGV[2]))
      elseif ARGV[3] == 'renew' and not held then
        redis.call('SET', KEYS[3], 'lapsed', 'PX', tonumber(ARGV[2]), 'NX')
      end
      if held then return {1, now} end
      return {0, now}
      """;

  /**
   * Claims a name and places it in the login order (a resumed name keeps its place). KEYS: names,
   * nodes, this node's owned set, events, order, login counter, settling (see {@link #RENEW}), roulette queue,
   * roulette pairs (a dead node's login taken over without its token leaves both, as {@link #REAP}
   * would have it: the new login must not inherit its queue place or partner). ARGV: key, owner, node,
   * hash of the presented resume token (empty if none). Returns {@code resumed PLACE} (held, on
   * any node, with that token: taken over, lease or not), {@code ok PLACE} (free, or held by a node
   * whose lease lapsed: taken over, and its peers are told it is {@code gone}) — PLACE is the
   * name's login number, which the node keeps to write back after a Redis restart
   * ({@link #REREGISTER}) — {@code taken} (held by
   * a live node, this one included), {@code no-lease} (this node's own lease lapsed: it may not
   * claim until it renewed) or {@code settling} (a dead node's name while settling, a free one
   * while Redis has just restarted: its holder's node may not have claimed it again yet; see
   * {@link #RENEW}).
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
        elseif redis.call('EXISTS', KEYS[7]) == 1 then
          return 'settling'
        else
          redis.call('PUBLISH', KEYS[4], 'gone\\n' .. ARGV[1] .. '\\n' .. held)
          redis.call('ZREM', KEYS[8], ARGV[1])
          local partner = redis.call('HGET', KEYS[9], ARGV[1])
          if partner then redis.call('HDEL', KEYS[9], ARGV[1], partner) end
        end
      elseif redis.call('GET', KEYS[7]) == 'emptied' then
        return 'settling'
      end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('SADD', KEYS[3], ARGV[1])
      local place = redis.call('ZSCORE', KEYS[5], ARGV[1])
      if answer == 'ok' or not place then
        place = redis.call('INCR', KEYS[6])
        redis.call('ZADD', KEYS[5], place, ARGV[1])
      end
      return answer .. ' ' .. place
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

  /**
   * Asked when a {@code PUBLISH} to a user's channel reached nobody: is the name really free?
   * KEYS: names, settling, epoch. ARGV: key. Returns {@code absent} (free, and Redis is neither
   * settling nor just emptied: {@code unknown-user}), else {@code held} (a node holds it: its
   * subscription is not back yet, or its node died and the user may resume), {@code settling} or
   * {@code emptied} (Redis restarted and no node renewed yet: names are not claimed again yet).
   */
  static final String ABSENT = """
      if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'held' end
      if redis.call('EXISTS', KEYS[2]) == 1 then return 'settling' end
      if redis.call('EXISTS', KEYS[3]) == 0 then return 'emptied' end
      return 'absent'
      """;

  /** The nodes whose lease lapsed, at most ARGV[1] of them; none while settling. KEYS: nodes, settling. */
  static final String DEAD = NOW + """
      if redis.call('EXISTS', KEYS[2]) == 1 then return {} end
      return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. now, 'LIMIT', 0, tonumber(ARGV[1]))
      """;

  /**
   * Compare-and-delete of one login, and of its presence entry if this node wrote it. KEYS: names,
   * this node's owned set, presence, order. ARGV: key, owner.
   */
  static final String RELEASE = """
      if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('ZREM', KEYS[4], ARGV[1])
        local entry = redis.call('HGET', KEYS[3], ARGV[1])
        local prefix = string.match(ARGV[2], '^%S+') .. ' '
        if entry and string.sub(entry, 1, #prefix) == prefix then
          redis.call('HDEL', KEYS[3], ARGV[1])
        end
      end
      redis.call('SREM', KEYS[2], ARGV[1])
      return 1
      """;

  /**
   * Frees a node's names: only those still owned by it (compare-and-delete: a name another node
   * took over stays) with their presence entries, then forgets the node. KEYS: names, nodes, the
   * node's owned set, events, presence, order, presence version, nudge channel, roulette queue,
   * roulette pairs (a reaped user leaves both; its partner is told by the {@code gone} event).
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
          redis.call('ZREM', KEYS[6], k)
          redis.call('ZREM', KEYS[9], k)
          local p = redis.call('HGET', KEYS[10], k)
          if p then redis.call('HDEL', KEYS[10], k, p) end
          local entry = redis.call('HGET', KEYS[5], k)
          if entry and string.sub(entry, 1, #prefix) == prefix then
            redis.call('HDEL', KEYS[5], k)
          end
          freed = freed + 1
          if ARGV[2] == 'if-dead' then
            redis.call('PUBLISH', KEYS[4], 'gone\\n' .. k .. '\\n' .. held)
          end
        end
      end
      redis.call('DEL', KEYS[3])
      redis.call('ZREM', KEYS[2], ARGV[1])
      if freed > 0 then
        redis.call('INCR', KEYS[7])
        redis.call('PUBLISH', KEYS[8], ARGV[1])
      end
      return freed
      """;

  /**
   * Writes a node's presence changes, then reads one page of the cluster's list. KEYS: presence
   * (key → {@code "NODE JSON"}), order (key → login number), login counter, version, nudge
   * channel. ARGV: node, page size, then pairs of key and {@code {name,status}} JSON (empty: the
   * user left this node; deleted only if this node wrote it). A new key gets the next login
   * number; a known one keeps its place (a resumed login). Any change bumps the version and
   * nudges the other nodes. Returns key, JSON, key, JSON… in login order.
   */
  static final String PRESENCE = """
      local prefix = ARGV[1] .. ' '
      for i = 3, #ARGV - 1, 2 do
        local k, e = ARGV[i], ARGV[i + 1]
        if e == '' then
          local v = redis.call('HGET', KEYS[1], k)
          if v and string.sub(v, 1, #prefix) == prefix then
            redis.call('HDEL', KEYS[1], k)
            redis.call('ZREM', KEYS[2], k)
          end
        else
          redis.call('HSET', KEYS[1], k, prefix .. e)
          if not redis.call('ZSCORE', KEYS[2], k) then
            redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), k)
          end
        end
      end
      if #ARGV > 2 then
        redis.call('INCR', KEYS[4])
        redis.call('PUBLISH', KEYS[5], ARGV[1])
      end
      local keys = redis.call('ZRANGE', KEYS[2], 0, tonumber(ARGV[2]) - 1)
      local out = {}
      for i = 1, #keys, 1000 do
        local chunk = {}
        for j = i, math.min(i + 999, #keys) do chunk[#chunk + 1] = keys[j] end
        local values = redis.call('HMGET', KEYS[1], unpack(chunk))
        for j, k in ipairs(chunk) do
          local v = values[j]
          if v then
            out[#out + 1] = k
            out[#out + 1] = string.sub(v, string.find(v, ' ', 1, true) + 1)
          end
        end
      end
      return out
      """;

  /**
   * A node whose lease had lapsed (Redis restarted empty, or the node was cut off) claims its
   * names again. KEYS: names, nodes, this node's owned set, order, login counter. ARGV: node, then
   * triples of key, owner and login number (as {@link #CLAIM} gave it; 0 if unknown). A name still
   * this login's, or free, or held by a dead node, is this login's again, at its own login number
   * (so the presence list keeps its order whichever node re-registers first), and the login
   * counter is moved past the largest; one a live node took meanwhile is lost. Returns the lost keys.
   */
  static final String REREGISTER = NOW + """
      local lost = {}
      local largest = 0
      for i = 2, #ARGV - 2, 3 do
        local k, owner, place = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
        local held = redis.call('HGET', KEYS[1], k)
        local live = false
        if held and held ~= owner then
          local lease = redis.call('ZSCORE', KEYS[2], string.match(held, '^%S+'))
          live = lease and tonumber(lease) >= now
        end
        if live then
          lost[#lost + 1] = k
        else
          redis.call('HSET', KEYS[1], k, owner)
          redis.call('SADD', KEYS[3], k)
          if place > 0 then
            redis.call('ZADD', KEYS[4], place, k)
            if place > largest then largest = place end
          elseif not redis.call('ZSCORE', KEYS[4], k) then
            redis.call('ZADD', KEYS[4], redis.call('INCR', KEYS[5]), k)
          end
        end
      end
      if largest > tonumber(redis.call('GET', KEYS[5]) or '0') then
        redis.call('SET', KEYS[5], largest)
      end
      return lost
      """;
}
