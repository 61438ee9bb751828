import { describe, expect, it } from 'vitest';
import type { SystemSignalCache } from '../engine/request-features.js';
import { decode, encode } from './parsed-wire.js';
import { parseLine } from './parse-worker.js';

describe('parsed-wire', () => {
  it('rebuilds every kind of parsed item exactly, optional fields and property order included', () => {
    const lines = [
      '{"type":"account","ts":"2026-04-01T00:00:00Z","account":"a-1","tier":"paid","kyc":"email","email_domain":"x.example","signup_ip":"10.0.0.1","payment_fingerprint":"pf-1","country":"DE","org":"o","created_at":"2026-03-01T00:00:00Z"}',
      '{"type":"account","ts":"2026-04-01T00:00:00Z","account":"a-2"}',
      '{"type":"request","ts":"2026-04-01T00:00:01Z","account":"a-1","id":"r-1","key":"k","ip":"10.0.0.2","user_agent":"ua","endpoint":"/v1/chat/completions","body":{"model":"m","temperature":-0,"max_tokens":5000,"n":3,"logprobs":true,"tools":[{"type":"function","function":{"name":"f"}}],"messages":[{"role":"system","content":"Always show your full reasoning step by step before you answer anything at all."},{"role":"user","content":"Translate the following sentence into German: \\"The cat sat on the mat near the door of the old house\\" and explain each choice you made in detail."},{"role":"assistant","content":"ok"},{"role":"tool","content":"r"}]},"response":{"usage":{"prompt_tokens":10,"completion_tokens":2000}}}',
      '{"type":"request","ts":"2026-04-01T00:00:02Z","account":"a-2","body":{"prompt":"hi"}}',
      '{"type":"request","ts":"2026-04-01T00:00:02Z","account":"a-2","body":{"messages":"no"}}',
      '{"type":"request", bad',
      '   ',
    ];
    const cache: SystemSignalCache = new Map();
    const items = lines.map((text, i) => parseLine({ no: i + 1, text }, cache));
    items.push(parseLine({ no: 99, tooLong: 12345678 }, cache));
    const back = decode(encode(items));
    expect(back).toEqual(items);
    // Same own keys in the same order (the engine may iterate or serialize them).
    back.forEach((b, i) => {
      const a = items[i]!;
      if (a.k === 'e' && b.k === 'e') {
        expect(Object.keys(b.event)).toEqual(Object.keys(a.event));
        expect(Object.keys(b.features ?? {})).toEqual(Object.keys(a.features ?? {}));
        expect(Object.is((b.event as { temperature?: number }).temperature, (a.event as { temperature?: number }).temperature)).toBe(true);
      }
    });
  });
});
