import { describe, expect, it } from 'vitest';
import { LSH_BANDS, SKELETON_MAX, hashText, headTailBands, minhashBands, simhash64, skeleton } from './skeleton.js';

/** Deterministic generator for test data (a 32-bit LCG). */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
}

const NAMES = ['Alice', 'Bob', 'Carlos', 'Dmitri', 'Emma', 'Fatima', 'Hiroshi', 'Ingrid', 'Jamal', 'Priya', 'Sven', 'Zoe'];
const NUMS = ['3', '7', '12', '45', '100', '2.5', '1,250', '99', '8', '640'];
const LANGS = ['French', 'German', 'Spanish', 'Japanese', 'Korean', 'Italian', 'Portuguese'];
const SENTENCES = [
  'The meeting has been moved to next Thursday afternoon.',
  'Please remember to bring your passport and two photos.',
  'The library closes early on public holidays.',
  'Our new product launches in the spring.',
  'He forgot his umbrella at the train station again.',
  'The results of the survey will be published next month.',
];
const PRODUCTS = ['wireless earbuds', 'standing desk', 'espresso machine', 'hiking backpack', 'smart thermostat', 'yoga mat'];
const FUNCS = ['top_k', 'largest_values', 'pick_best', 'select_max', 'find_top'];
const QUESTIONS = ['What is the capital of Peru?', 'Who wrote Hamlet?', 'How far is the Moon?', 'Why is the sky blue?', 'What is 2+2?'];

/** Realistic harvesting templates: fixed instructions with slots. */
const TEMPLATES: readonly ((pick: <T>(xs: readonly T[]) => T) => string)[] = [
  (p) =>
    `You are a helpful math tutor. Solve the following word problem and explain your reasoning step by step. Problem: ${p(NAMES)} has ${p(NUMS)} apples and buys ${p(NUMS)} more at the market. Then ${p(NAMES)} gives ${p(NUMS)} apples to a friend. How many apples are left? Put the final answer after "Answer:".`,
  (p) =>
    `Translate the following sentence into ${p(LANGS)}. Keep the original tone, do not add any explanations or notes, and preserve punctuation exactly. Sentence: "${p(SENTENCES)}"`,
  (p) =>
    `Please act as an impartial judge and evaluate the quality of the response provided by an AI assistant to the user question displayed below. Question: "${p(QUESTIONS)}" Response: "${p(SENTENCES)}" Consider helpfulness, relevance, accuracy and level of detail. Rate the response on a scale of 1 to 10 and output the rating in the format [[rating]].`,
  (p) =>
    `Write a ${p(NUMS)}-word product description for the ${p(PRODUCTS)} made by ${p(NAMES)} Labs. Highlight the three most important features, mention the ${p(NUMS)}-day return policy, and end with a short call to action for online shoppers.`,
  (p) =>
    `Summarize the following customer email in ${p(NUMS)} bullet points for a busy support manager, then classify its sentiment as positive, neutral or negative and suggest one next action. Email from ${p(NAMES)}: "${p(SENTENCES)} ${p(SENTENCES)}"`,
  (p) =>
    `Write a Python function named \`${p(FUNCS)}\` that takes a list of integers and returns the ${p(NUMS)} largest values in descending order. Include type hints, a docstring, handle empty input gracefully, and add ${p(NUMS)} unit tests using pytest.`,
  (p) =>
    `请将下面的句子翻译成英文，并解释其中的语法要点和常见错误：“${p(['我明天去上海开会。', '这本书非常有意思。', '他每天早上跑步。', '我们下周见面吧。'])}”。要求：译文自然流畅，解释不超过${p(NUMS)}字，并给出${p(NUMS)}个类似的例句。`,
  (p) =>
    `Eres un tutor de matemáticas paciente. Resuelve el siguiente problema paso a paso y explica cada operación: ${p(NAMES)} compra ${p(NUMS)} cuadernos a ${p(NUMS)} euros cada uno y paga con un billete de ${p(NUMS)} euros. ¿Cuánto cambio recibe? Da la respuesta final al final.`,
  (p) =>
    `Schreibe eine kurze Zusammenfassung des folgenden Textes für einen Schüler der ${p(NUMS)}. Klasse und erkläre die wichtigsten Begriffe in einfachen Worten. Verwende höchstens ${p(NUMS)} Sätze und stelle am Ende eine Verständnisfrage. Text: "${p(SENTENCES)}"`,
  (p) =>
    `You are ${p(NAMES)}, a senior customer support agent at ${p(NAMES)} Telecom. A customer writes: "${p(SENTENCES)}" Reply in a friendly, professional tone, apologize for any inconvenience, offer a ${p(NUMS)}% discount on next month's bill, and keep the reply under ${p(NUMS)} words.`,
];

