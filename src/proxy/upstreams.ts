import { Pool } from 'undici';
import type { ModelRouteConfig, UpstreamConfig } from '../config/schema.js';
import { WardenError } from '../errors.js';
import type { ApiName } from './protocols/protocol.js';

export interface Upstream {
  readonly name: string;
  readonly api: UpstreamConfig['api'];
  /** Path prefix before `/v1/...` (empty for most upstreams). */
  readonly basePath: string;
  readonly apiKey: string | undefined;
  readonly pool: Pool;
  readonly timeouts: UpstreamConfig['timeouts'];
}

export interface ResolvedRoute {
  /** The configured route name (a bounded label for metrics, unlike the client's model string). */
  readonly routeName: string;
  readonly upstream: Upstream;
  readonly upstreamModel: string | undefined;
  readonly group: string;
}

function supports(upstream: Upstream, api: ApiName): boolean {
  return upstream.api === 'both' || upstream.api === api;
}

export function createUpstream(name: string, cfg: UpstreamConfig, env: NodeJS.ProcessEnv = process.env): Upstream {
  const url = new URL(cfg.baseUrl);
  const basePath = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  const pool = new Pool(url.origin, {
    connections: cfg.connections,
    connectTimeout: cfg.timeouts.connectMs,
    headersTimeout: cfg.timeouts.headersMs,
    bodyTimeout: cfg.timeouts.bodyIdleMs,
    keepAliveTimeout: 30_000,
  });
  return {
    name,
    api: cfg.api,
    basePath,
    apiKey: cfg.apiKeyEnv === undefined ? undefined : env[cfg.apiKeyEnv],
    pool,
    timeouts: cfg.timeouts,
  };
}

interface CompiledRoute {
  cfg: ModelRouteConfig;
  prefix: string | undefined;
  resolved: ResolvedRoute;
}

/**
 * Maps a client's model name to an upstream. Routes are tried in config order;
 * the first whose name matches and whose upstream speaks the caller's API wins,
 * so `--upstream` and `--anthropic-upstream` can both serve `*`.
 */
export class ModelRouter {
  readonly #routes: CompiledRoute[];

  constructor(routes: ModelRouteConfig[], upstreams: ReadonlyMap<string, Upstream>) {
    this.#routes = routes.map((cfg) => {
      const upstream = upstreams.get(cfg.upstream);
      if (!upstream) throw new WardenError('WARDEN_ERR_CONFIG', `models: unknown upstream "${cfg.upstream}"`);
      return {
        cfg,
        prefix: cfg.name.endsWith('*') ? cfg.name.slice(0, -1) : undefined,
        resolved: { routeName: cfg.name, upstream, upstreamModel: cfg.upstreamModel, group: cfg.group },
      };
    });
  }

  resolve(model: string, api: ApiName): ResolvedRoute {
    let matchedOtherApi: string | undefined;
    for (const route of this.#routes) {
      const matches = route.prefix === undefined ? route.cfg.name === model : model.startsWith(route.prefix);
      if (!matches) continue;
      if (supports(route.resolved.upstream, api)) return route.resolved;
      matchedOtherApi ??= route.resolved.upstream.api;
    }
    if (matchedOtherApi !== undefined) {
      const other = matchedOtherApi === 'openai' ? 'the OpenAI Chat Completions API (/v1/chat/completions)' : 'the Anthropic Messages API (/v1/messages)';
      throw new WardenError('WARDEN_ERR_WRONG_API_FOR_MODEL', `model "${model}" is only served through ${other}`);
    }
    throw new WardenError('WARDEN_ERR_MODEL_NOT_FOUND', `The model "${model}" does not exist or you do not have access to it.`);
  }

  /** Exact model names clients can call through `api` (globs cannot be listed). */
  listModels(api: ApiName): string[] {
    const names = new Set<string>();
    for (const r of this.#routes) if (r.prefix === undefined && supports(r.resolved.upstream, api)) names.add(r.cfg.name);
    return [...names];
  }
}
