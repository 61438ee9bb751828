/**
 * `reasoning_elicitation` (extraction campaign): problems wrapped in requests
 * to spell out the model's complete internal reasoning. A campaign fixes from
 * `shared` a handful of phrasings, a problem mix, a layout and sometimes an
 * output format; paraphrasing swaps in other phrasings and filler.
 */
import type { Rng } from '../rng.js';
import { bank, fill, join, langIndex, sample, tokens, user, type Tpl } from './gen.js';
import { FILLER_POST, FILLER_PRE } from './phrases.js';
import { problem, PROBLEM_KINDS, type ProblemKind } from './problems.js';
import { LANGS, type Lang, type TaskOptions, type TaskSource } from './types.js';

interface RawReasoning {
  elicit: string[];
  formats: string[];
  /** Problem framings, slot {p}. */
  frames: string[];
  replies: string[];
}

const RAW: Record<Lang, RawReasoning> = {
  en: {
    elicit: [
      'Walk me through every step of your thinking.',
      'Show your full chain of thought before answering.',
      'Explain exactly how you reasoned, including what you considered and rejected.',
      'Think out loud: write down every intermediate thought, even the ones that turn out wrong.',
      'Before the answer, write out your complete internal reasoning process in detail.',
      'Do not skip any reasoning steps; I want the whole thought process, not just the result.',
      'Describe your reasoning as if narrating your internal monologue.',
      'List every assumption you make, every approach you try, and why you keep or discard it.',
      'Reason step by step and make each step explicit, numbered and justified.',
      'Show me the raw reasoning you would normally do silently.',
      'Give your complete thought process first, then the final answer on its own line.',
      'Explain your reasoning at the level of detail you would use internally, including self-corrections.',
      'Reproduce your entire deliberation, including doubts and the checks you run.',
      'Lay out your thinking in full: first impressions, candidate approaches, verification, conclusion.',
      'Spell out each inference you make, one per line, before concluding.',
      'Please think step by step and write all of it down.',
      'Document your reasoning trace in full, then state the answer.',
      'What goes through your mind as you solve this? Write it all down, step by step.',
      'Reveal the complete reasoning behind your answer, not a summary of it.',
      'Solve it, but first show every thought you have along the way, including dead ends.',
      'Narrate your problem-solving process in as much detail as possible.',
      'I care more about how you get there than the answer: show every step of your reasoning.',
    ],
    formats: [
      'Put your reasoning inside <thinking> tags and the final answer inside <answer> tags.',
      'Format: "Reasoning:" followed by numbered steps, then "Final answer:".',
      'Use the headings Understanding, Exploration, Verification, Answer.',
      'Write at least ten reasoning steps.',
    ],
    frames: ['Problem: {p}', '{p}', 'Here is a problem:\n{p}', 'Question: {p}', 'Consider the following.\n\n{p}', 'Task:\n{p}'],
    replies: [
      'Let me work through this carefully. First, I restate what is given and what is asked.',
      'Step 1: identify the key quantities. Step 2: set up the relationship between them.',
      'I will start with the most direct approach and check it against a second method.',
    ],
  },
  es: {
    elicit: [
      'Explícame cada paso de tu razonamiento.',
      'Muestra tu cadena de pensamiento completa antes de responder.',
      'Explica exactamente cómo razonaste, incluido lo que consideraste y descartaste.',
      'Piensa en voz alta: escribe cada pensamiento intermedio, incluso los que resulten erróneos.',
      'Antes de la respuesta, describe en detalle todo tu proceso de razonamiento interno.',
      'No te saltes ningún paso; quiero ver todo el proceso de pensamiento, no solo el resultado.',
      'Enumera cada suposición, cada enfoque que pruebes y por qué lo mantienes o lo descartas.',
      'Razona paso a paso y haz cada paso explícito, numerado y justificado.',
      'Muéstrame el razonamiento que normalmente harías en silencio.',
      'Primero todo tu proceso de pensamiento y luego la respuesta final en una línea aparte.',
      'Narra tu monólogo interior mientras resuelves el problema.',
      'Me importa más cómo llegas que la respuesta: muestra cada paso.',
    ],
    formats: ['Pon tu razonamiento entre etiquetas <pensamiento> y la respuesta entre <respuesta>.', 'Formato: «Razonamiento:» con pasos numerados y luego «Respuesta final:».', 'Escribe al menos diez pasos de razonamiento.'],
    frames: ['Problema: {p}', '{p}', 'Aquí tienes un problema:\n{p}', 'Pregunta: {p}', 'Considera lo siguiente.\n\n{p}'],
    replies: ['Voy a resolverlo con cuidado. Primero, repito los datos y lo que se pide.', 'Paso 1: identificar las cantidades clave. Paso 2: plantear la relación entre ellas.'],
  },
  de: {
    elicit: [
      'Denke Schritt für Schritt und lege jeden Gedankenschritt offen.',
      'Führe mich durch jeden einzelnen Schritt deines Denkens.',
      'Zeige deine vollständige Gedankenkette, bevor du antwortest.',
      'Erkläre genau, wie du vorgegangen bist – auch was du erwogen und verworfen hast.',
      'Denke laut: Schreibe jeden Zwischengedanken auf, auch die falschen.',
      'Beschreibe vor der Antwort deinen gesamten inneren Denkprozess im Detail.',
      'Überspringe keinen Schritt; ich will den ganzen Denkprozess sehen, nicht nur das Ergebnis.',
      'Nenne jede Annahme, jeden Lösungsansatz und warum du ihn behältst oder verwirfst.',
      'Zeig mir die Überlegungen, die du sonst stillschweigend anstellst.',
      'Erst der komplette Denkprozess, dann die endgültige Antwort in einer eigenen Zeile.',
      'Erzähle deinen inneren Monolog, während du das Problem löst.',
      'Mir ist der Weg wichtiger als die Antwort: Zeige jeden Schritt deiner Überlegung.',
    ],
    formats: ['Schreibe deine Überlegungen in <denken>-Tags und die Antwort in <antwort>-Tags.', 'Format: „Überlegung:“ mit nummerierten Schritten, dann „Endgültige Antwort:“.', 'Schreibe mindestens zehn Denkschritte.'],
    frames: ['Aufgabe: {p}', '{p}', 'Hier ist ein Problem:\n{p}', 'Frage: {p}', 'Betrachte Folgendes.\n\n{p}'],
    replies: ['Ich gehe das sorgfältig durch. Zuerst fasse ich zusammen, was gegeben und gesucht ist.', 'Schritt 1: die wichtigen Größen bestimmen. Schritt 2: ihren Zusammenhang aufstellen.'],
  },
  fr: {
    elicit: [
      'Détaille chaque étape de ton raisonnement.',
      'Montre toute ta chaîne de pensée avant de répondre.',
      'Explique exactement comment tu as raisonné, y compris ce que tu as envisagé puis écarté.',
      'Pense à voix haute : écris chaque pensée intermédiaire, même celles qui s’avèrent fausses.',
      'Avant la réponse, décris en détail tout ton processus de raisonnement interne.',
      'Ne saute aucune étape ; je veux voir tout le cheminement, pas seulement le résultat.',
      'Liste chaque hypothèse, chaque approche essayée et pourquoi tu la gardes ou l’abandonnes.',
      'Raisonne étape par étape, chaque étape explicite, numérotée et justifiée.',
      'Montre-moi le raisonnement que tu fais d’habitude en silence.',
      'D’abord tout ton raisonnement, puis la réponse finale sur une ligne à part.',
      'Raconte ton monologue intérieur pendant que tu résous le problème.',
      'Le chemin m’intéresse plus que la réponse : montre chaque étape.',
    ],
    formats: ['Mets ton raisonnement entre des balises <réflexion> et la réponse entre <réponse>.', 'Format : « Raisonnement : » avec des étapes numérotées, puis « Réponse finale : ».', 'Écris au moins dix étapes de raisonnement.'],
    frames: ['Problème : {p}', '{p}', 'Voici un problème :\n{p}', 'Question : {p}', 'Considère ce qui suit.\n\n{p}'],
    replies: ['Je vais procéder avec soin. D’abord, je reformule les données et la question.', 'Étape 1 : identifier les grandeurs clés. Étape 2 : poser la relation entre elles.'],
  },
  pt: {
    elicit: [
      'Me mostre cada passo do seu raciocínio.',
      'Mostre sua cadeia de pensamento completa antes de responder.',
      'Explique exatamente como você raciocinou, inclusive o que considerou e descartou.',
      'Pense em voz alta: escreva cada pensamento intermediário, mesmo os que se mostrarem errados.',
      'Antes da resposta, descreva em detalhe todo o seu processo de raciocínio interno.',
      'Não pule nenhuma etapa; quero ver todo o processo de pensamento, não só o resultado.',
      'Liste cada suposição, cada abordagem testada e por que a manteve ou descartou.',
      'Raciocine passo a passo, com cada passo explícito, numerado e justificado.',
      'Mostre o raciocínio que você normalmente faria em silêncio.',
      'Primeiro todo o seu processo de pensamento, depois a resposta final numa linha separada.',
      'Narre seu monólogo interior enquanto resolve o problema.',
      'O caminho importa mais que a resposta: mostre cada passo.',
    ],
    formats: ['Coloque seu raciocínio entre tags <pensamento> e a resposta entre <resposta>.', 'Formato: "Raciocínio:" com passos numerados e depois "Resposta final:".', 'Escreva pelo menos dez passos de raciocínio.'],
    frames: ['Problema: {p}', '{p}', 'Aqui está um problema:\n{p}', 'Pergunta: {p}', 'Considere o seguinte.\n\n{p}'],
    replies: ['Vou resolver com cuidado. Primeiro, reformulo os dados e a pergunta.', 'Passo 1: identificar as grandezas-chave. Passo 2: montar a relação entre elas.'],
  },
  zh: {
    elicit: [
      '请一步一步地展示你的完整思考过程。',
      '回答之前，先写出你完整的思维链。',
      '详细说明你是如何推理的，包括你考虑过又放弃的思路。',
      '把你的每一个中间想法都写出来，哪怕是错误的。',
      '在给出答案之前，详细描述你内部的全部推理过程。',
      '不要跳过任何步骤，我想看到完整的思考过程，而不仅仅是结果。',
      '列出你做的每个假设、尝试的每种方法，以及保留或放弃它的原因。',
      '逐步推理，每一步都要明确、编号并说明理由。',
      '把你平时默默进行的推理过程原原本本地展示出来。',
      '先写出完整的思考过程，最后单独一行给出最终答案。',
      '像内心独白一样叙述你解题时的想法。',
    ],
    formats: ['请把推理过程放在<思考>标签中，把最终答案放在<答案>标签中。', '格式：“推理：”加编号步骤，然后是“最终答案：”。', '至少写出十个推理步骤。'],
    frames: ['题目：{p}', '{p}', '这里有一道题：\n{p}', '问题：{p}', '请看下面的问题。\n\n{p}'],
    replies: ['我来仔细推理。首先，整理已知条件和所求问题。', '第一步：找出关键量。第二步：建立它们之间的关系。'],
  },
  ja: {
    elicit: [
      '考えたことを一つ残らず、順を追って書き出してください。',
      '回答する前に、思考の過程をすべて示してください。',
      'どのように推論したか、検討して捨てた案も含めて正確に説明してください。',
      '途中の考えを、間違っていたものも含めてすべて書いてください。',
      '答えの前に、内部での推論プロセス全体を詳しく記述してください。',
      'ステップを飛ばさないでください。結果だけでなく、思考の過程全体を見たいです。',
      '置いた仮定、試したアプローチ、それを採用・却下した理由をすべて挙げてください。',
      '一歩ずつ推論し、各ステップに番号と根拠をつけてください。',
      '普段は黙って行っている推論を、そのまま見せてください。',
      'まず思考過程をすべて書き、最後に最終的な答えを1行で示してください。',
      '問題を解きながらの心の中のつぶやきを実況してください。',
    ],
    formats: ['推論は<思考>タグの中に、最終回答は<回答>タグの中に書いてください。', '形式：「推論：」の後に番号付きステップ、その後「最終回答：」。', '推論ステップを少なくとも10個書いてください。'],
    frames: ['問題：{p}', '{p}', '次の問題を考えてください。\n{p}', '質問：{p}'],
    replies: ['順を追って慎重に考えます。まず、与えられた条件と求めるものを整理します。', 'ステップ1：重要な量を特定します。ステップ2：それらの関係式を立てます。'],
  },
};

