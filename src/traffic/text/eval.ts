/**
 * `research_eval` (legitimate look-alike): a verified research organisation
 * running a templated step-by-step multiple-choice benchmark at high volume.
 * The eval template, few-shot header and system prompt are fixed per org
 * (from `shared`); the questions vary.
 */
import type { Rng } from '../rng.js';
import { bank, fill, tokens, user } from './gen.js';
import type { TaskOptions, TaskSource } from './types.js';

interface Mcq {
  subject: string;
  q: string;
  right: string;
  wrong: readonly [string, string, string];
}

function near(r: Rng, v: number): [string, string, string] {
  const a = v + r.int(1, 5);
  const b = v - r.int(1, 5);
  const c = v * 2 === v ? v + 7 : v * 2;
  return [String(a), String(b === v ? v - 6 : b), String(c === a || c === b ? v + 11 : c)];
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

const MATH: readonly ((r: Rng) => Mcq)[] = [
  (r) => {
    const p = r.int(15, 95);
    const d = r.int(2, 20);
    const v = Math.floor((d * 100) / p);
    return { subject: 'elementary mathematics', q: `Pencils cost ${p} cents each. How many pencils can you buy with $${d}?`, right: String(v), wrong: near(r, v) };
  },
  (r) => {
    const a = r.int(1, 19) * 5;
    const b = r.int(2, 40) * 20;
    const v = (a * b) / 100;
    return { subject: 'elementary mathematics', q: `What is ${a}% of ${b}?`, right: String(v), wrong: near(r, v) };
  },
  (r) => {
    const x = r.int(-12, 20);
    const a = r.int(2, 9);
    const b = r.int(1, 40);
    return { subject: 'high school algebra', q: `If ${a}x - ${b} = ${a * x - b}, what is the value of x?`, right: String(x), wrong: near(r, x) };
  },
  (r) => {
    const n = r.int(5, 14);
    const v = (n - 2) * 180;
    return { subject: 'high school geometry', q: `What is the sum of the interior angles, in degrees, of a convex polygon with ${n} sides?`, right: String(v), wrong: [String(n * 180), String((n - 1) * 180), String(v - 90)] };
  },
  (r) => {
    const a = r.int(4, 30);
    const b = r.int(4, 30);
    const v = (a * b) / gcd(a, b);
    return { subject: 'elementary mathematics', q: `What is the least common multiple of ${a} and ${b}?`, right: String(v), wrong: [String(a * b === v ? v + a : a * b), String(gcd(a, b)), String(v + b)] };
  },
  (r) => {
    const n = r.int(3, 9);
    const k = r.int(1, n - 1);
    let c = 1;
    for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
    return { subject: 'college mathematics', q: `How many ways are there to choose ${k} items from ${n} distinct items?`, right: String(Math.round(c)), wrong: near(r, Math.round(c)) };
  },
  (r) => {
    const v0 = r.int(2, 20);
    const t = r.int(1, 6);
    const a = r.int(1, 5);
    const v = v0 * t + (a * t * t) / 2;
    return { subject: 'high school physics', q: `An object starts at ${v0} m/s and accelerates uniformly at ${a} m/s^2 for ${t} s. How far does it travel, in metres?`, right: String(v), wrong: near(r, v) };
  },
];

const FACTS: readonly Mcq[] = [
  { subject: 'high school chemistry', q: 'Which element has the atomic number 6?', right: 'Carbon', wrong: ['Nitrogen', 'Oxygen', 'Boron'] },
  { subject: 'high school biology', q: 'Which organelle is the main site of ATP production in eukaryotic cells?', right: 'Mitochondrion', wrong: ['Ribosome', 'Golgi apparatus', 'Lysosome'] },
  { subject: 'high school physics', q: 'What is the SI unit of electrical resistance?', right: 'Ohm', wrong: ['Volt', 'Ampere', 'Watt'] },
  { subject: 'astronomy', q: 'Which planet has the shortest orbital period around the Sun?', right: 'Mercury', wrong: ['Venus', 'Mars', 'Earth'] },
  { subject: 'high school biology', q: 'Which molecule carries amino acids to the ribosome during translation?', right: 'tRNA', wrong: ['mRNA', 'rRNA', 'DNA polymerase'] },
  { subject: 'high school chemistry', q: 'What is the pH of a neutral aqueous solution at 25 °C?', right: '7', wrong: ['0', '1', '14'] },
  { subject: 'conceptual physics', q: 'In a vacuum, which falls faster: a heavy ball or a light ball of the same size?', right: 'They fall at the same rate', wrong: ['The heavy ball', 'The light ball', 'It depends on the height'] },
  { subject: 'computer science', q: 'What is the worst-case time complexity of binary search on a sorted array of n elements?', right: 'O(log n)', wrong: ['O(n)', 'O(n log n)', 'O(1)'] },
  { subject: 'computer science', q: 'Which data structure uses first-in, first-out (FIFO) order?', right: 'Queue', wrong: ['Stack', 'Binary heap', 'Hash set'] },
  { subject: 'high school biology', q: 'What type of bond holds the two strands of DNA together?', right: 'Hydrogen bonds', wrong: ['Ionic bonds', 'Peptide bonds', 'Disulfide bonds'] },
  { subject: 'earth science', q: 'Which layer of the Earth is liquid?', right: 'Outer core', wrong: ['Inner core', 'Lower mantle', 'Crust'] },
  { subject: 'high school physics', q: 'Which quantity is conserved in a perfectly inelastic collision?', right: 'Momentum', wrong: ['Kinetic energy', 'Velocity', 'Both momentum and kinetic energy'] },
  { subject: 'high school chemistry', q: 'Which gas is produced when zinc reacts with hydrochloric acid?', right: 'Hydrogen', wrong: ['Oxygen', 'Chlorine', 'Carbon dioxide'] },
  { subject: 'college biology', q: 'Which enzyme unwinds the DNA double helix during replication?', right: 'Helicase', wrong: ['Ligase', 'Primase', 'Topoisomerase IV'] },
  { subject: 'formal logic', q: 'If all A are B and no B are C, which statement must be true?', right: 'No A are C', wrong: ['Some A are C', 'All C are A', 'Some B are not A'] },
  { subject: 'formal logic', q: 'Which is the contrapositive of "If it rains, the ground is wet"?', right: 'If the ground is not wet, it did not rain', wrong: ['If the ground is wet, it rained', 'If it does not rain, the ground is not wet', 'It rains only if the ground is dry'] },
  { subject: 'high school statistics', q: 'Which measure of central tendency is least affected by extreme outliers?', right: 'Median', wrong: ['Mean', 'Range', 'Standard deviation'] },
  { subject: 'astronomy', q: 'What mainly powers the Sun?', right: 'Nuclear fusion of hydrogen', wrong: ['Nuclear fission of uranium', 'Chemical combustion', 'Gravitational collapse alone'] },
  { subject: 'college physics', q: 'What happens to the wavelength of light when it enters glass from air?', right: 'It decreases', wrong: ['It increases', 'It stays the same', 'It becomes zero'] },
  { subject: 'high school biology', q: 'In which part of the plant cell does photosynthesis take place?', right: 'Chloroplast', wrong: ['Nucleus', 'Vacuole', 'Cell wall'] },
  { subject: 'computer science', q: 'How many bits are in one byte?', right: '8', wrong: ['4', '16', '10'] },
  { subject: 'high school chemistry', q: 'What is the chemical formula of table salt?', right: 'NaCl', wrong: ['KCl', 'NaOH', 'CaCl2'] },
];

const TEMPLATES = bank(['q', 'a', 'b', 'c', 'd'], [
  'Question: {q}\nA) {a}\nB) {b}\nC) {c}\nD) {d}\nThink step by step, then give the final answer after "Answer:".',
  'Answer the following multiple choice question. Think step by step before answering.\n\n{q}\n\nA. {a}\nB. {b}\nC. {c}\nD. {d}\n\nEnd your response with "Answer: $LETTER".',
  '{q}\n(A) {a}\n(B) {b}\n(C) {c}\n(D) {d}\nLet\'s think step by step.',
  'Solve the problem below. Show your reasoning, then write the letter of the correct option on the last line in the form "Final answer: X".\n\nProblem: {q}\nOptions: A) {a}  B) {b}  C) {c}  D) {d}',
]);

const SUBJECT_HEADER = 'The following are multiple choice questions (with answers) about ';
const SYSTEMS = ['', '', 'You are a helpful assistant.', 'You are a careful problem solver.'];
const LETTERS = ['A', 'B', 'C', 'D'] as const;

function question(r: Rng): Mcq {
  return r.chance(0.5) ? r.pick(MATH)(r) : r.pick(FACTS);
}

export function createResearchEval(shared: Rng, _opts: TaskOptions): TaskSource {
  const template = shared.pick(TEMPLATES);
  const system = shared.pick(SYSTEMS);
  const subjectHeader = shared.chance(0.4);
  // Few-shot examples, fixed for the org's whole run.
  let fewShot = '';
  const shots = shared.int(0, 2);
  for (let i = 0; i < shots; i++) {
    const m = question(shared);
    fewShot += fill(template, m.q, m.right, m.wrong[0], m.wrong[1], m.wrong[2]) + '\nAnswer: A\n\n';
  }
  return {
    next(ctx) {
      const r = ctx.rng;
      const m = question(r);
      // Place the right option at a random letter.
      const k = r.int(0, 3);
      const o = [m.wrong[0], m.wrong[1], m.wrong[2]];
      o.splice(k, 0, m.right);
      let text = fewShot + fill(template, m.q, o[0], o[1], o[2], o[3]);
      if (subjectHeader) text = SUBJECT_HEADER + m.subject + '.\n\n' + text;
      const ex = {
        messages: [user(text)],
        response: 'Step by step: the relevant fact is applied to the numbers given, which rules out the other options. Answer: ' + LETTERS[k],
        completionTokens: tokens(r, 320, 0.45, 120, 900),
      };
      return system ? { system, ...ex } : ex;
    },
  };
}
