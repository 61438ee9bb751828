import { loadConfig } from '../config/load.js';
import { IdentityService } from '../identity/service.js';
import { openStore } from '../store/open.js';
import { AdminClient, type ServerTarget } from './admin-client.js';
import { DirectManagement, HttpManagement, type Management } from './management.js';

export interface TargetOptions extends ServerTarget {
  storage?: string;
}

/**
 * Management commands act on a running server's admin API when `--url` is
 * given, and on the configured store directly otherwise (both with the same
 * `--config`/`--data` a `serve` would use).
 */
export async function openManagement(opts: TargetOptions): Promise<Management> {
  const client = AdminClient.fromTarget(opts);
  if (client) return new HttpManagement(client);
  const cfg = loadConfig(opts.config, {
    ...(opts.data === undefined ? {} : { dataDir: opts.data }),
    ...(opts.storage === undefined ? {} : { storage: opts.storage }),
  });
  const store = await openStore(cfg.storage);
  const identity = new IdentityService(store);
  const limits = cfg.limits;
  if (limits.backend !== 'redis') return new DirectManagement(identity, store);
  // Shared limits live in Redis, so usage can be read without the server.
  const { RedisLimiter } = await import('../limits/redis.js');
  const { UsageService } = await import('../limits/usage.js');
  const limiter = new RedisLimiter({ url: limits.redis.url, keyPrefix: limits.redis.keyPrefix, commandTimeoutMs: limits.redis.commandTimeoutMs });
  return new DirectManagement(identity, store, { service: new UsageService(limits, limiter, identity), close: () => limiter.close() });
}
