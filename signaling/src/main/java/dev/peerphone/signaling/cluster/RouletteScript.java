package dev.peerphone.signaling.cluster;

/**
 * The cluster's roulette as one Lua script (see {@link Scripts} for the conventions: Lua 5.1, every
 * key in KEYS under the hash tag {@code {pp}}), run by {@link RedisRoulette}.
 */
final class RouletteScript {
  private RouletteScript() {}

  /**
   * The roulette across nodes: the same rules as {@code Roulette} (FIFO by arrival, no instant
   * re-match with the partner just left while others wait, a PeerJS page never paired with a user
   * who cannot talk to it), decided here. KEYS: queue (key → arrival number), arrival counter,
   * pairs (key → partner), "just left" bonds, names, kinds (key → {@code j} a PeerJS client,
   * {@code p} a Peerphone user that takes PeerJS calls, {@code c} one that does not; missing:
   * {@code p}). ARGV: op ({@code find}, {@code next}, {@code stop}, {@code remove} for a
   * disconnect, {@code unpair} for a pair that ended its call by leave or reject: nobody is sent
   * anything, {@code restore} after a Redis restart), key, user channel prefix, the user's kind
   * (find and next; else empty); for {@code restore}, then quadruples of key, arrival number
   * (empty: not queued; 0: queued, number unknown), partner key and key of the partner it last
   * left via next (each empty if none): queue places, pairs and bonds are written back, the
   * arrival counter moved past the largest, and whoever can be matched is. A match is published to
   * both users' channels as a {@code match} envelope (the earlier arrival is the initiator, unless
   * its partner is a PeerJS page: a page calls, so then the later arrival is, and the JSON says
   * {@code "peerjs":true}); a partner left by next or stop gets an {@code rleave} envelope
   * ({@code rstop} after stop: no bond); a disconnect's partner is told by its node. Returns
   * {@code queued N} (N: the user's arrival number if it is still waiting), {@code queued 0 NAME}
   * (the user was just paired with NAME), {@code stopped} or (remove) the partner's key or empty;
   * for a {@code find} of kind {@code j} (a page's {@code /find}, served by any node),
   * {@code absent} (no such id) or {@code not-peerjs} (a Peerphone user's name). A page that
   * leaves its partner is sent an {@code rstop} from it too, and a page left waiting an
   * {@code rqueued} (its arrival number): its own node may not have asked.
   */
  static final String ROULETTE = """
      local rq, rseq, pair, left, names, kinds = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
      local op, me, ch, kind = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
      local function name(k)
        local v = redis.call('HGET', names, k)
        return (v and string.match(v, '^%S+ %S+ %S+ (%S+)')) or k
      end
      local function kindOf(k)
        return redis.call('HGET', kinds, k) or 'p'
      end
      local function talk(x, y)
        local kx, ky = kindOf(x), kindOf(y)
        return not ((kx == 'j' and ky == 'c') or (ky == 'j' and kx == 'c'))
      end
      local function send(to, kind, from, json)
        redis.call('PUBLISH', ch .. to, kind .. '\\n' .. from .. '\\n' .. json)
      end
      local function match(to, partner, initiator)
        local pj = kindOf(partner) == 'j'
        if pj then initiator = not initiator end
        send(to, 'match', partner, '{"type":"match","name":"' .. name(partner) .. '","initiator":'
          .. tostring(initiator) .. (pj and ',"peerjs":true}' or '}'))
      end
      local function part(bond)
        local p = redis.call('HGET', pair, me)
        if not p then return end
        redis.call('HDEL', pair, me, p)
        if bond then redis.call('HSET', left, me, p, p, me) end
        send(p, bond and 'rleave' or 'rstop', me, '{"type":"leave","name":"' .. name(me) .. '"}')
        if kindOf(me) == 'j' then send(me, 'rstop', p, '{}') end
      end
      if op == 'unpair' then
        local p = redis.call('HGET', pair, me)
        if p then redis.call('HDEL', pair, me, p) end
        return ''
      end
      if op == 'remove' then
        local p = redis.call('HGET', pair, me)
        if p then redis.call('HDEL', pair, me, p) end
        redis.call('ZREM', rq, me)
        redis.call('HDEL', kinds, me)
        local l = redis.call('HGET', left, me)
        if l then
          redis.call('HDEL', left, me)
          if redis.call('HGET', left, l) == me then redis.call('HDEL', left, l) end
        end
        return p or ''
      end
      if op == 'stop' then
        part(false)
        redis.call('ZREM', rq, me)
        return 'stopped'
      end
      if op == 'restore' then
        local largest, unknown = 0, {}
        for i = 5, #ARGV - 3, 4 do
          local k, arrival, partner, gone = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
          if arrival == '0' then
            unknown[#unknown + 1] = k
          elseif arrival ~= '' then
            redis.call('ZADD', rq, tonumber(arrival), k)
            largest = math.max(largest, tonumber(arrival))
          end
          if partner ~= '' then redis.call('HSET', pair, k, partner, partner, k) end
          if gone ~= '' then redis.call('HSET', left, k, gone) end
        end
        if largest > tonumber(redis.call('GET', rseq) or '0') then redis.call('SET', rseq, largest) end
        for _, k in ipairs(unknown) do redis.call('ZADD', rq, redis.call('INCR', rseq), k) end
      else
        if kind == 'j' then
          local v = redis.call('HGET', names, me)
          if not v then return 'absent' end
          if not string.match(v, '^%S+ %S+ pj:') then return 'not-peerjs' end
        end
        if kind and kind ~= '' then redis.call('HSET', kinds, me, kind) end
        if op == 'find' and redis.call('ZSCORE', rq, me) then
          return 'queued ' .. redis.call('ZSCORE', rq, me)
        end
        part(true)
        if not redis.call('ZSCORE', rq, me) then redis.call('ZADD', rq, redis.call('INCR', rseq), me) end
      end
      while true do
        local waiting = redis.call('ZRANGE', rq, 0, 199)
        if #waiting < 2 then break end
        local a, b
        for pass = 1, 2 do
          for i = 1, #waiting do
            for j = i + 1, #waiting do
              local x, y = waiting[i], waiting[j]
              if talk(x, y) and (pass == 2 or (redis.call('HGET', left, x) ~= y and redis.call('HGET', left, y) ~= x)) then
                a, b = x, y
                break
              end
            end
            if a then break end
          end
          if a then break end
        end
        if not a then break end
        redis.call('ZREM', rq, a, b)
        redis.call('HSET', pair, a, b, b, a)
        redis.call('HDEL', left, a, b)
        match(a, b, true)
        match(b, a, false)
      end
      local partner = redis.call('HGET', pair, me)
      if partner and op ~= 'restore' then return 'queued 0 ' .. name(partner) end
      local arrival = redis.call('ZSCORE', rq, me)
      if arrival and kind == 'j' then send(me, 'rqueued', me, arrival) end
      return 'queued ' .. (arrival or '0')
      """;
}
