import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { DEFAULT_OUTPUT } from './config.js';

const dir = mkdtempSync(path.join(tmpdir(), 'warden-output-config-'));

function errorOf(output: unknown): { code: string; message: string } {
  const file = path.join(dir, 'warden.json');
  writeFileSync(file, JSON.stringify({ output }));
  try {
    loadConfig(file, {});
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('output config', () => {
  it('defaults pass reasoning through and degrade only what the engine degrades', () => {
    expect(DEFAULT_OUTPUT.reasoning).toMatchObject({ rules: [], default: 'pass', summary: { maxChars: 600 } });
    expect(DEFAULT_OUTPUT.degrade).toMatchObject({ maxTokens: 512, singleChoice: true, dropLogprobs: true, reasoning: 'redact', addedLatencyMs: 0 });
    expect(DEFAULT_OUTPUT.exposeHeaders).toBe(false);
  });

  it('names every bad field, with what is allowed', () => {
    const err = errorOf({
      reasoning: { default: 'hide', rules: [{ tiers: ['gold'], mode: 'redact' }], summary: { maxChars: 10, maxTokens: 10 }, cap: { budgetTokens: 100 } },
      degrade: { addedLatencyMs: -1, knob: true },
    });
    expect(err.code).toBe('WARDEN_ERR_CONFIG');
    expect(err.message).toMatch(/output\.reasoning\.default: .*"pass"\|"summarize"\|"redact"/);
    expect(err.message).toMatch(/output\.reasoning\.rules\.0\.tiers\.0: /);
    expect(err.message).toMatch(/output\.reasoning\.summary: set maxChars or maxTokens, not both/);
    expect(err.message).toMatch(/output\.reasoning\.cap\.budgetTokens: Anthropic's smallest thinking budget is 1024/);
    expect(err.message).toMatch(/output\.degrade\.addedLatencyMs: /);
    expect(err.message).toMatch(/output\.degrade: .*"knob"/);
  });
});
