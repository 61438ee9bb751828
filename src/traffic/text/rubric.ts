/**
 * `rubric_grading` (extraction campaign): the model used as a reward model or
 * judge. A rubric with weighted criteria, a question and one candidate answer
 * (or two, A vs B), and a demand for a score, per-criterion points or JSON.
 * The campaign fixes its rubric, scale, judge wording and output format from
 * `shared`; questions and candidate answers vary per request.
 */
import type { Rng } from '../rng.js';
import { chain, join, langIndex, sample, tokens, tr, user, type ML } from './gen.js';
import { chatQuestion } from './chat.js';
import { FILLER_POST, FILLER_PRE } from './phrases.js';
import { problem, type ProblemKind } from './problems.js';
import type { Lang, TaskOptions, TaskSource } from './types.js';

const CRITERIA: readonly ML[] = [
  ['Factual accuracy', 'Exactitud factual', 'Sachliche Richtigkeit', 'Exactitude factuelle', 'Precisão factual', '事实准确性', '事実の正確さ'],
  ['Completeness', 'Exhaustividad', 'Vollständigkeit', 'Complétude', 'Completude', '完整性', '網羅性'],
  ['Clarity and organisation', 'Claridad y organización', 'Klarheit und Struktur', 'Clarté et organisation', 'Clareza e organização', '清晰度与条理', '明瞭さと構成'],
  ['Relevance to the question', 'Pertinencia respecto a la pregunta', 'Bezug zur Frage', 'Pertinence par rapport à la question', 'Relevância para a pergunta', '与问题的相关性', '質問との関連性'],
  ['Quality of reasoning', 'Calidad del razonamiento', 'Qualität der Argumentation', 'Qualité du raisonnement', 'Qualidade do raciocínio', '推理质量', '推論の質'],
  ['Conciseness', 'Concisión', 'Prägnanz', 'Concision', 'Concisão', '简洁性', '簡潔さ'],
  ['Helpfulness and tone', 'Utilidad y tono', 'Hilfsbereitschaft und Ton', 'Utilité et ton', 'Utilidade e tom', '有用性与语气', '有用性と口調'],
  ['Harmlessness', 'Inocuidad', 'Unbedenklichkeit', 'Innocuité', 'Inocuidade', '无害性', '無害性'],
  ['Use of examples or evidence', 'Uso de ejemplos o evidencias', 'Einsatz von Beispielen oder Belegen', 'Usage d’exemples ou de preuves', 'Uso de exemplos ou evidências', '例证或证据的使用', '例や根拠の活用'],
  ['Correct final answer', 'Respuesta final correcta', 'Korrektes Endergebnis', 'Réponse finale correcte', 'Resposta final correta', '最终答案正确', '最終解答の正しさ'],
  ['Follows the instructions', 'Sigue las instrucciones', 'Befolgt die Anweisungen', 'Respecte les consignes', 'Segue as instruções', '遵循指令', '指示への準拠'],
];

interface RubricLang {
  intro: readonly string[];
  labels: readonly [rubric: string, question: string, response: string, a: string, b: string];
  pts: string;
  total: string;
  /** Scale instructions: {lo} and {hi} are replaced by the bounds. */
  scale: readonly string[];
  perCriterion: readonly string[];
  pairwise: readonly string[];
  json: readonly string[];
  answers: readonly string[];
  replies: readonly string[];
}