/** Unrelated everyday and work prompts (all long enough to fingerprint). */
const UNRELATED = [
  'Can you help me plan a birthday party for my seven year old daughter who loves dinosaurs and painting?',
  'What are the main differences between stocks and bonds, and which is better for a beginner investor?',
  'Write a short poem about the ocean at night, with a melancholic tone and no rhymes.',
  'My laptop fan is very loud whenever I open a browser. What could be causing this and how can I fix it?',
  'Explain the causes of the French Revolution to a high school student in a few paragraphs.',
  'I want to learn to cook healthy meals on a budget. Give me a weekly meal plan with a shopping list.',
  'How do vaccines train the immune system to recognize a virus? Please keep it simple.',
  'Draft a polite email to my landlord asking to fix the heating, which has been broken for a week.',
  'What is the best way to prepare for a marathon if I currently run about twenty kilometers per week?',
  'Compare React and Vue for building a small internal dashboard with a few forms and charts.',
  'Give me ten creative names for a coffee shop that also sells used books and vinyl records.',
  'What should I consider before adopting a rescue dog if I live in a small apartment in the city?',
  'Summarize the plot of the novel in a few sentences without spoiling the ending for my book club.',
  'How does compound interest work, and how much would I have after ten years saving a little each month?',
  'Write a cover letter for a junior data analyst position at a healthcare company, emphasizing SQL skills.',
  'Why do cats knock things off tables? Is there any scientific explanation for this behaviour?',
  'I have a job interview tomorrow for a marketing role. What questions should I expect and how do I answer?',
  'Explain the difference between TCP and UDP and when a game developer would choose one over the other.',
  'Suggest a three day itinerary for a first trip to the mountains in autumn, with easy hikes and good food.',
  'What are some good strategies to stay focused while working from home with small children around?',
  'Help me understand how a mortgage amortization schedule works with a simple example.',
  'Create a workout routine for building upper body strength at home with only a pair of dumbbells.',
  'What is the difference between weather and climate, and why does the distinction matter for policy?',
  'Write a friendly reminder message to my team about the deadline for submitting expense reports.',
  'How can I improve my sourdough bread so it rises more and has a crispier crust?',
  'Recommend some science fiction books for someone who loved the Foundation series and Dune.',
  'Explain what a neural network is to a ten year old, using an analogy about learning to ride a bike.',
  'My tomato plants have yellow leaves at the bottom. What is wrong and what should I do?',
  'What are the pros and cons of electric cars compared to hybrids for someone who drives long distances?',
  'Write a toast for my best friend’s wedding that is funny but also heartfelt, about two minutes long.',
  '我想学习弹吉他，应该从哪里开始？有什么推荐的练习方法和教材吗？',
  '请介绍一下北京有哪些值得一去的博物馆，以及参观时需要注意的事项。',
  '¿Qué consejos me das para aprender inglés rápido si solo tengo media hora al día?',
  'Wie kann ich meine Wohnung im Winter effizient heizen, ohne zu viel Geld auszugeben?',
  "Quels sont les meilleurs endroits à visiter en Provence au printemps avec des enfants ?",
  'Quais são os benefícios de meditar todos os dias e como posso começar sem um professor?',
  'Come posso organizzare meglio il mio tempo tra lavoro, studio e vita privata durante la settimana?',
  'Как выбрать хороший ноутбук для учебы и работы с бюджетом около пятидесяти тысяч рублей?',
  '東京で一人旅をするなら、どのエリアに泊まるのがおすすめですか？予算は一泊一万円くらいです。',
  '한국에서 처음 운전면허를 따려면 어떤 절차를 거쳐야 하나요? 비용도 알려주세요.',
];

const sharesBand = (a: Uint32Array, b: Uint32Array) => {
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) return true;
  return false;
};

describe('skeleton', () => {
  it('masks numbers, quotes, code, URLs, e-mails and names, lowercases and collapses whitespace', () => {
    const s = skeleton(
      'Hello there,   my friend John Smith said "hi there" at 10:30 on 2024/05/01.\nVisit https://example.com/a?b=1 or mail foo.bar@baz.com. Then ```js\nconst x = 1;\n``` done. Don\'t \'quote me\' on it, ask Maria.',
    );
    expect(s).toBe("hello there, my friend N N said Q at # on #. visit U or mail U. then C done. don't Q on it, ask N.");
  });

  it('keeps sentence-initial capitals as words and handles guillemets, CJK quotes and backticks', () => {
    expect(skeleton('Paris is big. Tokyo is bigger.')).toBe('paris is big. tokyo is bigger.');
    expect(skeleton('Il a dit «bonjour» et `x = 1` puis 「こんにちは」.')).toBe('il a dit Q et Q puis Q.');
    expect(skeleton('请把这句话“你好世界”翻译成英文，共3句。')).toBe('请把这句话Q翻译成英文，共#句。');
  });

  it('does not mask every German noun as a name', () => {
    const s = skeleton('Schreibe eine kurze Zusammenfassung des folgenden Textes für einen Schüler und erkläre die wichtigsten Begriffe.');
    expect(s).toContain('zusammenfassung');
    expect(s).toContain('begriffe');
  });

  it('truncates and never throws on odd input', () => {
    expect(skeleton('word '.repeat(5000)).length).toBeLessThanOrEqual(SKELETON_MAX);
    expect(skeleton('')).toBe('');
    expect(() => skeleton('\uD800"\u0000```'.repeat(1000))).not.toThrow();
  });
});

