import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertUpstreamKeys, loadConfig } from './load.js';

const dir = mkdtempSync(path.join(tmpdir(), 'warden-config-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('loadConfig', () => {
  it('defaults to SQLite under ./data and the built-in simulator', () => {
    const cfg = loadConfig(undefined, {});
    expect(cfg.useBuiltInSimulator).toBe(true);
    expect(cfg.storage).toBe(`sqlite:${path.resolve('data', 'warden.db')}`);
    expect(cfg.server).toMatchObject({ port: 8080, host: '127.0.0.1' });
  });

  it('reads YAML, resolves dataDir against the file, and keeps explicit upstreams', () => {
    const cfg = loadConfig(
      file(
        'ok.yaml',
        `dataDir: state
upstreams:
  oai: { api: openai, baseUrl: "https://api.openai.com/v1", apiKeyEnv: OAI_KEY }
models:
  - { name: "gpt-4o*", upstream: oai, group: large }
`,
      ),
      { port: 9999 },
    );
    expect(cfg.useBuiltInSimulator).toBe(false);
    expect(cfg.dataDir).toBe(path.join(dir, 'state'));
    expect(cfg.server.port).toBe(9999);
    expect(cfg.models[0]).toMatchObject({ name: 'gpt-4o*', upstream: 'oai', group: 'large' });
  });

  it('names every bad field', () => {
    const err = errorOf(() =>
      loadConfig(file('bad.yaml', 'server: { port: "abc", colour: red }\nlogging: { level: loud }\n'), {}),
    );
    expect(err.code).toBe('WARDEN_ERR_CONFIG');
    expect(err.message).toContain('server.port');
    expect(err.message).toContain('colour');
    expect(err.message).toContain('logging.level');
    // Cross-field checks run once the fields themselves are valid.
    const route = errorOf(() => loadConfig(file('route.yaml', 'models: [{ name: m, upstream: nowhere }]\n'), {}));
    expect(route.message).toContain('models.0.upstream');
    expect(route.message).toContain('unknown upstream "nowhere"');
  });

  it('rejects a missing upstream key variable, bad YAML and an unreadable file', () => {
    const cfg = loadConfig(file('env.yaml', 'upstreams: { a: { api: anthropic, baseUrl: "https://x.test", apiKeyEnv: NOPE } }\nmodels: [{ name: "*", upstream: a }]\n'));
    expect(() => assertUpstreamKeys(cfg, { NOPE: 'set' })).not.toThrow();
    const missing = errorOf(() => assertUpstreamKeys(cfg, {}));
    expect(missing.code).toBe('WARDEN_ERR_CONFIG');
    expect(missing.message).toContain('upstreams.a.apiKeyEnv');
    expect(errorOf(() => loadConfig(file('syntax.yaml', 'server: [\n'), {})).message).toMatch(/not valid YAML/);
    expect(errorOf(() => loadConfig(path.join(dir, 'absent.yaml'), {})).message).toMatch(/cannot read config file/);
  });

  it('validates the audit section, naming the field, and places the audit log', () => {
    const err = errorOf(() => loadConfig(file('audit.yaml', 'audit: { durability: fast, batchSize: 0, prompts: { storeForTiers: [gold] }, colour: 1 }\n'), {}));
    expect(err.code).toBe('WARDEN_ERR_CONFIG');
    for (const field of ['audit.durability', 'audit.batchSize', 'audit.prompts.storeForTiers.0', 'colour']) expect(err.message).toContain(field);
    const cfg = loadConfig(file('audit-ok.yaml', 'dataDir: ./d\n'), {});
    expect(cfg.audit).toMatchObject({ enabled: true, durability: 'async', headIntervalMs: 10_000, prompts: { storeForTiers: [] } });
    expect(cfg.auditStorage).toBe(`sqlite:${path.join(dir, 'd', 'audit.db')}`);
    expect(loadConfig(undefined, { storage: 'postgres://u@h/db?schema=s' }).auditStorage).toBe('postgres://u@h/db?schema=s');
    expect(loadConfig(file('audit-own.yaml', 'audit: { storage: "sqlite:./a/log.db" }\n'), {}).auditStorage).toBe(`sqlite:${path.join(dir, 'a', 'log.db')}`);
  });

  it('accepts the shipped example config', () => {
    const example = path.resolve(import.meta.dirname, '../../examples/warden.yaml');
    const cfg = loadConfig(example);
    expect(() => assertUpstreamKeys(cfg, { OPENAI_API_KEY: 'x', ANTHROPIC_API_KEY: 'y' })).not.toThrow();
    expect(Object.keys(cfg.upstreams)).toEqual(['openai', 'anthropic']);
    expect(cfg.models).toHaveLength(4);
  });

  it('turns --upstream / --anthropic-upstream into catch-all routes per API', () => {
    const cfg = loadConfig(undefined, { upstream: 'http://127.0.0.1:1/v1', anthropicUpstream: 'http://127.0.0.1:2' });
    expect(Object.keys(cfg.upstreams)).toEqual(['openai', 'anthropic']);
    expect(cfg.models.map((m) => m.upstream)).toEqual(['openai', 'anthropic']);
  });
});
