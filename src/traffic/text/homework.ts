/**
 * `homework`: students of one university class. The class (course) is fixed
 * by `shared`; the assignment of the day is drawn from a generator seeded by
 * the class and the day, so every student sees the same problems that day and
 * each asks about them in their own words.
 */
import { Rng } from '../rng.js';
import { assistant, bank, casual, fill, isCjk, tokens, user, type Tpl } from './gen.js';
import { LANGS, type ChatMessage, type Lang, type TaskOptions, type TaskSource } from './types.js';

interface Problem {
  text: string;
  answer: string;
  wrong: string;
}

interface Course {
  name: string;
  concepts: readonly string[];
  problems: readonly ((r: Rng) => Problem)[];
}

const f2 = (v: number): string => (Math.round(v * 100) / 100).toString();

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

function bstPreorder(keys: readonly number[]): number[] {
  const left = new Map<number, number>();
  const right = new Map<number, number>();
  const root = keys[0] as number;
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as number;
    let cur = root;
    for (;;) {
      const side = k < cur ? left : right;
      const nxt = side.get(cur);
      if (nxt === undefined) {
        side.set(cur, k);
        break;
      }
      cur = nxt;
    }
  }
  const out: number[] = [];
  const walk = (n: number | undefined): void => {
    if (n === undefined) return;
    out.push(n);
    walk(left.get(n));
    walk(right.get(n));
  };
  walk(root);
  return out;
}