describe('minhashBands', () => {
  it('is deterministic and encodes the band index in the top bits', () => {
    const s = skeleton(UNRELATED[0]!);
    const a = minhashBands(s);
    const out = new Uint32Array(LSH_BANDS);
    expect(minhashBands(s, out)).toBe(out);
    expect([...out]).toEqual([...a]);
    a.forEach((k, b) => expect(k >>> 29).toBe(b));
  });

  it('collides for ≥ 95% of pairs of one template with different slots', () => {
    let pairs = 0;
    let hits = 0;
    TEMPLATES.forEach((tpl, ti) => {
      const pick = rng(1000 + ti);
      const keys = Array.from({ length: 12 }, () => minhashBands(skeleton(tpl(pick))));
      for (let i = 0; i < keys.length; i++)
        for (let j = i + 1; j < keys.length; j++) {
          pairs++;
          if (sharesBand(keys[i]!, keys[j]!)) hits++;
        }
    });
    expect(hits / pairs).toBeGreaterThanOrEqual(0.95);
  });

  it('collides for light paraphrases of a template', () => {
    const pick = rng(7);
    let hits = 0;
    let n = 0;
    for (let k = 0; k < 40; k++) {
      const a = TEMPLATES[0]!(pick);
      const b = TEMPLATES[0]!(pick)
        .replace('helpful math tutor', 'patient math teacher')
        .replace('Put the final answer', 'Write the final answer');
      n++;
      if (sharesBand(minhashBands(skeleton(a)), minhashBands(skeleton(b)))) hits++;
    }
    expect(hits / n).toBeGreaterThanOrEqual(0.9);
  });

  it('rarely collides for unrelated prompts (≤ 5% of pairs)', () => {
    const keys = UNRELATED.map((t) => minhashBands(skeleton(t)));
    let pairs = 0;
    let hits = 0;
    for (let i = 0; i < keys.length; i++)
      for (let j = i + 1; j < keys.length; j++) {
        pairs++;
        if (sharesBand(keys[i]!, keys[j]!)) hits++;
      }
    expect(pairs).toBeGreaterThan(700);
    expect(hits / pairs).toBeLessThanOrEqual(0.05);
  });

  it('rarely collides across different templates', () => {
    const pick = rng(99);
    const keys = TEMPLATES.map((tpl) => minhashBands(skeleton(tpl(pick))));
    let hits = 0;
    for (let i = 0; i < keys.length; i++) for (let j = i + 1; j < keys.length; j++) if (sharesBand(keys[i]!, keys[j]!)) hits++;
    expect(hits).toBeLessThanOrEqual(2);
  });

  it('matches the documented band collision probability 1 − (1 − J²)⁸', () => {
    // Pairs of 100-token texts sharing a prefix: 98 word 3-shingles each, m − 2 in common.
    for (const [J, m] of [
      [0.3, 47],
      [0.5, 67],
      [0.8, 89],
    ] as const) {
      const jaccard = (m - 2) / (2 * 98 - (m - 2));
      let hits = 0;
      const trials = 600;
      for (let t = 0; t < trials; t++) {
        const common = Array.from({ length: m }, (_, i) => `c${t}w${i}`);
        const a = [...common, ...Array.from({ length: 100 - m }, (_, i) => `a${t}w${i}`)].join(' ');
        const b = [...common, ...Array.from({ length: 100 - m }, (_, i) => `b${t}w${i}`)].join(' ');
        if (sharesBand(minhashBands(a), minhashBands(b))) hits++;
      }
      const expected = 1 - (1 - jaccard ** 2) ** 8;
      expect(Math.abs(jaccard - J)).toBeLessThan(0.01);
      expect(Math.abs(hits / trials - expected), `J=${J}: ${hits / trials} vs ${expected}`).toBeLessThan(0.06);
    }
  });

  it('handles tiny and empty skeletons', () => {
    expect(minhashBands('')).toHaveLength(LSH_BANDS);
    expect([...minhashBands('hi there')]).toEqual([...minhashBands('hi there')]);
    expect(sharesBand(minhashBands('hi there'), minhashBands('bye now'))).toBe(false);
  });
});

