import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { WardenError, formatIssues } from '../errors.js';
import { configSchema, type WardenConfig } from './schema.js';

/** Flags that `warden serve` (and the management commands) can set on top of the file. */
export interface ConfigOverrides {
  port?: number;
  host?: string;
  dataDir?: string;
  storage?: string;
  /** Shorthand for one OpenAI-compatible upstream serving every model. */
  upstream?: string;
  /** Shorthand for one Anthropic upstream serving every model. */
  anthropicUpstream?: string;
  logLevel?: WardenConfig['logging']['level'];
}

/** The name of the built-in simulated upstream that serves when none is configured. */
export const SIM_UPSTREAM = 'warden-sim';
export const SIM_MODELS = ['warden-sim', 'warden-sim-large'] as const;

export interface ResolvedConfig extends WardenConfig {
  storage: string;
  /** Where the audit log lives (see audit.storage). */
  auditStorage: string;
  /** True when Warden must start its built-in, clearly labelled simulated upstream. */
  useBuiltInSimulator: boolean;
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new WardenError('WARDEN_ERR_CONFIG', `cannot read config file ${file}: ${(err as Error).message}`);
  }
  try {
    return parseYaml(text) ?? {};
  } catch (err) {
    throw new WardenError('WARDEN_ERR_CONFIG', `config file ${file} is not valid YAML: ${(err as Error).message}`);
  }
}

function applyOverrides(raw: Record<string, unknown>, o: ConfigOverrides): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  const server = { ...((raw['server'] as Record<string, unknown> | undefined) ?? {}) };
  if (o.port !== undefined) server['port'] = o.port;
  if (o.host !== undefined) server['host'] = o.host;
  out['server'] = server;
  if (o.dataDir !== undefined) out['dataDir'] = o.dataDir;
  if (o.storage !== undefined) out['storage'] = o.storage;
  if (o.logLevel !== undefined) {
    out['logging'] = { ...((raw['logging'] as Record<string, unknown> | undefined) ?? {}), level: o.logLevel };
  }
  if (o.upstream !== undefined || o.anthropicUpstream !== undefined) {
    const upstreams: Record<string, unknown> = {};
    const models: unknown[] = [];
    if (o.upstream !== undefined) {
      upstreams['openai'] = { api: 'openai', baseUrl: o.upstream, ...envKey('OPENAI_API_KEY') };
      models.push({ name: '*', upstream: 'openai' });
    }
    if (o.anthropicUpstream !== undefined) {
      upstreams['anthropic'] = { api: 'anthropic', baseUrl: o.anthropicUpstream, ...envKey('ANTHROPIC_API_KEY') };
      models.push({ name: '*', upstream: 'anthropic' });
    }
    out['upstreams'] = upstreams;
    out['models'] = models;
  }
  return out;
}

/** The shorthand flags use the conventional key variables only when they are set. */
function envKey(name: string): { apiKeyEnv?: string } {
  return process.env[name] ? { apiKeyEnv: name } : {};
}

/**
 * Loads, merges and validates configuration once at start. Throws a
 * WARDEN_ERR_CONFIG error whose message names every bad field.
 */
export function loadConfig(file: string | undefined, overrides: ConfigOverrides = {}): ResolvedConfig {
  const raw = file ? readYaml(file) : {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new WardenError('WARDEN_ERR_CONFIG', `config file ${file} must hold a YAML mapping at the top level`);
  }
  const source = file ?? 'command-line flags';
  const parsed = configSchema.safeParse(applyOverrides(raw as Record<string, unknown>, overrides));
  if (!parsed.success) throw new WardenError('WARDEN_ERR_CONFIG', formatIssues(parsed.error.issues, `configuration in ${source}`));
  const cfg = parsed.data;

  const baseDir = file ? path.dirname(path.resolve(file)) : process.cwd();
  const dataDir = path.resolve(baseDir, cfg.dataDir);
  const storage = cfg.storage ?? `sqlite:${path.join(dataDir, 'warden.db')}`;
  const useBuiltInSimulator = Object.keys(cfg.upstreams).length === 0;
  // Paths in the file are relative to the file, like dataDir.
  const events = cfg.events.file ? { ...cfg.events, file: path.resolve(baseDir, cfg.events.file) } : cfg.events;
  const detection = cfg.detection.policyFile ? { ...cfg.detection, policyFile: path.resolve(baseDir, cfg.detection.policyFile) } : cfg.detection;
  const auditStorage = cfg.audit.storage
    ? cfg.audit.storage.startsWith('sqlite:') ? `sqlite:${path.resolve(baseDir, cfg.audit.storage.slice('sqlite:'.length))}` : cfg.audit.storage
    : /^postgres(ql)?:\/\//i.test(storage) ? storage : `sqlite:${path.join(dataDir, 'audit.db')}`;
  return { ...cfg, dataDir, storage, auditStorage, useBuiltInSimulator, events, detection };
}

/**
 * Upstream keys are needed only to serve traffic, so `serve` checks them and
 * management commands do not.
 */
export function assertUpstreamKeys(cfg: ResolvedConfig, env: NodeJS.ProcessEnv = process.env): void {
  const missing = Object.entries(cfg.upstreams)
    .filter(([, u]) => u.apiKeyEnv !== undefined && !env[u.apiKeyEnv])
    .map(([name, u]) => `  - upstreams.${name}.apiKeyEnv: environment variable ${u.apiKeyEnv} is not set`);
  if (missing.length > 0) throw new WardenError('WARDEN_ERR_CONFIG', `invalid configuration:\n${missing.join('\n')}`);
}