const COURSES: readonly Course[] = [
  {
    name: 'STAT 101',
    concepts: ['confidence intervals', 'p-values', 'the central limit theorem', 'standard error', 'type I and type II errors', 'the binomial distribution', 'z-scores', 'hypothesis testing'],
    problems: [
      (r) => {
        const n = r.pick([25, 36, 49, 64, 81, 100]);
        const m = r.int(400, 900) / 10;
        const s = r.int(3, 15);
        const e = (1.96 * s) / Math.sqrt(n);
        return { text: `A sample of n = ${n} has mean ${m} and standard deviation ${s}. Construct a 95% confidence interval for the population mean.`, answer: `[${f2(m - e)}, ${f2(m + e)}]`, wrong: `[${f2(m - 1.96 * s)}, ${f2(m + 1.96 * s)}]` };
      },
      (r) => {
        const mu = r.int(60, 75);
        const sd = r.int(5, 12);
        const x = mu + r.int(-15, 20);
        return { text: `Exam scores are normally distributed with mean ${mu} and standard deviation ${sd}. What is the z-score of a student who scored ${x}?`, answer: f2((x - mu) / sd), wrong: f2((x - mu) / (sd * sd)) };
      },
      (r) => {
        const n = r.int(6, 12);
        const k = r.int(2, n - 2);
        return { text: `A fair coin is flipped ${n} times. What is the probability of getting exactly ${k} heads?`, answer: (choose(n, k) / 2 ** n).toFixed(4), wrong: (k / n).toFixed(4) };
      },
    ],
  },
  {
    name: 'Calculus I',
    concepts: ['the chain rule', 'limits', 'the fundamental theorem of calculus', 'implicit differentiation', 'related rates', 'the mean value theorem', 'u-substitution'],
    problems: [
      (r) => {
        const a = r.int(2, 9);
        const n = r.int(3, 7);
        const b = r.int(2, 12);
        return { text: `Differentiate f(x) = ${a}x^${n} + ${b}x.`, answer: `f'(x) = ${a * n}x^${n - 1} + ${b}`, wrong: `f'(x) = ${a}x^${n - 1} + ${b}` };
      },
      (r) => {
        const a = r.int(1, 6) * 3;
        const b = r.int(1, 9);
        const c = r.int(1, 4);
        return { text: `Evaluate the integral of (${a}x^2 + ${b}) dx from 0 to ${c}.`, answer: String((a * c ** 3) / 3 + b * c), wrong: String(a * c ** 3 + b * c) };
      },
      (r) => {
        const a = r.int(2, 9);
        const b = r.int(2, 9);
        return { text: `Find the limit of sin(${a}x) / (${b}x) as x approaches 0.`, answer: `${a}/${b}`, wrong: '0' };
      },
    ],
  },
  {
    name: 'Linear Algebra',
    concepts: ['eigenvalues and eigenvectors', 'the determinant', 'linear independence', 'the null space', 'change of basis', 'orthogonal projections', 'matrix rank'],
    problems: [
      (r) => {
        const a = r.int(1, 8);
        const b = r.int(1, 5);
        return { text: `Find the eigenvalues of the matrix [[${a}, ${b}], [${b}, ${a}]].`, answer: `${a + b} and ${a - b}`, wrong: `${a} and ${b}` };
      },
      (r) => {
        const x = r.int(-5, 5);
        const y = r.int(-5, 5);
        const a = r.int(1, 5);
        const b = r.int(1, 5);
        const c = r.int(1, 5);
        const d = -r.int(1, 5);
        return { text: `Solve the system: ${a}x + ${b}y = ${a * x + b * y} and ${c}x ${d}y = ${c * x + d * y}.`, answer: `x = ${x}, y = ${y}`, wrong: `x = ${y}, y = ${x}` };
      },
      (r) => {
        const a = r.int(1, 6);
        const b = r.int(0, 5);
        const c = r.int(1, 6);
        const d = r.int(0, 5);
        return { text: `Compute the determinant of [[${a}, ${b}], [${c}, ${d}]] and say whether the matrix is invertible.`, answer: String(a * d - b * c), wrong: String(a * d + b * c) };
      },
    ],
  },
  {
    name: 'General Chemistry',
    concepts: ['molarity', 'limiting reagents', 'the ideal gas law', 'Le Chatelier’s principle', 'electronegativity', 'enthalpy', 'pH and buffers'],
    problems: [
      (r) => {
        const v = r.pick([100, 250, 500, 750, 1000]);
        const c = r.pick([0.1, 0.2, 0.25, 0.5, 1.5]);
        return { text: `How many grams of NaCl (58.44 g/mol) are needed to prepare ${v} mL of a ${c} M solution?`, answer: f2((c * v * 58.44) / 1000) + ' g', wrong: f2(c * v * 58.44) + ' g' };
      },
      (r) => {
        const n = r.int(1, 5) / 2;
        const t = r.int(273, 373);
        const v = r.int(5, 40);
        return { text: `What is the pressure of ${n} mol of an ideal gas at ${t} K in a ${v} L container? (R = 0.08206 L·atm/(mol·K))`, answer: f2((n * 0.08206 * t) / v) + ' atm', wrong: f2((n * 0.08206 * (t - 273)) / v) + ' atm' };
      },
      (r) => {
        const h = r.pick([1, 2, 3, 4, 5]);
        return { text: `What is the pH of a 1.0 x 10^-${h} M HCl solution?`, answer: String(h), wrong: String(14 - h) };
      },
    ],
  },
  {
    name: 'Microeconomics',
    concepts: ['price elasticity of demand', 'consumer surplus', 'marginal cost', 'deadweight loss', 'comparative advantage', 'opportunity cost', 'monopoly pricing'],
    problems: [
      (r) => {
        const p = r.int(2, 20);
        const b = r.int(1, 6);
        const d = r.int(1, 6);
        const c = r.int(0, 30);
        const a = c + (b + d) * p;
        return { text: `Demand is Qd = ${a} - ${b}P and supply is Qs = ${c} + ${d}P. Find the equilibrium price and quantity.`, answer: `P = ${p}, Q = ${a - b * p}`, wrong: `P = ${p + 1}, Q = ${a - b * (p + 1)}` };
      },
      (r) => {
        const p1 = r.int(4, 10);
        const p2 = p1 + r.int(1, 4);
        const q1 = r.int(80, 160);
        const q2 = q1 - r.int(10, 50);
        const e = ((q2 - q1) / ((q1 + q2) / 2)) / ((p2 - p1) / ((p1 + p2) / 2));
        return { text: `When the price rises from $${p1} to $${p2}, quantity demanded falls from ${q1} to ${q2}. Compute the price elasticity of demand using the midpoint method.`, answer: f2(e), wrong: f2((q2 - q1) / (p2 - p1)) };
      },
    ],
  },
  {
    name: 'Data Structures',
    concepts: ['binary search trees', 'amortized analysis', 'hash table collisions', 'heaps', 'Big-O notation', 'graph traversal (BFS vs DFS)', 'recursion'],
    problems: [
      (r) => {
        const keys: number[] = [];
        while (keys.length < 7) {
          const k = r.int(1, 99);
          if (!keys.includes(k)) keys.push(k);
        }
        return { text: `Insert the keys ${keys.join(', ')} (in that order) into an empty binary search tree. Give the pre-order traversal.`, answer: bstPreorder(keys).join(', '), wrong: keys.slice().sort((a, b) => a - b).join(', ') };
      },
      (r) => {
        const cases = [
          ['for i in range(n):\n    for j in range(i, n):\n        total += a[i] * a[j]', 'O(n^2)', 'O(n)'],
          ['i = n\nwhile i > 1:\n    i = i // 2', 'O(log n)', 'O(n)'],
          ['for i in range(n):\n    j = 1\n    while j < n:\n        j *= 2', 'O(n log n)', 'O(n^2)'],
          ['def f(n):\n    if n <= 1: return 1\n    return f(n - 1) + f(n - 1)', 'O(2^n)', 'O(n)'],
        ] as const;
        const [code, ans, wrong] = r.pick(cases);
        return { text: `What is the time complexity of the following code?\n\n${code}`, answer: ans, wrong };
      },
      (r) => {
        const m = r.pick([7, 11, 13]);
        const keys = [r.int(10, 99), r.int(10, 99), r.int(10, 99), r.int(10, 99)];
        return { text: `Insert ${keys.join(', ')} into a hash table of size ${m} using h(k) = k mod ${m} and linear probing. Show the final table.`, answer: keys.map((k) => `${k}→${k % m}`).join(', '), wrong: keys.map((k) => `${k}→${k % (m - 1)}`).join(', ') };
      },
    ],
  },
  {
    name: 'Physics I: Mechanics',
    concepts: ['Newton’s second law', 'conservation of energy', 'projectile motion', 'momentum', 'friction', 'torque', 'circular motion'],
    problems: [
      (r) => {
        const v = r.int(5, 30);
        return { text: `A ball is thrown straight up at ${v} m/s. Ignoring air resistance, how high does it go? (g = 9.8 m/s^2)`, answer: f2((v * v) / (2 * 9.8)) + ' m', wrong: f2((v * v) / 9.8) + ' m' };
      },
      (r) => {
        const m = r.int(2, 20);
        const f = r.int(20, 200);
        const mu = r.int(1, 4) / 10;
        const a = (f - mu * m * 9.8) / m;
        return { text: `A ${m} kg box is pushed with a horizontal force of ${f} N across a floor with coefficient of kinetic friction ${mu}. What is its acceleration?`, answer: f2(a) + ' m/s^2', wrong: f2(f / m) + ' m/s^2' };
      },
      (r) => {
        const m1 = r.int(1, 5);
        const m2 = r.int(1, 5);
        const v1 = r.int(2, 10);
        return { text: `A ${m1} kg cart moving at ${v1} m/s collides and sticks to a ${m2} kg cart at rest. What is their speed after the collision?`, answer: f2((m1 * v1) / (m1 + m2)) + ' m/s', wrong: f2(v1 / 2) + ' m/s' };
      },
    ],
  },
  {
    name: 'Discrete Mathematics',
    concepts: ['proof by induction', 'the pigeonhole principle', 'combinations vs permutations', 'modular arithmetic', 'graph coloring', 'recurrence relations'],
    problems: [
      (r) => {
        const n = r.int(6, 15);
        const k = r.int(2, 5);
        return { text: `In how many ways can a committee of ${k} be chosen from ${n} people?`, answer: String(choose(n, k)), wrong: String(choose(n, k) * [1, 1, 2, 6, 24, 120][k]!) };
      },
      (r) => {
        const a = r.int(2, 9);
        const e = r.int(10, 40);
        const m = r.pick([5, 7, 11, 13]);
        let v = 1;
        for (let i = 0; i < e; i++) v = (v * a) % m;
        return { text: `Compute ${a}^${e} mod ${m}.`, answer: String(v), wrong: String((a * e) % m) };
      },
      (r) => {
        const c = r.pick(['1 + 2 + ... + n = n(n+1)/2', '1 + 3 + 5 + ... + (2n-1) = n^2', '2^n > n for all n >= 1', 'n^3 - n is divisible by 6']);
        return { text: `Prove by induction that ${c}.`, answer: 'base case n = 1 holds, then assume for n and show for n+1', wrong: 'it works for n = 1, 2, 3 so it is true' };
      },
    ],
  },
  {
    name: 'Intro to Philosophy',
    concepts: ['the trolley problem', 'utilitarianism', 'Kant’s categorical imperative', 'the problem of induction', 'free will and determinism', 'the veil of ignorance', 'personal identity'],
    problems: [
      (r) => {
        const [a, b] = r.pick([['Hume', 'Kant'], ['Mill', 'Kant'], ['Plato', 'Aristotle'], ['Descartes', 'Locke'], ['Hobbes', 'Rousseau']] as const);
        const t = r.pick(['knowledge', 'morality', 'human nature', 'the mind', 'the state']);
        return { text: `Write a 1500-word essay comparing ${a}'s and ${b}'s views on ${t}.`, answer: `${a} and ${b} disagree mainly on where ${t} comes from`, wrong: `${a} and ${b} basically agree about ${t}` };
      },
      (r) => {
        const t = r.pick(['Is it ever morally permissible to lie?', 'Can a machine think?', 'Do we have free will if the universe is deterministic?', 'Is the ship of Theseus the same ship?', 'Are we obligated to help distant strangers?']);
        return { text: `Discussion question: ${t} Defend a position in 800 words.`, answer: 'a clear thesis defended against the strongest objection', wrong: 'a summary of both sides without a thesis' };
      },
    ],
  },
  {
    name: 'Intro to Programming (Python)',
    concepts: ['loops', 'list comprehensions', 'recursion', 'dictionaries', 'functions and scope', 'exceptions', 'classes and objects'],
    problems: [
      (r) => {
        const a = r.int(3, 7);
        const b = r.int(2, 4);
        let total = 0;
        for (let i = 0; i < a; i++) if (i % b === 0) total += i;
        return { text: `What does this print?\n\ntotal = 0\nfor i in range(${a}):\n    if i % ${b} == 0:\n        total += i\nprint(total)`, answer: String(total), wrong: String(total + a) };
      },
      (r) => {
        const task = r.pick(['returns the n-th Fibonacci number', 'counts the vowels in a string', 'checks whether a word is a palindrome', 'returns the second largest number in a list', 'merges two sorted lists', 'removes duplicates from a list']);
        return { text: `Write a Python function that ${task}.`, answer: 'a loop-based solution with a test', wrong: 'a solution that fails on the empty input' };
      },
    ],
  },
];