/** Fully different items (no shared slots) for the fixed-wrapper case. */
const WORD_PROBLEMS = [
  'A baker makes loaves every morning and sells most of them before noon, keeping the rest for the staff lunch. How many loaves are left for the staff on a busy Saturday?',
  'Two trains leave stations that are far apart and travel toward each other at different speeds. After how many hours will they meet somewhere along the track?',
  'A gardener plants tomatoes in rows, but rabbits eat part of the seedlings during the first week. How many tomato plants survive until the harvest in late summer?',
  'A library receives a donation of novels and decides to split them evenly among its branches, with the remainder going to the school reading program. How many books does each branch get?',
  'A cyclist rides up a hill slowly and comes back down much faster on the same road. What is her average speed for the whole round trip if the climb took longer?',
  'A tank is filled by one pipe and drained by another at the same time. How long does it take to fill the empty tank completely if both pipes stay open?',
  'A shop raises the price of a jacket, then offers a discount during the winter sale. Is the final price higher or lower than the original price, and by how much?',
  'A class collects money for a trip; each student pays the same amount and the teacher covers what is missing. How much does the teacher pay if three students are absent?',
];

describe('headTailBands', () => {
  const prefix = (q: string) => `You are an expert math tutor. Solve the following problem carefully. Think step by step, explain your reasoning clearly, and put the final answer in a box at the end.\n\nProblem: ${q}`;

  it('collides for a fixed instruction wrapped around fully different items (where minhashBands does not)', () => {
    let pairs = 0;
    let headTail = 0;
    let whole = 0;
    for (let i = 0; i < WORD_PROBLEMS.length; i++)
      for (let j = i + 1; j < WORD_PROBLEMS.length; j++) {
        pairs++;
        const a = skeleton(prefix(WORD_PROBLEMS[i]!));
        const b = skeleton(prefix(WORD_PROBLEMS[j]!));
        if (sharesBand(headTailBands(a), headTailBands(b))) headTail++;
        if (sharesBand(minhashBands(a), minhashBands(b))) whole++;
      }
    expect(headTail / pairs).toBeGreaterThanOrEqual(0.95);
    expect(whole / pairs).toBeLessThan(0.5);
  });

  it('rarely collides for unrelated prompts and encodes the band index', () => {
    const keys = UNRELATED.map((t) => headTailBands(skeleton(t)));
    let pairs = 0;
    let hits = 0;
    for (let i = 0; i < keys.length; i++)
      for (let j = i + 1; j < keys.length; j++) {
        pairs++;
        if (sharesBand(keys[i]!, keys[j]!)) hits++;
      }
    expect(hits / pairs).toBeLessThanOrEqual(0.05);
    keys[0]!.forEach((k, b) => expect(k >>> 29).toBe(b));
    const s = skeleton(UNRELATED[3]!);
    expect(sharesBand(headTailBands(s), minhashBands(s))).toBe(false);
  });
});

describe('simhash64', () => {
  const popcount = (x: number) => {
    let c = 0;
    for (let v = x >>> 0; v; v &= v - 1) c++;
    return c;
  };
  const dist = (a: [number, number], b: [number, number]) => popcount(a[0] ^ b[0]) + popcount(a[1] ^ b[1]);

  it('puts template instances closer than unrelated prompts', () => {
    const pick = rng(3);
    const a = simhash64(skeleton(TEMPLATES[3]!(pick)));
    const b = simhash64(skeleton(TEMPLATES[3]!(pick)));
    const c = simhash64(skeleton(UNRELATED[5]!));
    expect(dist(a, b)).toBeLessThan(dist(a, c));
    expect(simhash64('same text here')).toEqual(simhash64('same text here'));
  });
});

describe('hashText', () => {
  it('is 32-bit FNV-1a over UTF-8', () => {
    expect(hashText('')).toBe(0x811c9dc5);
    expect(hashText('a')).toBe(0xe40c292c);
    expect(hashText('foobar')).toBe(0xbf9cf968);
    // Non-ASCII goes through its UTF-8 bytes, like any other FNV-1a implementation.
    const viaBytes = (s: string) => {
      let h = 0x811c9dc5;
      for (const byte of new TextEncoder().encode(s)) h = Math.imul(h ^ byte, 0x01000193);
      return h >>> 0;
    };
    for (const s of ['é', '你好', 'Ж', '😀 ok', 'mixed ü 漢字 😀', 'lone \uD800 high', 'lone \uDC00 low', 'end \uD83D']) expect(hashText(s)).toBe(viaBytes(s));
  });
});