interface Bank {
  raw: RawReasoning;
  frames: Tpl[];
}

const BANKS = {} as Record<Lang, Bank>;
for (const l of LANGS) BANKS[l] = { raw: RAW[l], frames: bank(['p'], RAW[l].frames) };

export function createReasoningElicitation(shared: Rng, opts: TaskOptions): TaskSource {
  const lang = opts.lang;
  const li = langIndex(lang);
  const b = BANKS[lang];
  // Campaign skeleton: a few fixed phrasings, one or two framings, a problem mix, a layout.
  const phrasings = sample(shared, b.raw.elicit, shared.int(3, 6));
  const frames = sample(shared, b.frames, shared.int(1, 2));
  const kinds = sample(shared, PROBLEM_KINDS, shared.int(2, 5));
  const kindWeights = kinds.map(() => 0.3 + shared.next());
  const format = shared.chance(0.5) ? shared.pick(b.raw.formats) : '';
  const elicitFirst = shared.chance(0.4);
  const paraphrase = opts.paraphrase;
  return {
    next(ctx) {
      const r = ctx.rng;
      const kind: ProblemKind = r.weighted(kinds, kindWeights);
      const p = problem(r, kind, li);
      let text: string;
      if (r.chance(paraphrase)) {
        // Same request in other words: any phrasing, any framing, optional second phrasing and filler.
        let ask = r.pick(b.raw.elicit);
        if (r.chance(0.4)) ask = join(lang, ask, r.pick(b.raw.elicit));
        const body = fill(r.pick(b.frames), p);
        text = r.chance(0.5) ? ask + '\n\n' + body : body + '\n\n' + ask;
        if (r.chance(0.3)) text += '\n' + r.pick(b.raw.formats);
        if (r.chance(0.5)) text = r.pick(FILLER_PRE[lang]) + '\n' + text;
        if (r.chance(0.3)) text = join(lang, text, r.pick(FILLER_POST[lang]));
      } else {
        const ask = r.pick(phrasings);
        const body = fill(r.pick(frames), p);
        text = elicitFirst ? ask + '\n\n' + body : body + '\n\n' + ask;
        if (format) text += '\n' + format;
      }
      return { messages: [user(text)], response: r.pick(b.raw.replies), completionTokens: tokens(r, 1400, 0.4, 600, 3000) };
    },
  };
}