const ASK = bank(['n', 'p', 'a', 'c'], [
  'can someone help me with problem {n}? {p}',
  'I got {a} for this one, is that right?\n\n{p}',
  'Problem {n} from today’s assignment: {p}\n\nI don’t even know where to start.',
  'Check my solution please.\nQuestion: {p}\nMy answer: {a}',
  'How do I approach this kind of problem? {p}',
  'Not asking for the answer, just a hint: {p}',
  'Here is the question: {p}\nMy attempt gave {a} but the online checker says it’s wrong. Where did I go wrong?',
  'Our TA said {a} is wrong for #{n}: {p} Why?',
  '{p}\n\nI think the answer is {a}?? can you verify and explain',
  'Q{n}: {p} — step by step please, I want to understand it for the exam.',
  'hw question: {p}',
  'Can you explain {c} using this problem as an example? {p}',
]);

const CONCEPT_ASK = bank(['c', 'course'], [
  'Can you explain {c}? Our lecture went way too fast.',
  'what is the intuition behind {c}',
  'I have a {course} exam next week. Explain {c} with a simple example.',
  'ELI5 {c} please, {course} is killing me',
  'What are common mistakes students make with {c}?',
  'How is {c} different from what we did last week?',
]);

const REPLIES = [
  'Let’s go through it step by step.',
  'Close! You made a small mistake in the second step.',
  'Yes, that is correct — here is why.',
  'Here is a hint to get you started without giving it all away.',
  'Good question; the key idea is this.',
];

