import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.js';
import { createTask, LANGS, TASK_KINDS, type GeneratedExchange, type Lang, type TaskKind, type TaskSource } from './index.js';
import { SKELETONS } from './sweep.js';

function draw(src: TaskSource, seed: string, n: number, day = 0): GeneratedExchange[] {
  const rng = new Rng(seed);
  const out: GeneratedExchange[] = [];
  for (let i = 0; i < n; i++) out.push(src.next({ rng, day }));
  return out;
}

function userText(ex: GeneratedExchange): string {
  return ex.messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content ?? '')
    .join('\n');
}

function firstUser(ex: GeneratedExchange): string {
  return ex.messages[0]?.content ?? '';
}

const LANG_KINDS: readonly TaskKind[] = ['chat', 'writing', 'reasoning_elicitation', 'safe_rewrite', 'rubric_grading', 'capability_sweep', 'homework'];

describe('determinism', () => {
  it.each(TASK_KINDS)('%s: same seeds give identical output', (kind) => {
    const a = draw(createTask(kind, new Rng('group-1'), { lang: 'en', paraphrase: 0.4 }), 'req', 60, 3);
    const b = draw(createTask(kind, new Rng('group-1'), { lang: 'en', paraphrase: 0.4 }), 'req', 60, 3);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it.each(TASK_KINDS)('%s: different request seeds or groups give different output', (kind) => {
    const base = JSON.stringify(draw(createTask(kind, new Rng('group-1'), { lang: 'en', paraphrase: 0.4 }), 'req', 40));
    const otherReq = JSON.stringify(draw(createTask(kind, new Rng('group-1'), { lang: 'en', paraphrase: 0.4 }), 'req-2', 40));
    const otherGroup = JSON.stringify(draw(createTask(kind, new Rng('group-2'), { lang: 'en', paraphrase: 0.4 }), 'req', 40));
    expect(otherReq).not.toBe(base);
    expect(otherGroup).not.toBe(base);
  });
});

const ROLES = new Set(['user', 'assistant', 'tool']);
const DOMAIN = /^(?:[\w-]+\.)*example\.(?:com|org|net)$/;

function checkExchange(ex: GeneratedExchange): void {
  expect(ex.messages.length).toBeGreaterThan(0);
  expect(ex.response.length).toBeGreaterThan(0);
  expect(Number.isInteger(ex.completionTokens)).toBe(true);
  expect(ex.completionTokens).toBeGreaterThan(0);
  if (ex.system !== undefined) expect(ex.system.length).toBeGreaterThan(0);
  const toolNames = ex.tools ? new Set(ex.tools.map((t) => t.function.name)) : undefined;
  const pending = new Map<string, string>();
  const answered = new Set<string>();
  for (const m of ex.messages) {
    expect(ROLES.has(m.role)).toBe(true);
    if (m.role === 'user') expect((m.content ?? '').length).toBeGreaterThan(0);
    if (m.role === 'assistant') {
      expect(m.content !== null || (m.tool_calls?.length ?? 0) > 0).toBe(true);
      for (const c of m.tool_calls ?? []) {
        expect(c.type).toBe('function');
        expect(c.id).toMatch(/^call_[0-9a-f]{24}$/);
        expect(pending.has(c.id) || answered.has(c.id)).toBe(false);
        if (toolNames) expect(toolNames.has(c.function.name)).toBe(true);
        const args: unknown = JSON.parse(c.function.arguments);
        expect(typeof args === 'object' && args !== null && !Array.isArray(args)).toBe(true);
        pending.set(c.id, c.function.name);
      }
    }
    if (m.role === 'tool') {
      expect(m.tool_call_id).toBeDefined();
      expect(pending.has(m.tool_call_id as string)).toBe(true);
      pending.delete(m.tool_call_id as string);
      answered.add(m.tool_call_id as string);
      expect(typeof m.content).toBe('string');
    }
  }
  // Every call is answered before the conversation moves on, and it ends on a user or tool message.
  expect(pending.size).toBe(0);
  expect(['user', 'tool']).toContain(ex.messages[ex.messages.length - 1]?.role);
  // Only documentation domains in anything identifying.
  const all = JSON.stringify(ex);
  for (const m of all.matchAll(/https?:\/\/([^/\s"\\]+)/g)) expect(m[1]).toMatch(DOMAIN);
  for (const m of all.matchAll(/[\w.+-]+@([\w-]+(?:\.[\w-]+)+)/g)) expect(m[1]).toMatch(DOMAIN);
}

describe('valid messages', () => {
  for (const kind of TASK_KINDS) {
    it.each(LANGS)(`${kind} (%s)`, (lang) => {
      for (let g = 0; g < 4; g++) {
        const src = createTask(kind, new Rng(`${kind}-${lang}-${g}`), { lang, paraphrase: 0.5 });
        for (const ex of draw(src, `r-${g}`, 100, g)) checkExchange(ex);
      }
    });
  }

  it('no unfilled slot placeholders in prose kinds', () => {
    const prose: TaskKind[] = ['chat', 'writing', 'capability_sweep', 'reasoning_elicitation', 'rubric_grading', 'safe_rewrite', 'homework', 'research_eval', 'business_integration', 'app_assistant'];
    for (const kind of prose) {
      for (const lang of LANGS) {
        const src = createTask(kind, new Rng(`slots-${kind}-${lang}`), { lang, paraphrase: 0.5 });
        for (const ex of draw(src, 'x', 200)) expect(userText(ex)).not.toMatch(/\{[a-zA-Z]+\}|@FN|undefined/);
      }
    }
  });

  it('tool traces have 3-12 messages and carry their tool definitions', () => {
    for (let g = 0; g < 10; g++) {
      const src = createTask('agentic_trace', new Rng(`trace-${g}`), { lang: 'en', paraphrase: 0 });
      for (const ex of draw(src, 'r', 100)) {
        expect(ex.messages.length).toBeGreaterThanOrEqual(3);
        expect(ex.messages.length).toBeLessThanOrEqual(12);
        expect(ex.tools?.length).toBeGreaterThanOrEqual(5);
        expect(ex.messages.some((m) => m.role === 'tool')).toBe(true);
      }
    }
  });

  it('coding agent: one large fixed system prompt and tool set per company', () => {
    const a = draw(createTask('coding_agent', new Rng('co-1'), { lang: 'en', paraphrase: 0 }), 'a', 50);
    const b = draw(createTask('coding_agent', new Rng('co-1'), { lang: 'en', paraphrase: 0 }), 'b', 50);
    const systems = new Set([...a, ...b].map((e) => e.system));
    expect(systems.size).toBe(1);
    expect((a[0]?.system ?? '').length).toBeGreaterThan(1500);
    expect(new Set([...a, ...b].map((e) => JSON.stringify(e.tools))).size).toBe(1);
    expect(new Set(a.map((e) => firstUser(e))).size).toBeGreaterThan(20);
  });

  it('completion tokens follow the kind', () => {
    const median = (kind: TaskKind): number => {
      const xs = draw(createTask(kind, new Rng('tok'), { lang: 'en', paraphrase: 0 }), 't', 400).map((e) => e.completionTokens);
      xs.sort((x, y) => x - y);
      return xs[200] as number;
    };
    expect(median('reasoning_elicitation')).toBeGreaterThan(median('chat'));
    expect(median('capability_sweep')).toBeGreaterThan(median('rubric_grading'));
    const chat = draw(createTask('chat', new Rng('tok'), { lang: 'en', paraphrase: 0 }), 't', 400);
    for (const e of chat) expect(e.completionTokens).toBeGreaterThanOrEqual(50);
  });
});

describe('variety', () => {
  it.each(['chat', 'capability_sweep', 'writing', 'reasoning_elicitation', 'rubric_grading', 'coding_help', 'power_user'] as const)(
    '%s: many distinct prompts from one caller group',
    (kind) => {
      const src = createTask(kind, new Rng(`variety-${kind}`), { lang: 'en', paraphrase: 0.5 });
      const distinct = new Set(draw(src, 'v', 1000).map(userText));
      expect(distinct.size).toBeGreaterThanOrEqual(500);
    },
  );

  it.each(TASK_KINDS)('%s: at least 200 distinct exchanges in 1000 draws', (kind) => {
    const src = createTask(kind, new Rng(`variety2-${kind}`), { lang: 'en', paraphrase: 0.5 });
    const distinct = new Set(draw(src, 'v', 1000).map((e) => JSON.stringify(e.messages)));
    expect(distinct.size).toBeGreaterThanOrEqual(200);
  });

  it('benign chat does not share one distinctive opening', () => {
    const src = createTask('chat', new Rng('open'), { lang: 'en', paraphrase: 0 });
    const openings = new Map<string, number>();
    for (const ex of draw(src, 'o', 1000)) {
      const w = firstUser(ex).split(' ').slice(0, 2).join(' ').toLowerCase();
      openings.set(w, (openings.get(w) ?? 0) + 1);
    }
    expect(Math.max(...openings.values())).toBeLessThan(150);
  });
});

/**
 * Which capability-sweep skeleton an English prompt was filled from: the one whose
 * literal pieces (around the slots) the prompt starts with and contains in order.
 * Exact template matching, as a detector without paraphrase handling would do it.
 */
function skeletonOf(text: string): number {
  let best = -1;
  let bestLen = 0;
  SKELETONS.forEach((sk, i) => {
    const lits = sk.main[0]?.lits ?? [];
    if (!text.startsWith(lits[0] ?? '')) return;
    let at = 0;
    let len = 0;
    for (const lit of lits) {
      const j = text.indexOf(lit, at);
      if (j < 0) return;
      at = j + lit.length;
      len += lit.length;
    }
    if (len > bestLen) [best, bestLen] = [i, len];
  });
  return best;
}

function skeletons(exs: GeneratedExchange[]): Set<number> {
  return new Set(exs.map((e) => skeletonOf(firstUser(e))));
}

describe('campaign coordination', () => {
  it('capability_sweep: accounts of one campaign share skeletons; other campaigns differ', () => {
    const acct = (campaign: string, seed: string): GeneratedExchange[] =>
      draw(createTask('capability_sweep', new Rng(campaign), { lang: 'en', paraphrase: 0 }), seed, 300);
    const a = skeletons(acct('campaign-A', 'acct-1'));
    const b = skeletons(acct('campaign-A', 'acct-2'));
    const c = skeletons(acct('campaign-B', 'acct-3'));
    expect(a.has(-1)).toBe(false);
    expect([...a].sort()).toEqual([...b].sort());
    expect(a.size).toBeGreaterThanOrEqual(6);
    expect(a.size).toBeLessThanOrEqual(15);
    expect([...c].sort()).not.toEqual([...a].sort());
  });

  it('capability_sweep: paraphrasing defeats exact template matching', () => {
    const para = draw(createTask('capability_sweep', new Rng('campaign-P'), { lang: 'en', paraphrase: 1 }), 'q', 400);
    const off = para.filter((e) => skeletonOf(firstUser(e)) < 0).length;
    expect(off / para.length).toBeGreaterThan(0.6);
    const half = draw(createTask('capability_sweep', new Rng('campaign-P'), { lang: 'en', paraphrase: 0.5 }), 'q', 400);
    const offHalf = half.filter((e) => skeletonOf(firstUser(e)) < 0).length / half.length;
    expect(offHalf).toBeGreaterThan(0.25);
    expect(offHalf).toBeLessThan(0.75);
  });

  it('capability_sweep walks skeletons and slot values systematically', () => {
    const exs = draw(createTask('capability_sweep', new Rng('campaign-W'), { lang: 'en', paraphrase: 0 }), 'w', 600);
    const ids = exs.map((e) => skeletonOf(firstUser(e)));
    const k = new Set(ids).size;
    for (let i = k; i < ids.length; i++) expect(ids[i]).toBe(ids[i - k]);
    // Walked slots advance: the same skeleton does not repeat its previous prompt.
    let repeats = 0;
    for (let i = k; i < exs.length; i++) if (firstUser(exs[i] as GeneratedExchange) === firstUser(exs[i - k] as GeneratedExchange)) repeats++;
    expect(repeats).toBeLessThan(30);
  });

  it('rubric_grading: accounts of one campaign send the same rubric', () => {
    const rubric = (campaign: string, seed: string): Set<string> =>
      new Set(draw(createTask('rubric_grading', new Rng(campaign), { lang: 'en', paraphrase: 0 }), seed, 100).map((e) => firstUser(e).split('\n\nQuestion:')[0] ?? ''));
    const a = rubric('judge-A', 'x');
    expect(a.size).toBe(1);
    expect([...rubric('judge-A', 'y')]).toEqual([...a]);
    expect([...rubric('judge-B', 'x')]).not.toEqual([...a]);
  });

  it('agentic_trace: a campaign has one tool set and system prompt', () => {
    const a = draw(createTask('agentic_trace', new Rng('agents-A'), { lang: 'en', paraphrase: 0 }), 'x', 50);
    const b = draw(createTask('agentic_trace', new Rng('agents-A'), { lang: 'en', paraphrase: 0 }), 'y', 50);
    expect(new Set([...a, ...b].map((e) => JSON.stringify([e.system, e.tools]))).size).toBe(1);
  });

  it('business_integration and research_eval keep one template per account', () => {
    for (const kind of ['business_integration', 'research_eval'] as const) {
      const exs = draw(createTask(kind, new Rng(`tmpl-${kind}`), { lang: 'en', paraphrase: 0.5 }), 'x', 200);
      expect(new Set(exs.map((e) => firstUser(e).slice(0, 25))).size).toBeLessThanOrEqual(2);
      expect(new Set(exs.map((e) => firstUser(e))).size).toBeGreaterThan(100);
    }
  });

  it('homework: students of one class get the same assignment on a day', () => {
    const cls = (seed: string, day: number): GeneratedExchange[] =>
      draw(createTask('homework', new Rng('class-42'), { lang: 'en', paraphrase: 0 }), seed, 150, day);
    const lines = (exs: GeneratedExchange[]): Set<string> =>
      new Set(exs.flatMap((e) => userText(e).split('\n')).filter((l) => l.length > 40));
    const a = lines(cls('student-1', 5));
    const b = lines(cls('student-2', 5));
    const shared = [...a].filter((l) => b.has(l));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('app_assistant: the account fixes its product and system prompt', () => {
    const a = draw(createTask('app_assistant', new Rng('app-1'), { lang: 'en', paraphrase: 0 }), 'x', 100);
    expect(new Set(a.map((e) => e.system)).size).toBe(1);
    expect(new Set(a.map((e) => firstUser(e))).size).toBeGreaterThan(40);
    const systems = new Set<string | undefined>();
    for (let i = 0; i < 20; i++) systems.add(draw(createTask('app_assistant', new Rng(`app-x${i}`), { lang: 'en', paraphrase: 0 }), 'x', 1)[0]?.system);
    expect(systems.size).toBeGreaterThan(5);
  });
});

const STOPWORDS: Record<Exclude<Lang, 'en' | 'zh' | 'ja'>, readonly string[]> = {
  es: ['el', 'la', 'los', 'las', 'que', 'qué', 'por', 'para', 'una', 'un', 'es', 'de', 'y', 'en', 'con', 'mi', 'me', 'cómo', 'cuál', 'días'],
  de: ['und', 'der', 'die', 'das', 'ist', 'nicht', 'ich', 'du', 'mit', 'für', 'ein', 'eine', 'wie', 'zu', 'dein', 'man', 'was', 'wo', 'warum', 'mein', 'meine', 'mir', 'im', 'den', 'dem', 'von', 'kannst', 'tage', 'nur', 'einen', 'bitte', 'keine', 'auf', 'es', 'hat'],
  fr: ['le', 'la', 'les', 'des', 'et', 'est', 'une', 'un', 'pour', 'que', 'qui', 'tu', 'je', 'à', 'du', 'mon', 'ma', 'mes', 'quel', 'quelle', 'comment', 'jours'],
  pt: ['o', 'a', 'os', 'as', 'que', 'para', 'uma', 'um', 'é', 'de', 'do', 'da', 'não', 'você', 'com', 'meu', 'minha', 'qual', 'como', 'dias'],
};
const HAN = /[\u4e00-\u9fff]/;
const KANA = /[\u3040-\u30ff]/;

function looksLike(lang: Lang, text: string): boolean {
  if (lang === 'zh') return HAN.test(text) && !KANA.test(text);
  if (lang === 'ja') return KANA.test(text);
  if (lang === 'en') return !HAN.test(text) && !KANA.test(text);
  const words = new Set(text.toLowerCase().split(/[^a-zà-ÿ]+/));
  return STOPWORDS[lang].some((w) => words.has(w));
}

describe('languages', () => {
  for (const kind of LANG_KINDS) {
    it.each(LANGS)(`${kind} is written in %s`, (lang) => {
      const exs = draw(createTask(kind, new Rng(`lang-${kind}-${lang}`), { lang, paraphrase: 0.5 }), 'l', 200);
      const ok = exs.filter((e) => looksLike(lang, userText(e))).length;
      expect(ok / exs.length).toBeGreaterThan(0.9);
    });
  }

  it('reasoning_elicitation in German asks for the reasoning in German', () => {
    const exs = draw(createTask('reasoning_elicitation', new Rng('de-campaign'), { lang: 'de', paraphrase: 0.5 }), 'x', 200);
    const german = /Schritt|Denk|Gedank|Überlegung|Lösungsweg|Weg|Monolog|Annahme|Ansatz|vorgegangen/;
    expect(exs.filter((e) => german.test(firstUser(e))).length).toBeGreaterThan(190);
  });

  it('Chinese and Japanese prompts are in their scripts, English ones are not', () => {
    for (const kind of LANG_KINDS) {
      const zh = draw(createTask(kind, new Rng('zh'), { lang: 'zh', paraphrase: 0.5 }), 'z', 50);
      const ja = draw(createTask(kind, new Rng('ja'), { lang: 'ja', paraphrase: 0.5 }), 'j', 50);
      const en = draw(createTask(kind, new Rng('en'), { lang: 'en', paraphrase: 0.5 }), 'e', 50);
      for (const e of zh) expect(firstUser(e)).toMatch(HAN);
      for (const e of ja) expect(firstUser(e)).toMatch(KANA);
      for (const e of en) expect(userText(e)).not.toMatch(KANA);
    }
  });

  it('English-dominant kinds accept any language option', () => {
    for (const kind of TASK_KINDS) {
      for (const lang of LANGS) {
        const ex = createTask(kind, new Rng('any'), { lang, paraphrase: 0 }).next({ rng: new Rng('r'), day: 0 });
        expect(ex.messages.length).toBeGreaterThan(0);
      }
    }
  });
});