const L: Record<Lang, RubricLang> = {
  en: {
    intro: [
      'You are an expert grader. Evaluate the response below against the rubric.',
      'Act as a strict but fair judge of answer quality.',
      'You are evaluating AI assistant responses for a quality benchmark.',
      'Grade the following answer using the rubric provided.',
      'Please assess how good this response is.',
      'You are a reward model. Read the rubric carefully before scoring.',
    ],
    labels: ['Rubric', 'Question', 'Response', 'Response A', 'Response B'],
    pts: 'pts',
    total: 'Total',
    scale: ['Give an overall score from {lo} to {hi}.', 'Output a single integer score between {lo} and {hi}.', 'Rate the response on a {lo}-{hi} scale and justify it in two sentences.'],
    perCriterion: ['Score each criterion separately, then give the total.', 'For every criterion, award points and explain the deduction, then sum them.'],
    pairwise: ['Which response is better? Answer "A" or "B" and explain briefly.', 'Compare the two responses under the rubric and state which one should be preferred.', 'Pick the better response (A or B) and give the score margin.'],
    json: ['Respond only with JSON: {"score": <int>, "rationale": "<one sentence>"}.', 'Return JSON with keys "score" and "rationale". No other text.', 'Output format: {"criteria": {...}, "total": <int>, "rationale": "..."}'],
    answers: [
      'First, we identify what is given and what is asked.', 'The key point is that the quantities are proportional, so a simple equation is enough.',
      'This is a common misconception; the real reason is more subtle.', 'Therefore the final answer is {n}.', 'In summary, both factors matter, but the second one dominates.',
      'However, this ignores an important edge case.', 'A simple example makes this clear.', 'Most experts agree on this, although the evidence is mixed.',
      'I am not completely sure, but I think it is about {n}.', 'The method is correct, but step 2 contains an arithmetic slip.', 'So the answer should be {n}, give or take rounding.',
      'Let me restate the question to make sure I understand it.',
    ],
    replies: ['{"score": 7, "rationale": "Mostly correct and clear, but misses one edge case."}', 'Response A is better: it is accurate and complete, while B contains an error.', 'Score: 6/10. The reasoning is sound but the final answer is not stated clearly.'],
  },
  es: {
    intro: ['Eres un evaluador experto. Evalúa la respuesta siguiente según la rúbrica.', 'Actúa como un juez estricto pero justo de la calidad de las respuestas.', 'Estás evaluando respuestas de un asistente de IA para un benchmark de calidad.', 'Califica la siguiente respuesta usando la rúbrica.'],
    labels: ['Rúbrica', 'Pregunta', 'Respuesta', 'Respuesta A', 'Respuesta B'],
    pts: 'ptos',
    total: 'Total',
    scale: ['Da una puntuación global de {lo} a {hi}.', 'Devuelve una única puntuación entera entre {lo} y {hi}.', 'Puntúa la respuesta en una escala de {lo} a {hi} y justifícalo en dos frases.'],
    perCriterion: ['Puntúa cada criterio por separado y luego da el total.', 'Para cada criterio, asigna puntos y explica las deducciones; después súmalos.'],
    pairwise: ['¿Qué respuesta es mejor? Responde «A» o «B» y explica brevemente.', 'Compara ambas respuestas según la rúbrica e indica cuál es preferible.'],
    json: ['Responde solo con JSON: {"score": <int>, "rationale": "<una frase>"}.', 'Devuelve un JSON con las claves "score" y "rationale". Nada más.'],
    answers: ['Primero identificamos los datos y lo que se pide.', 'La clave es que las cantidades son proporcionales, así que basta una ecuación sencilla.', 'Es un error común; la razón real es más sutil.', 'Por tanto, la respuesta final es {n}.', 'En resumen, ambos factores influyen, pero domina el segundo.', 'Sin embargo, esto ignora un caso límite importante.', 'No estoy del todo seguro, pero creo que es aproximadamente {n}.', 'El método es correcto, pero el paso 2 tiene un error de cálculo.'],
    replies: ['{"score": 7, "rationale": "Correcta y clara en general, pero omite un caso límite."}', 'La respuesta A es mejor: es precisa y completa, mientras que B contiene un error.'],
  },
  de: {
    intro: ['Du bist ein erfahrener Bewerter. Beurteile die folgende Antwort anhand des Bewertungsschemas.', 'Handle als strenger, aber fairer Richter über die Antwortqualität.', 'Du bewertest Antworten eines KI-Assistenten für einen Qualitäts-Benchmark.', 'Benote die folgende Antwort mit dem angegebenen Schema.'],
    labels: ['Bewertungsschema', 'Frage', 'Antwort', 'Antwort A', 'Antwort B'],
    pts: 'Pkt.',
    total: 'Gesamt',
    scale: ['Vergib eine Gesamtnote von {lo} bis {hi}.', 'Gib eine einzige ganze Zahl zwischen {lo} und {hi} aus.', 'Bewerte die Antwort auf einer Skala von {lo} bis {hi} und begründe es in zwei Sätzen.'],
    perCriterion: ['Bewerte jedes Kriterium einzeln und nenne dann die Summe.', 'Vergib für jedes Kriterium Punkte, begründe Abzüge und addiere sie.'],
    pairwise: ['Welche Antwort ist besser? Antworte mit „A“ oder „B“ und begründe kurz.', 'Vergleiche beide Antworten anhand des Schemas und sage, welche vorzuziehen ist.'],
    json: ['Antworte nur mit JSON: {"score": <int>, "rationale": "<ein Satz>"}.', 'Gib JSON mit den Schlüsseln "score" und "rationale" zurück. Kein weiterer Text.'],
    answers: ['Zuerst bestimmen wir, was gegeben und was gesucht ist.', 'Entscheidend ist, dass die Größen proportional sind, also reicht eine einfache Gleichung.', 'Das ist ein verbreiteter Irrtum; der wahre Grund ist subtiler.', 'Daher lautet das Endergebnis {n}.', 'Zusammengefasst spielen beide Faktoren eine Rolle, der zweite überwiegt aber.', 'Allerdings wird hier ein wichtiger Randfall übersehen.', 'Ich bin nicht ganz sicher, aber ich denke, es sind etwa {n}.', 'Die Methode stimmt, aber in Schritt 2 steckt ein Rechenfehler.'],
    replies: ['{"score": 7, "rationale": "Weitgehend korrekt und klar, übersieht aber einen Randfall."}', 'Antwort A ist besser: Sie ist korrekt und vollständig, B enthält einen Fehler.'],
  },
  fr: {
    intro: ['Tu es un correcteur expert. Évalue la réponse ci-dessous selon la grille.', 'Agis comme un juge strict mais juste de la qualité des réponses.', 'Tu évalues des réponses d’assistant IA pour un benchmark de qualité.', 'Note la réponse suivante à l’aide de la grille fournie.'],
    labels: ['Grille', 'Question', 'Réponse', 'Réponse A', 'Réponse B'],
    pts: 'pts',
    total: 'Total',
    scale: ['Donne une note globale de {lo} à {hi}.', 'Renvoie une seule note entière entre {lo} et {hi}.', 'Note la réponse sur une échelle de {lo} à {hi} et justifie en deux phrases.'],
    perCriterion: ['Note chaque critère séparément, puis donne le total.', 'Pour chaque critère, attribue des points et explique les retraits, puis additionne.'],
    pairwise: ['Quelle réponse est la meilleure ? Réponds « A » ou « B » et explique brièvement.', 'Compare les deux réponses selon la grille et indique laquelle préférer.'],
    json: ['Réponds uniquement en JSON : {"score": <int>, "rationale": "<une phrase>"}.', 'Renvoie un JSON avec les clés "score" et "rationale". Rien d’autre.'],
    answers: ['D’abord, on identifie les données et ce qui est demandé.', 'Le point clé est que les grandeurs sont proportionnelles, donc une équation simple suffit.', 'C’est une idée reçue ; la vraie raison est plus subtile.', 'La réponse finale est donc {n}.', 'En résumé, les deux facteurs comptent, mais le second domine.', 'Cependant, cela ignore un cas limite important.', 'Je ne suis pas tout à fait sûr, mais je pense que c’est environ {n}.', 'La méthode est juste, mais l’étape 2 contient une erreur de calcul.'],
    replies: ['{"score": 7, "rationale": "Globalement correcte et claire, mais oublie un cas limite."}', 'La réponse A est meilleure : exacte et complète, alors que B contient une erreur.'],
  },
  pt: {
    intro: ['Você é um avaliador especialista. Avalie a resposta abaixo segundo a rubrica.', 'Atue como um juiz rigoroso, mas justo, da qualidade das respostas.', 'Você está avaliando respostas de um assistente de IA para um benchmark de qualidade.', 'Dê nota à resposta a seguir usando a rubrica fornecida.'],
    labels: ['Rubrica', 'Pergunta', 'Resposta', 'Resposta A', 'Resposta B'],
    pts: 'pts',
    total: 'Total',
    scale: ['Dê uma nota geral de {lo} a {hi}.', 'Retorne uma única nota inteira entre {lo} e {hi}.', 'Avalie a resposta numa escala de {lo} a {hi} e justifique em duas frases.'],
    perCriterion: ['Pontue cada critério separadamente e depois dê o total.', 'Para cada critério, atribua pontos e explique os descontos; depois some.'],
    pairwise: ['Qual resposta é melhor? Responda "A" ou "B" e explique brevemente.', 'Compare as duas respostas segundo a rubrica e diga qual deve ser preferida.'],
    json: ['Responda apenas com JSON: {"score": <int>, "rationale": "<uma frase>"}.', 'Retorne um JSON com as chaves "score" e "rationale". Nada além disso.'],
    answers: ['Primeiro, identificamos os dados e o que se pede.', 'O ponto-chave é que as grandezas são proporcionais, então basta uma equação simples.', 'Esse é um equívoco comum; a razão real é mais sutil.', 'Portanto, a resposta final é {n}.', 'Em resumo, os dois fatores importam, mas o segundo domina.', 'No entanto, isso ignora um caso extremo importante.', 'Não tenho certeza, mas acho que é cerca de {n}.', 'O método está certo, mas o passo 2 tem um erro de conta.'],
    replies: ['{"score": 7, "rationale": "Em geral correta e clara, mas ignora um caso extremo."}', 'A resposta A é melhor: é precisa e completa, enquanto a B contém um erro.'],
  },
  zh: {
    intro: ['你是一名专业评审。请根据评分标准评估下面的回答。', '请以严格但公正的评委身份评判回答质量。', '你正在为一个质量基准评估AI助手的回答。', '请使用给定的评分标准为以下回答打分。'],
    labels: ['评分标准', '问题', '回答', '回答A', '回答B'],
    pts: '分',
    total: '总分',
    scale: ['请给出{lo}到{hi}分的总体评分。', '只输出一个{lo}到{hi}之间的整数分数。', '请按{lo}-{hi}分评分，并用两句话说明理由。'],
    perCriterion: ['请分别为每个标准打分，然后给出总分。', '对每个标准给分并说明扣分原因，最后求和。'],
    pairwise: ['哪个回答更好？请回答“A”或“B”并简要说明。', '请根据评分标准比较两个回答，并指出应该选择哪一个。'],
    json: ['只用JSON回答：{"score": <整数>, "rationale": "<一句话>"}。', '返回包含"score"和"rationale"两个键的JSON，不要输出其他内容。'],
    answers: ['首先，明确已知条件和所求问题。', '关键在于这些量成正比，所以列一个简单的方程就够了。', '这是一个常见误解，真正的原因更微妙。', '因此最终答案是{n}。', '总之，两个因素都有影响，但第二个占主导。', '不过，这忽略了一个重要的边界情况。', '我不太确定，但我认为大约是{n}。', '方法是对的，但第二步有计算错误。'],
    replies: ['{"score": 7, "rationale": "整体正确清晰，但遗漏了一个边界情况。"}', '回答A更好：准确且完整，而回答B有错误。'],
  },
  ja: {
    intro: ['あなたは熟練した採点者です。以下の回答を評価基準に沿って評価してください。', '厳格かつ公正な審査員として回答の質を判定してください。', '品質ベンチマークのためにAIアシスタントの回答を評価しています。', '与えられた評価基準で次の回答を採点してください。'],
    labels: ['評価基準', '質問', '回答', '回答A', '回答B'],
    pts: '点',
    total: '合計',
    scale: ['{lo}〜{hi}点で総合評価をつけてください。', '{lo}から{hi}の整数スコアを1つだけ出力してください。', '{lo}〜{hi}のスケールで採点し、理由を2文で述べてください。'],
    perCriterion: ['各基準を個別に採点し、最後に合計を示してください。', '基準ごとに点数をつけ、減点理由を説明してから合計してください。'],
    pairwise: ['どちらの回答が優れていますか？「A」か「B」で答え、簡潔に説明してください。', '評価基準に沿って2つの回答を比較し、どちらを選ぶべきか示してください。'],
    json: ['JSONのみで回答してください：{"score": <整数>, "rationale": "<1文>"}。', '"score"と"rationale"のキーを持つJSONを返してください。それ以外は不要です。'],
    answers: ['まず、与えられた条件と求めるものを整理します。', '量が比例しているので、簡単な方程式を立てれば十分です。', 'これはよくある誤解で、本当の理由はもっと微妙です。', 'したがって最終的な答えは{n}です。', 'まとめると、どちらの要因も重要ですが、2つ目が支配的です。', 'ただし、重要なエッジケースが考慮されていません。', '確信はありませんが、およそ{n}だと思います。', '方法は正しいですが、ステップ2に計算ミスがあります。'],
    replies: ['{"score": 7, "rationale": "概ね正確で明瞭だが、エッジケースを1つ見落としている。"}', '回答Aの方が優れています。正確で網羅的ですが、Bには誤りがあります。'],
  },
};