/** Students writing in another language ask about the (English) course material in their own words. */
interface LocalAsk {
  ask: readonly string[]; // {n} {p} {a} {c}
  concept: readonly string[]; // {c} {course}
  followups: readonly string[];
  replies: readonly string[];
}

const LOCAL: Record<Exclude<Lang, 'en'>, LocalAsk> = {
  es: {
    ask: ['¿Me ayudas con el problema {n}? {p}', 'Me sale {a} en este, ¿está bien?\n\n{p}', 'Problema {n} de la tarea de hoy: {p}\n\nNo sé ni por dónde empezar.', 'Revisa mi solución, porfa.\nEnunciado: {p}\nMi respuesta: {a}', 'No quiero la respuesta, solo una pista: {p}', '¿Puedes explicarme {c} con este ejercicio? {p}'],
    concept: ['¿Me explicas {c}? En clase fue muy rápido.', 'Tengo examen de {course} la semana que viene. Explícame {c} con un ejemplo sencillo.', '¿Cuál es la intuición detrás de {c}?'],
    followups: ['¿por qué?', 'vale, ¿y el paso 2?', '¡gracias! ¿y el siguiente?', 'entonces, ¿mi respuesta estaba mal?'],
    replies: ['Vamos paso a paso.', '¡Casi! Hay un pequeño error en el segundo paso.', 'Sí, es correcto; te explico por qué.'],
  },
  de: {
    ask: ['Kann mir jemand bei Aufgabe {n} helfen? {p}', 'Ich habe {a} raus, stimmt das?\n\n{p}', 'Aufgabe {n} vom heutigen Blatt: {p}\n\nIch weiß nicht mal, wie ich anfangen soll.', 'Kannst du meine Lösung prüfen?\nAufgabe: {p}\nMeine Antwort: {a}', 'Bitte keine Lösung, nur einen Tipp: {p}', 'Kannst du {c} an diesem Beispiel erklären? {p}', 'Unser Tutor sagt, {a} ist falsch bei Nr. {n}: {p} Warum?'],
    concept: ['Kannst du {c} erklären? Die Vorlesung war viel zu schnell.', 'Ich schreibe nächste Woche die Klausur in {course}. Erklär mir {c} an einem einfachen Beispiel.', 'Was ist die Intuition hinter {c}?'],
    followups: ['warum?', 'ok, aber wie geht Schritt 2?', 'danke!! und die nächste?', 'war meine Antwort also falsch?'],
    replies: ['Gehen wir das Schritt für Schritt durch.', 'Fast! Im zweiten Schritt steckt ein kleiner Fehler.', 'Ja, das stimmt – hier ist der Grund.'],
  },
  fr: {
    ask: ['Tu peux m’aider pour l’exercice {n} ? {p}', 'J’ai trouvé {a} pour celui-ci, c’est juste ?\n\n{p}', 'Exercice {n} du TD d’aujourd’hui : {p}\n\nJe ne sais même pas par où commencer.', 'Tu peux vérifier ma solution ?\nÉnoncé : {p}\nMa réponse : {a}', 'Pas la réponse, juste un indice : {p}', 'Tu peux expliquer {c} avec cet exercice ? {p}'],
    concept: ['Tu peux m’expliquer {c} ? Le cours est allé trop vite.', 'J’ai un partiel de {course} la semaine prochaine. Explique-moi {c} avec un exemple simple.', 'Quelle est l’intuition derrière {c} ?'],
    followups: ['pourquoi ?', 'ok mais l’étape 2 ?', 'merci !! et le suivant ?', 'donc ma réponse était fausse ?'],
    replies: ['Allons-y étape par étape.', 'Presque ! Il y a une petite erreur à la deuxième étape.', 'Oui, c’est correct, voici pourquoi.'],
  },
  pt: {
    ask: ['Alguém me ajuda com o exercício {n}? {p}', 'Deu {a} nesse, está certo?\n\n{p}', 'Exercício {n} da lista de hoje: {p}\n\nNem sei por onde começar.', 'Pode conferir minha solução?\nEnunciado: {p}\nMinha resposta: {a}', 'Não quero a resposta, só uma dica: {p}', 'Pode explicar {c} usando este exercício? {p}'],
    concept: ['Pode me explicar {c}? A aula foi rápida demais.', 'Tenho prova de {course} semana que vem. Explica {c} com um exemplo simples.', 'Qual é a intuição por trás de {c}?'],
    followups: ['por quê?', 'ok, mas e o passo 2?', 'valeu!! e o próximo?', 'então minha resposta estava errada?'],
    replies: ['Vamos passo a passo.', 'Quase! Tem um errinho no segundo passo.', 'Sim, está certo; veja por quê.'],
  },
  zh: {
    ask: ['第{n}题怎么做？{p}', '这道题我算出来是{a}，对吗？\n\n{p}', '今天作业的第{n}题：{p}\n\n完全不知道从哪下手。', '帮我检查一下答案。\n题目：{p}\n我的答案：{a}', '不用给答案，给个提示就行：{p}', '能用这道题讲讲{c}吗？{p}'],
    concept: ['能讲讲{c}吗？老师讲得太快了。', '下周考{course}，请用简单的例子解释{c}。', '{c}背后的直觉是什么？'],
    followups: ['为什么？', '那第二步呢？', '谢谢！下一题呢？', '所以我的答案错了？'],
    replies: ['我们一步一步来。', '差一点！第二步有个小错误。', '对的，原因如下。'],
  },
  ja: {
    ask: ['問題{n}を手伝ってください。{p}', 'この問題、{a}になったんですが合っていますか？\n\n{p}', '今日の課題の問題{n}です：{p}\n\nどこから手をつければいいか分かりません。', '解答をチェックしてください。\n問題：{p}\n私の答え：{a}', '答えではなくヒントだけください：{p}', 'この問題を使って{c}を説明してもらえますか？{p}'],
    concept: ['{c}を説明してもらえますか？授業が速すぎました。', '来週{course}の試験があります。{c}を簡単な例で説明してください。', '{c}の直観的な意味は何ですか？'],
    followups: ['なぜですか？', 'ステップ2はどうやるんですか？', 'ありがとう！次の問題は？', 'じゃあ私の答えは間違い？'],
    replies: ['一歩ずつ見ていきましょう。', '惜しい！2番目のステップに小さなミスがあります。', 'はい、正解です。理由はこうです。'],
  },
};

