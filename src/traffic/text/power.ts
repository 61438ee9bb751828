/**
 * `power_user`: one heavy individual user — long prompts with context and
 * constraints, many topics, long multi-turn sessions mixing coding, writing
 * and analysis.
 */
import type { Rng } from '../rng.js';
import { assistant, bank, fill, tokens, user } from './gen.js';
import { codeRequest, CODE_REPLIES } from './code.js';
import { dataRequest, randomCsv } from './data.js';
import { draftText, writingRequest } from './writing.js';
import { chatQuestion } from './chat.js';
import type { ChatMessage, TaskOptions, TaskSource } from './types.js';

const ROLES = [
  'a freelance data engineer', 'a PhD student in ecology', 'the only developer at a small non-profit', 'a product manager at a fintech',
  'a high-school physics teacher', 'an indie game developer', 'a journalist covering energy policy', 'a startup founder',
  'a nurse who codes on the side', 'a research software engineer', 'a UX researcher', 'a small-business owner',
];
const PROJECTS = [
  'a dashboard for municipal water usage', 'a grant proposal on urban heat islands', 'a Discord bot for our community',
  'a migration from MySQL to Postgres', 'a newsletter about local politics', 'an inventory tool for a bakery',
  'a thesis chapter on bird migration', 'a board-game rules engine', 'a pricing page redesign', 'an internal API for invoices',
  'a curriculum for a coding bootcamp', 'a podcast about the history of science',
];
const CONSTRAINTS = [
  'Keep it under 800 words.', 'Use only the standard library.', 'Assume the reader is non-technical.', 'Cite assumptions explicitly.',
  'Prefer boring, well-tested technology.', 'It has to run on a Raspberry Pi.', 'Budget is under 500 EUR a month.',
  'No external API calls.', 'Must be accessible (WCAG AA).', 'Use British spelling.', 'Output as a Markdown table where possible.',
  'Deadline is Friday.', 'Explain trade-offs, not just the answer.', 'Target Python 3.12.', 'Avoid jargon in the summary.',
];
const ANALYSES = bank(['a', 'b', 'use'], [
  'Compare {a} and {b} for {use}. Give me a decision matrix with weights and a recommendation.',
  'I am deciding between {a} and {b} for {use}. List the risks of each and what would change your mind.',
  'Write a one-page memo arguing for {a} over {b} for {use}, then a rebuttal from the other side.',
  'Steelman both {a} and {b} for {use}. Then tell me which you would pick and why.',
]);
const OPTIONS: readonly (readonly [string, string, string])[] = [
  ['Postgres', 'DynamoDB', 'a multi-tenant SaaS backend'], ['React', 'HTMX', 'an internal admin tool'],
  ['renting', 'buying', 'a flat in a mid-sized city'], ['Kubernetes', 'a single VM with Docker Compose', 'a three-person team'],
  ['a PhD', 'an industry job', 'someone interested in climate modelling'], ['Notion', 'plain Markdown in git', 'team documentation'],
  ['solar panels', 'a heat pump', 'a first home energy upgrade'], ['Rust', 'Go', 'a high-throughput log shipper'],
  ['weekly', 'monthly', 'a customer newsletter cadence'], ['hiring a contractor', 'training an employee', 'bookkeeping'],
];
const REFINE = [
  'Good. Now make it shorter and more direct.', 'Can you handle the edge case where the input is empty?',
  'Rewrite section 2 for a non-technical audience.', 'Now add tests for that.', 'Turn this into a checklist I can follow.',
  'What did you assume that might be wrong?', 'OK, now do the same for the second option.', 'Add error handling and logging.',
  'Give me three alternative titles.', 'Can you put the numbers in a table?', 'Make the tone more confident.',
  'Explain why you chose that approach over the obvious one.', 'Now estimate how long each step takes.',
];

function task(r: Rng, opts: TaskOptions): string {
  const roll = r.next();
  if (roll < 0.35) return codeRequest(r).text;
  if (roll < 0.55) return writingRequest(r, opts.lang).text;
  if (roll < 0.75) return dataRequest(r).text;
  if (roll < 0.9) {
    const o = r.pick(OPTIONS);
    return fill(r.pick(ANALYSES), o[0], o[1], o[2]);
  }
  return chatQuestion(r, opts.lang, [0, 1, 2, 3, 4, 5], [3, 2, 1, 1, 1, 1]);
}

function framed(r: Rng, body: string): string {
  let s = '';
  if (r.chance(0.7)) s = 'Context: I am ' + r.pick(ROLES) + ' working on ' + r.pick(PROJECTS) + '.\n\n';
  s += body;
  if (r.chance(0.3)) {
    s += r.chance(0.5)
      ? '\n\nFor reference, here is what I have so far:\n\n' + draftText(r, 'en', r.int(4, 9))
      : '\n\nRelevant data:\n\n' + randomCsv(r, r.int(6, 15));
  }
  if (r.chance(0.6)) {
    // Distinct constraints: consecutive entries of the list from a random start.
    const n = r.int(2, 4);
    const start = r.int(0, CONSTRAINTS.length - 1);
    const step = r.int(1, 4);
    s += '\n\nConstraints:';
    for (let i = 0; i < n; i++) s += '\n- ' + (CONSTRAINTS[(start + i * step) % CONSTRAINTS.length] as string);
  }
  return s;
}

const REPLIES = [
  'Here is a structured answer: first the recommendation, then the reasoning and the trade-offs.',
  'Below is a full draft; I marked the assumptions you may want to check.',
  ...CODE_REPLIES,
];

export function createPowerUser(shared: Rng, opts: TaskOptions): TaskSource {
  const turnsMean = 1 + shared.next() * 3;
  return {
    next(ctx) {
      const r = ctx.rng;
      const messages: ChatMessage[] = [user(framed(r, task(r, opts)))];
      const turns = Math.min(5, Math.floor(r.exponential(turnsMean)));
      for (let i = 0; i < turns; i++) {
        messages.push(assistant(r.pick(REPLIES)));
        messages.push(user(r.chance(0.7) ? r.pick(REFINE) : task(r, opts)));
      }
      return { messages, response: r.pick(REPLIES), completionTokens: tokens(r, 900, 0.6, 200, 4000) };
    },
  };
}
