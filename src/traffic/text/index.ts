/**
 * Prompt text generators for the traffic simulator.
 *
 * `createTask(kind, shared, opts)` draws everything that stays fixed for a
 * caller group (an account's interests and app, a campaign's skeletons and
 * tool set, an org's eval template) from `shared`, and returns a source whose
 * `next(ctx)` draws each request's variation from `ctx.rng` only. Same seeds
 * and the same sequence of calls give byte-identical output.
 *
 * Returned objects may share read-only parts between calls (system prompts,
 * tool definitions); callers must not mutate them.
 *
 * @example
 *   const src = createTask('capability_sweep', new Rng('campaign-7'), { lang: 'de', paraphrase: 0.3 });
 *   const ex = src.next({ rng: new Rng('acct-12:req-1'), day: 0 });
 */
import type { Rng } from '../rng.js';
import { createAgenticTrace } from './agent.js';
import { createAppAssistant } from './apps.js';
import { createBusinessIntegration } from './business.js';
import { createChat } from './chat.js';
import { createCodingHelp } from './code.js';
import { createCodingAgent } from './coding-agent.js';
import { createDataQuestion } from './data.js';
import { createResearchEval } from './eval.js';
import { createHomework } from './homework.js';
import { createPowerUser } from './power.js';
import { createReasoningElicitation } from './reasoning.js';
import { createSafeRewrite } from './rewrite.js';
import { createRubricGrading } from './rubric.js';
import { createCapabilitySweep } from './sweep.js';
import type { TaskKind, TaskOptions, TaskSource } from './types.js';
import { createWriting } from './writing.js';

export * from './types.js';

type Factory = (shared: Rng, opts: TaskOptions) => TaskSource;

const FACTORIES: Record<TaskKind, Factory> = {
  chat: createChat,
  writing: createWriting,
  coding_help: createCodingHelp,
  data_question: createDataQuestion,
  app_assistant: createAppAssistant,
  business_integration: createBusinessIntegration,
  homework: createHomework,
  power_user: createPowerUser,
  capability_sweep: createCapabilitySweep,
  agentic_trace: createAgenticTrace,
  reasoning_elicitation: createReasoningElicitation,
  rubric_grading: createRubricGrading,
  safe_rewrite: createSafeRewrite,
  research_eval: createResearchEval,
  coding_agent: createCodingAgent,
};

export function createTask(kind: TaskKind, shared: Rng, opts: TaskOptions): TaskSource {
  const factory = FACTORIES[kind];
  if (!factory) throw new Error(`unknown task kind: ${String(kind)}`);
  const paraphrase = opts.paraphrase < 0 ? 0 : opts.paraphrase > 1 ? 1 : opts.paraphrase;
  return factory(shared, { lang: opts.lang, paraphrase });
}
