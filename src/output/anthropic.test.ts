import { describe, expect, it } from 'vitest';
import { formatSse, type SseEvent } from '../proxy/sse.js';
import { outputSchema } from './config.js';
import { ThinkingStream } from './anthropic.js';
import { PLACEHOLDER_PREFIX, ThinkingCache } from './thinking-cache.js';

function ev(data: Record<string, unknown>): SseEvent {
  const json = JSON.stringify(data);
  return { event: data['type'] as string, data: json, raw: formatSse(json, data['type'] as string) };
}

/** Interleaved thinking: thinking, tool_use, thinking, text (indices 0..3). */
function upstream(): SseEvent[] {
  const out: SseEvent[] = [ev({ type: 'message_start', message: { content: [] } })];
  const blocks: Array<Record<string, unknown>> = [
    { type: 'thinking', thinking: '', signature: '' },
    { type: 'tool_use', id: 't1', name: 'f', input: {} },
    { type: 'thinking', thinking: '', signature: '' },
    { type: 'text', text: '' },
  ];
  blocks.forEach((b, index) => {
    out.push(ev({ type: 'content_block_start', index, content_block: b }));
    if (b['type'] === 'thinking') {
      out.push(ev({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: `secret ${index} ` } }));
      out.push(ev({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: 'more' } }));
      out.push(ev({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: `sig${index}` } }));
    } else if (b['type'] === 'text') {
      out.push(ev({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: 'answer' } }));
    } else {
      out.push(ev({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: '{}' } }));
    }
    out.push(ev({ type: 'content_block_stop', index }));
  });
  out.push(ev({ type: 'message_stop' }));
  return out;
}

function run(cfg: Record<string, unknown>, mode: 'redact' | 'summarize') {
  const reasoning = outputSchema.parse({ reasoning: cfg }).reasoning;
  const cache = new ThinkingCache({ ttlMs: 1000, maxEntries: 10, maxChars: 1000 });
  const counts = { altered: 0 };
  const stream = new ThinkingStream(mode, reasoning, cache, 'a', counts);
  const sent = upstream().flatMap((e) => stream.transform(e, JSON.parse(e.data) as Record<string, unknown>) ?? [e]);
  return { sent: sent.map((e) => JSON.parse(e.data) as Record<string, any>), cache, counts };
}

describe('ThinkingStream', () => {
  it('drop: removes every thinking block and renumbers the rest consecutively', () => {
    const { sent, counts } = run({ anthropicRedactAs: 'drop' }, 'redact');
    const indexed = sent.filter((e) => typeof e['index'] === 'number');
    expect(indexed.map((e) => `${e['type']}:${e['index']}`)).toEqual([
      'content_block_start:0',
      'content_block_delta:0',
      'content_block_stop:0',
      'content_block_start:1',
      'content_block_delta:1',
      'content_block_stop:1',
    ]);
    expect(indexed[0]?.['content_block']).toMatchObject({ type: 'tool_use' });
    expect(JSON.stringify(sent)).not.toContain('secret');
    expect(counts.altered).toBe(2);
  });

  it('placeholder: each thinking block closes with the notice and a token that restores it', () => {
    const { sent, cache } = run({}, 'redact');
    const sigs = sent.filter((e) => e['delta']?.['type'] === 'signature_delta').map((e) => e['delta']['signature'] as string);
    expect(sigs).toHaveLength(2);
    expect(sigs.every((s) => s.startsWith(PLACEHOLDER_PREFIX))).toBe(true);
    expect(cache.take('a', sigs[1]!)).toEqual({ thinking: 'secret 2 more', signature: 'sig2' });
    expect(sent.filter((e) => e['delta']?.['type'] === 'thinking_delta').map((e) => e['delta']['thinking'])).toEqual([
      '[reasoning withheld by provider policy]',
      '[reasoning withheld by provider policy]',
    ]);
    expect(sent.filter((e) => typeof e['index'] === 'number').map((e) => e['index'])).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3]);
  });

  it('summarize: cuts at the budget mid-delta, keeps the real signature of a block that fits', () => {
    const { sent } = run({ summary: { maxChars: 12 } }, 'summarize');
    const thinking = (index: number) => sent.filter((e) => e['index'] === index && e['delta']?.['type'] === 'thinking_delta').map((e) => e['delta']['thinking']).join('');
    expect(thinking(0)).toBe('secret 0 mor […reasoning truncated by provider policy]');
    const fits = run({ summary: { maxChars: 100 } }, 'summarize').sent;
    expect(fits.filter((e) => e['delta']?.['type'] === 'signature_delta').map((e) => e['delta']['signature'])).toEqual(['sig0', 'sig2']);
  });
});