interface Phrasing {
  ask: readonly Tpl[];
  concept: readonly Tpl[];
  followups: readonly string[];
  replies: readonly string[];
}

const EN_FOLLOWUPS = ['wait why?', 'ok but how do I do step 2', 'thanks!! and the next one?', 'can you check my units too', 'so my answer was wrong?'];

const PHRASING = {} as Record<Lang, Phrasing>;
for (const l of LANGS) {
  if (l === 'en') {
    PHRASING.en = { ask: ASK, concept: CONCEPT_ASK, followups: EN_FOLLOWUPS, replies: REPLIES };
  } else {
    const loc = LOCAL[l];
    PHRASING[l] = { ask: bank(['n', 'p', 'a', 'c'], loc.ask), concept: bank(['c', 'course'], loc.concept), followups: loc.followups, replies: loc.replies };
  }
}

export function createHomework(shared: Rng, opts: TaskOptions): TaskSource {
  const course = shared.pick(COURSES);
  const classSeed = shared.u32();
  const ph = PHRASING[opts.lang];
  const typoRate = isCjk(opts.lang) ? 0 : 0.4;
  let cachedDay = -1;
  let assignment: Problem[] = [];
  const assignmentFor = (day: number): Problem[] => {
    if (day !== cachedDay) {
      const g = new Rng(classSeed ^ Math.imul(day + 1, 0x9e3779b1));
      const n = g.int(3, 5);
      assignment = [];
      for (let i = 0; i < n; i++) assignment.push(g.pick(course.problems)(g));
      cachedDay = day;
    }
    return assignment;
  };
  return {
    next(ctx) {
      const r = ctx.rng;
      const set = assignmentFor(ctx.day);
      const messages: ChatMessage[] = [];
      let text: string;
      if (r.chance(0.8)) {
        const i = r.int(0, set.length - 1);
        const p = set[i] as Problem;
        text = fill(r.pick(ph.ask), String(i + 1), p.text, r.chance(0.6) ? p.answer : p.wrong, r.pick(course.concepts));
      } else {
        text = fill(r.pick(ph.concept), r.pick(course.concepts), course.name);
      }
      messages.push(user(casual(r, text, typoRate)));
      if (r.chance(0.15)) {
        messages.push(assistant(r.pick(ph.replies)));
        messages.push(user(casual(r, r.pick(ph.followups), typoRate)));
      }
      return { messages, response: r.pick(ph.replies), completionTokens: tokens(r, 380, 0.5, 80, 1500) };
    },
  };
}