const SCALES: readonly (readonly [string, string])[] = [['1', '10'], ['1', '5'], ['0', '100'], ['1', '7']];

function subst(s: string, key: string, v: string): string {
  const i = s.indexOf(key);
  return i < 0 ? s : s.slice(0, i) + v + s.slice(i + key.length);
}

function candidate(r: Rng, b: RubricLang, lang: Lang): string {
  // One number per candidate, so an answer does not contradict itself.
  const n = String(r.int(2, 400));
  const text = chain(r, b.answers, r.int(2, 5), lang);
  let out = subst(text, '{n}', n);
  while (out.indexOf('{n}') >= 0) out = subst(out, '{n}', n);
  return out;
}

const Q_KINDS: readonly ProblemKind[] = ['math', 'logic', 'science', 'ethics'];

export function createRubricGrading(shared: Rng, opts: TaskOptions): TaskSource {
  const lang = opts.lang;
  const li = langIndex(lang);
  const b = L[lang];
  // Campaign skeleton: rubric, scale, judge wording, mode mix and output format.
  const crit = sample(shared, CRITERIA, shared.int(3, 5));
  let rubric = b.labels[0] + ':';
  for (const c of crit) rubric += '\n- ' + tr(c, li) + ' (' + shared.int(1, 5) + ' ' + b.pts + ')';
  const [lo, hi] = shared.pick(SCALES);
  const intro = shared.pick(b.intro);
  const scale = subst(subst(shared.pick(b.scale), '{lo}', lo), '{hi}', hi);
  const perCrit = shared.pick(b.perCriterion);
  const pairwise = shared.pick(b.pairwise);
  const json = shared.chance(0.5) ? shared.pick(b.json) : '';
  const pairRate = shared.next() * 0.6;
  const perCritRate = shared.next() * 0.5;
  const paraphrase = opts.paraphrase;
  return {
    next(ctx) {
      const r = ctx.rng;
      const para = r.chance(paraphrase);
      const q = r.chance(0.6) ? problem(r, r.pick(Q_KINDS), li) : chatQuestion(r, lang, [0, 1, 2, 3, 4, 5], [3, 2, 1, 1, 1, 1]);
      const pair = r.chance(pairRate);
      const head = para ? r.pick(b.intro) : intro;
      let body = rubric + '\n\n' + b.labels[1] + ': ' + q + '\n\n';
      if (pair) body += b.labels[3] + ':\n' + candidate(r, b, lang) + '\n\n' + b.labels[4] + ':\n' + candidate(r, b, lang);
      else body += b.labels[2] + ':\n' + candidate(r, b, lang);
      let ask = pair ? (para ? r.pick(b.pairwise) : pairwise) : r.chance(perCritRate) ? perCrit : para ? subst(subst(r.pick(b.scale), '{lo}', lo), '{hi}', hi) : scale;
      if (json) ask = join(lang, ask, para ? r.pick(b.json) : json);
      let text: string;
      if (para) {
        text = r.chance(0.5) ? head + '\n\n' + body + '\n\n' + ask : head + ' ' + ask + '\n\n' + body;
        if (r.chance(0.5)) text = r.pick(FILLER_PRE[lang]) + '\n' + text;
        if (r.chance(0.3)) text = join(lang, text, r.pick(FILLER_POST[lang]));
      } else {
        text = head + '\n\n' + body + '\n\n' + ask;
      }
      return { messages: [user(text)], response: r.pick(b.replies), completionTokens: tokens(r, 180, 0.5, 80, 400) };
    },
  };
}
