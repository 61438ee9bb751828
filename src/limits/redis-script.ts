/**
 * The GCRA of src/limits/gcra.ts and the concurrency leases, in Lua, so that a
 * request's rules are checked and charged atomically in ONE round trip. Time
 * comes from the Redis server (TIME), so instances with skewed clocks still
 * share one consistent limit.
 *
 * KEYS: one per rule. ARGV: dryRun, leaseId, leaseTtlMs, then per rule:
 * kind ("r" rate | "c" concurrency), limit, periodMs, cost.
 * Returns: { allowed, then per rule: allowed, remaining, resetMs, retryAfterMs (-1 = never) }.
 */
export const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local dry = ARGV[1] == '1'
local lease = ARGV[2]
local leaseTtl = tonumber(ARGV[3])
local all = 1
local out = {}
local writes = {}
for i = 1, #KEYS do
  local a = 4 + (i - 1) * 4
  local kind, limit, period, cost = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  if kind == 'c' then
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
    local held = redis.call('ZCARD', KEYS[i])
    local ok = held < limit
    local used = 0
    if ok and not dry then used = 1 end
    if not ok then all = 0 end
    local retry = 0
    if not ok then retry = 1000 end
    out[#out + 1] = ok and 1 or 0
    out[#out + 1] = math.max(0, limit - held - used)
    out[#out + 1] = 0
    out[#out + 1] = retry
  else
    local interval = period / limit
    local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
    local base = tat
    if base < now then base = now end
    local newTat = base + cost * interval
    local ok = cost <= limit and newTat - period <= now
    local remaining, reset, retry
    if ok then
      remaining = math.floor((now + period - newTat) / interval + 1e-9)
      reset = newTat - now
      retry = 0
      writes[i] = newTat
    else
      all = 0
      remaining = math.floor((now + period - base) / interval + 1e-9)
      reset = base - now
      if cost > limit then retry = -1 else retry = math.ceil(newTat - period - now) end
    end
    out[#out + 1] = ok and 1 or 0
    out[#out + 1] = math.max(0, remaining)
    out[#out + 1] = math.ceil(reset)
    out[#out + 1] = retry
  end
end
if all == 1 and not dry then
  for i = 1, #KEYS do
    local a = 4 + (i - 1) * 4
    if ARGV[a] == 'c' then
      redis.call('ZADD', KEYS[i], now + leaseTtl, lease)
      redis.call('PEXPIRE', KEYS[i], leaseTtl)
    else
      redis.call('SET', KEYS[i], string.format('%.17g', writes[i]), 'PX', math.ceil(writes[i] - now) + 1000)
    end
  end
end
if all == 0 and not dry then
  -- report what is left now, not what would be left had the request gone through
  for i = 1, #KEYS do
    local a = 4 + (i - 1) * 4
    local o = 1 + (i - 1) * 4
    if out[o] == 1 and ARGV[a] ~= 'c' then
      out[o + 1] = out[o + 1] + tonumber(ARGV[a + 3])
    end
  end
end
table.insert(out, 1, all)
return out
`;

/**
 * Gives back tokens (or charges extra, with a negative amount) and frees the
 * concurrency lease. KEYS: one per rule. ARGV: leaseId, refund, then per rule:
 * kind ("r" rate | "t" token rate | "c" concurrency), limit, periodMs.
 */
export const SETTLE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = ARGV[1]
local refund = tonumber(ARGV[2])
for i = 1, #KEYS do
  local a = 3 + (i - 1) * 3
  local kind, limit, period = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  if kind == 'c' then
    redis.call('ZREM', KEYS[i], lease)
  elseif kind == 't' and refund ~= 0 then
    local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
    if tat < now then tat = now end
    local newTat = tat - refund * (period / limit)
    if newTat <= now then
      redis.call('DEL', KEYS[i])
    else
      redis.call('SET', KEYS[i], string.format('%.17g', newTat), 'PX', math.ceil(newTat - now) + 1000)
    end
  end
end
return 1
`;
