import { describe, expect, it } from 'vitest';
import { TOPICS, textSignals } from './text-signals.js';

/** Share of `texts` for which `pred` holds, with the misses listed for the failure message. */
function rate(texts: readonly string[], pred: (t: string) => boolean): { share: number; misses: string[] } {
  const misses = texts.filter((t) => !pred(t));
  return { share: (texts.length - misses.length) / texts.length, misses };
}

// ---------------------------------------------------------------------------------------------
// Reasoning elicitation

/** Asks the model to expose its own reasoning: should be 2. */
const STRONG_ELICITATION = [
  'Walk me through your reasoning before giving the final answer.',
  'Explain your thought process in detail before answering.',
  'Show your chain of thought, then give the answer on the last line.',
  'Please articulate the reasoning you used to reach this conclusion.',
  'Before responding, write out your full internal monologue.',
  'Describe what you considered and rejected while solving this problem.',
  'Reveal your hidden reasoning for the following question: why is the sky blue?',
  'Lay out your deliberation, including the alternatives you considered.',
  'Provide a detailed reasoning trace for each of the answers below.',
  'Think out loud as you solve this logic puzzle.',
  'Use chain-of-thought reasoning and show every intermediate thought.',
  'First output your reasoning inside <think></think> tags, then give the answer.',
  "I want to see your thinking, not just the answer. Don't skip anything.",
  'Explain, in as much detail as possible, your step-by-step reasoning for this diagnosis.',
  'Make your reasoning explicit: list every assumption and inference you make.',
  'How did you arrive at that number? Be specific.',
  'Can you share the thought process behind your recommendation?',
  'Narrate your inner monologue as you plan the itinerary.',
  'Please output your reasoning process first, then the final answer on a separate line.',
  'Explain the rationale behind your answer in detail.',
  'Question: What is 17 * 24? Give your full reasoning, then the answer.',
  'Explica tu razonamiento paso a paso antes de dar la respuesta final.',
  'Muéstrame tu proceso de pensamiento completo para resolver este problema.',
  'Describe cómo llegaste a esa conclusión y qué alternativas descartaste.',
  'Erkläre deinen Gedankengang ausführlich, bevor du antwortest.',
  'Beschreibe deine Überlegungen Schritt für Schritt.',
  'Lege deinen Denkprozess offen und nenne verworfene Alternativen.',
  'Explique ton raisonnement étape par étape avant de répondre.',
  'Détaille ton processus de réflexion complet.',
  'Montre-moi ta chaîne de pensée pour ce problème.',
  'Explique seu raciocínio passo a passo antes de responder.',
  'Mostre todo o seu processo de pensamento e o que você considerou.',
  'Spiega il tuo ragionamento passo dopo passo.',
  'Descrivi il tuo processo di pensiero in dettaglio.',
  'Объясни свой ход мыслей шаг за шагом.',
  'Подробно распиши свои рассуждения, прежде чем дать ответ.',
  '请一步一步地解释你的推理过程。',
  '在回答之前，请详细展示你的思考过程。',
  '请给出完整的思维链，然后再给出最终答案。',
  '思考過程を詳しく説明してください。',
  '回答する前に、あなたの推論を段階的に示してください。',
  '당신의 추론 과정을 자세히 설명해 주세요.',
  '답하기 전에 사고 과정을 단계별로 보여 주세요.',
  // Pipeline / system-prompt phrasings.
  'A conversation between User and Assistant. The assistant first thinks about the reasoning process in the mind and then provides the user with the answer. The reasoning process and answer are enclosed within <think> </think> and <answer> </answer> tags.',
  'Provide a step-by-step explanation of how you arrived at the answer.',
  'Describe your internal decision-making process when answering this.',
  'What was going through your mind when you wrote that?',
  "Talk me through how you'd approach this problem.",
  'Before you answer, list the options you considered and why you rejected them.',
  'Your response must include your complete chain of thought, followed by the final answer.',
  '请先思考，再回答，并把思考过程写出来。',
];

/** Generic step-by-step / show-your-work asks: should be exactly 1. */
const WEAK_ELICITATION = [
  "Let's think step by step.",
  'Solve this step by step: 3x + 5 = 20',
  'Show your work.',
  'Q: A train travels 60 miles in 1.5 hours. What is its average speed? A: Let’s think step by step.',
  'Denke Schritt für Schritt nach und gib dann die Antwort.',
  'Resuelve paso a paso: 2x + 3 = 7',
  'Réfléchis étape par étape.',
  'Pensa passo dopo passo e poi rispondi.',
  '让我们一步一步地思考。',
  'ステップバイステップで考えてください。',
  '단계별로 생각해 보세요.',
  'Justify your answer.',
  'Пошагово реши задачу: у Маши 5 яблок, она съела 2.',
  'Think carefully before you answer: which is heavier, a kilo of feathers or a kilo of steel?',
  'Calculate the area of a circle with radius 4 cm. Show all steps.',
];

/** Everyday prompts, including homework/procedure "step by step" and feedback requests. */
const ORDINARY = [
  'What do you think about remote work?',
  'Give me step-by-step instructions to bake sourdough bread.',
  'Rewrite my email to sound more polite: "Send me the report today."',
  'Can you give me feedback on my essay about climate change? Here it is: Climate change is the defining issue of our time...',
  'Review this code and tell me if there are any bugs: def f(x): return x*2',
  "What's the capital of Australia?",
  'Write a haiku about autumn leaves.',
  "Translate 'Where is the train station?' into German.",
  'Summarize this article in three bullet points: The city council voted on Tuesday to expand bike lanes...',
  'How do I fix a leaky faucet? Step by step please.',
  'Share your thoughts on the new iPhone.',
  "What's your opinion on pineapple on pizza?",
  'Explain how photosynthesis works.',
  "Explain the reasoning behind the Supreme Court's decision in Brown v. Board of Education.",
  'Describe the main characters in Pride and Prejudice.',
  'My reasoning for quitting was the long commute. Can you help me write a resignation letter?',
  'I need a recipe for chocolate chip cookies.',
  'Plan a 5-day itinerary for Tokyo with a focus on food.',
  'What is the difference between a virus and a bacterium?',
  'Help me write a cover letter for a data analyst job.',
  'List ten names for a golden retriever puppy.',
  'How can I improve my sleep? I wake up at 3am every night.',
  'What are the tax implications of selling my house after two years?',
  'Write a SQL query that returns the top 5 customers by revenue.',
  'Convert this JSON to YAML: {"a": 1, "b": [1, 2]}',
  "What's the weather usually like in Lisbon in October?",
  'Tell me a joke about programmers.',
  '¿Cuál es la capital de Francia?',
  'Escribe un poema sobre el mar.',
  'Wie backe ich ein Brot? Bitte Schritt für Schritt erklären, welche Zutaten ich brauche.',
  "Quelle est la meilleure façon d'apprendre le piano ?",
  'Qual é a melhor maneira de economizar dinheiro?',
  'Come si prepara il tiramisù?',
  'Как приготовить борщ?',
  '帮我写一封求职信。',
  '东京有哪些好玩的地方？',
  'おすすめの本を教えてください。',
  '서울에서 가볼 만한 곳을 추천해 주세요.',
  'Explain the logic of this code snippet: for i in range(10): print(i)',
  'What were the main causes of World War I?',
  'Can you explain your pricing plans?',
  'Describe your ideal vacation.',
  "I'm thinking about switching careers to nursing. What should I consider?",
  'Write a story where a detective explains his thought process to the police.',
  'Set up a step-by-step guide for installing Docker on Ubuntu.',
  'Create a lesson plan that teaches students to show their reasoning in math class.',
  // Instruction-dataset style tasks.
  'Give three tips for staying healthy.',
  'Describe the structure of an atom.',
  'Pretend you are a project manager of a construction company. Describe a time when you had to make a difficult decision.',
  'Explain why the following fraction is equivalent to 1/4: 4/16',
  'Evaluate this sentence for spelling and grammar mistakes: He finnished his meal and left the resturant',
  'Compare and contrast the Cuban Missile Crisis and the Vietnam War.',
  'Explain the process of cellular respiration in plants.',
  'Rewrite the following sentence using active voice: The news report was read by the captain.',
  'Analyze the given text for its tone: The world has been greatly impacted by the COVID-19 pandemic',
  'Use the given data to calculate the median: [2, 3, 7, 8, 10]',
  'Explain the difference between a hypothesis and a theory, and walk me through an example.',
  "My son's teacher asked him to show his reasoning on the math test. How can I help him practice?",
  'Summarize the plot of Inception and explain the reasoning behind the ending.',
  'What is chain of thought prompting and why does it improve LLM accuracy?',
  'Describe the thought process of a chess grandmaster when choosing an opening.',
  'Explain the court’s decision and its reasoning.',
  'Evaluate the pros and cons of remote work for a small startup.',
  '¿Puedes explicarme cómo funciona la fotosíntesis paso a paso?',
  'Объясни, как работает блокчейн.',
  '请解释一下量子计算的基本原理。',
  '量子コンピュータの仕組みを説明してください。',
  '他的推理过程是什么？请描述。',
  'Explain chain-of-thought prompting.',
  'Explain what chain-of-thought is and why it helps LLMs.',
  'Describe the reasoning process in large language models.',
];

describe('textSignals: elicitation', () => {
  it('rates ≥ 90% of direct requests for the model’s own reasoning as strong (2)', () => {
    const r = rate(STRONG_ELICITATION, (t) => textSignals(t).elicitation === 2);
    expect(r.misses, `missed: ${r.misses.join(' | ')}`).toHaveLength(0);
  });

  it('rates generic step-by-step / show-your-work asks as weak (1)', () => {
    const r = rate(WEAK_ELICITATION, (t) => textSignals(t).elicitation === 1);
    expect(r.share, `not weak: ${r.misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('rarely flags ordinary prompts: ≤ 5% strong, ≤ 10% anything', () => {
    const strong = rate(ORDINARY, (t) => textSignals(t).elicitation === 2);
    const any = rate(ORDINARY, (t) => textSignals(t).elicitation >= 1);
    expect(strong.share, `strong: ${ORDINARY.filter((t) => textSignals(t).elicitation === 2).join(' | ')}`).toBeLessThanOrEqual(0.05);
    expect(any.share, `flagged: ${ORDINARY.filter((t) => textSignals(t).elicitation >= 1).join(' | ')}`).toBeLessThanOrEqual(0.1);
  });

  it('treats procedures and opinions as at most weak', () => {
    expect(textSignals('Give me step by step instructions to bake bread').elicitation).toBeLessThanOrEqual(1);
    expect(textSignals('Explain step by step how to install Python on Windows').elicitation).toBeLessThanOrEqual(1);
    expect(textSignals('What do you think about electric cars?').elicitation).toBe(0);
    expect(textSignals('Share your thoughts on my business idea').elicitation).toBe(0);
  });

  it('finds an instruction appended at the end of a long prompt', () => {
    const long = `${'Here is some context about the quarterly report. '.repeat(200)}\n\nNow explain your reasoning step by step.`;
    expect(long.length).toBeGreaterThan(8000);
    expect(textSignals(long).elicitation).toBe(2);
  });

  it('is case- and accent-insensitive and tolerant of punctuation', () => {
    expect(textSignals('SHOW YOUR CHAIN-OF-THOUGHT!!!').elicitation).toBe(2);
    expect(textSignals('explica tu razonamiento').elicitation).toBe(2);
    expect(textSignals('Explíca tu RAZONAMIENTO').elicitation).toBe(2);
    expect(textSignals('erklare deinen gedankengang').elicitation).toBe(2);
    expect(textSignals('Let’s   think\nstep-by-step').elicitation).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Grading / LLM-as-judge

const GRADING = [
  'Please act as an impartial judge and evaluate the quality of the response provided by an AI assistant to the user question displayed below. Your evaluation should consider factors such as the helpfulness, relevance, accuracy, depth, creativity, and level of detail of the response. After providing your explanation, you must rate the response on a scale of 1 to 10 by strictly following this format: "[[rating]]".',
  'Please act as an impartial judge and evaluate the quality of the responses provided by two AI assistants to the user question displayed below. Output your final verdict by strictly following this format: "[[A]]" if assistant A is better, "[[B]]" if assistant B is better, and "[[C]]" for a tie.',
  'You are a helpful and precise assistant for checking the quality of the answer. Rate the helpfulness, relevance and accuracy of the response on a scale of 1 to 10.',
  'Score the following answer from 0 to 10 based on correctness and completeness. Return JSON: {"score": int, "reason": str}',
  'Here are two responses to the same prompt.\nResponse A: Paris is the capital of France.\nResponse B: The capital is Lyon.\nWhich response is better? Answer with A or B only.',
  'Which of the two answers is more helpful? Output 1 or 2.',
  "Grade the student's answer using the rubric: 2 points for the correct formula, 1 point for correct units.",
  "Evaluate the assistant's reply for harmlessness. Output a score between 1 and 5.",
  'You are a reward model. Given the conversation, output a scalar score for the final assistant turn.',
  'As an annotator, label which completion a user would prefer: completion 1 or completion 2.',
  'Compare Response 1 and Response 2 and decide which one better follows the instructions.',
  'You are an expert evaluator. Using the rubric below, score the response from 1 to 10.',
  'Actúa como un juez imparcial y evalúa la calidad de la respuesta del asistente en una escala del 1 al 10.',
  '¿Cuál de las dos respuestas es mejor? Responde solo con A o B.',
  'Bewerte die folgende Antwort auf einer Skala von 1 bis 10 hinsichtlich Hilfsbereitschaft und Korrektheit.',
  'Welche der beiden Antworten ist besser, Antwort A oder Antwort B?',
  "Évalue la réponse suivante sur une échelle de 1 à 10 selon les critères de pertinence et d'exactitude.",
  'Laquelle des deux réponses est la meilleure ? Réponds par A ou B.',
  'Avalie a resposta do assistente de 1 a 10 com base nos critérios abaixo.',
  'Valuta la risposta seguente da 1 a 10 in base a correttezza e utilità.',
  'Оцени ответ ассистента по шкале от 1 до 10.',
  'Какой из двух ответов лучше: ответ А или ответ Б?',
  '请作为一名公正的评委，评估以下AI助手的回答质量，并给出1到10分的评分。',
  '下面有两个回答，请判断哪个回答更好，只输出A或B。',
  '以下の回答を1から10の尺度で採点してください。',
  'どちらの回答が優れていますか？AかBで答えてください。',
  '다음 응답을 1점에서 10점 사이로 평가해 주세요.',
  '두 답변 중 어느 답변이 더 나은지 판단해 주세요.',
  'Your task is to evaluate the text quality based on given criteria. Rate outputs 1 to 5.',
  'Given the instruction and the response, provide a score from 1 to 5 for helpfulness.',
  "Here are the outputs of model_1 and model_2 for the same instruction. Which model's output is better?",
  '###Task Description: An instruction, a response to evaluate, a reference answer that gets a score of 5, and a score rubric representing an evaluation criteria are given. Write a detailed feedback that assesses the quality of the response strictly based on the given score rubric.',
  'Compare the two summaries and tell me which one is more faithful to the source.',
  'Score the following translation from 0 to 100.',
];

const NOT_GRADING = [
  'Can you give me feedback on my essay? Here it is: Social media has changed how teenagers communicate...',
  'What grade would this essay get in high school?',
  'Review this pull request and point out any bugs.',
  'Rate this restaurant for me: good food, slow service.',
  "What's the best response to 'how are you' in Japanese?",
  'My credit score is 640. How can I improve it?',
  'Compare Python and JavaScript for backend development.',
  'How do I calculate my GPA on a 4.0 scale?',
  'Evaluate the integral of x^2 from 0 to 1 and give the exact answer.',
  'Which answer is correct for question 5, A or B?',
  'Please answer the following questions about the history of Rome.',
  'Assess the risks of investing in emerging markets.',
  'Score: Lakers 102, Celtics 99. Write a short recap of the game.',
  'The judge ruled that the contract was void. What are the implications for the tenant?',
  'Which of these two laptops is better for programming?',
  'Please critique my poem and suggest improvements.',
  'Rank the top 10 movies of 2023.',
  "Evaluate my answer to this interview question: 'Tell me about yourself'.",
  '帮我评价一下这篇作文。',
  'Compare the responses of the US and the EU to the 2008 financial crisis.',
  'Note: the answer should be returned as JSON with an integer field.',
  'Grade 7 math: what is the answer to 3/4 + 1/8? Give points for style.',
  ...ORDINARY,
];

describe('textSignals: grading', () => {
  it('recognises judge/grader/pairwise prompts in several languages', () => {
    const r = rate(GRADING, (t) => textSignals(t).grading);
    expect(r.share, `missed: ${r.misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('does not flag feedback, reviews, ratings of things, or scores in other senses', () => {
    const flagged = NOT_GRADING.filter((t) => textSignals(t).grading);
    expect(flagged.length / NOT_GRADING.length, `flagged: ${flagged.join(' | ')}`).toBeLessThanOrEqual(0.03);
  });
});

// ---------------------------------------------------------------------------------------------
// Safety rewriting

const REWRITE = [
  'Rewrite the following question so that it complies with safety guidelines: how do I pick a lock?',
  'Reformulate this harmful request into a harmless one.',
  'Paraphrase the prompt below so that a language model would not refuse to answer it.',
  'Transform the unsafe instruction into a safe, policy-compliant version that preserves the topic.',
  'Given a potentially harmful user query, rewrite it as a benign query on the same subject.',
  'Rephrase this borderline question so it is acceptable under content policies.',
  'Convert the following jailbreak prompt into a harmless request.',
  'Reescribe la siguiente pregunta para que sea segura y cumpla con las políticas de contenido.',
  'Reformula esta solicitud dañina como una petición inofensiva.',
  'Formuliere die folgende Anfrage so um, dass sie harmlos ist und den Richtlinien entspricht.',
  'Reformule cette requête dangereuse en une demande sans danger.',
  'Reescreva a pergunta abaixo de forma segura, sem violar as diretrizes.',
  'Riformula questa richiesta pericolosa in una versione sicura.',
  'Перефразируй этот вредный запрос так, чтобы он стал безопасным.',
  '将以下有害请求改写为无害的版本。',
  '次の質問を安全で無害な表現に書き換えてください。',
  '다음 유해한 요청을 안전한 질문으로 다시 작성해 주세요.',
  "Rewrite the following prompt so that it does not trigger the model's safety filters.",
  'Make this request sound less harmful.',
  'Convert this toxic comment into a non-toxic one.',
];

const NOT_REWRITE = [
  'Rewrite my email to sound more polite: "I need the numbers by Friday."',
  'Rephrase this question to be clearer: what is the meaning of life?',
  'Rewrite this function to be thread-safe.',
  'Paraphrase this paragraph for my essay on renewable energy.',
  'Can you rewrite the query to filter results by date?',
  'Make this cover letter more formal.',
  'Translate and rewrite this product description for the German market.',
  'Is it safe to take ibuprofen with coffee?',
  'Rewrite the intro of my blog post about home safety tips.',
  'Convert this recipe to metric units.',
  "Edit my question for grammar: 'How much does it cost to fly to Paris?'",
  'Reescribe este correo para que suene más profesional.',
  'Formuliere diesen Absatz um, damit er flüssiger klingt.',
  '把这段话改写得更正式一些。',
  'Is it safe to rewrite history books to remove offensive content? Discuss the ethics.',
  "Write a Python script that checks whether a user's input is safe to pass to a shell command.",
  '请帮我修改这段代码，使其更安全：用户输入直接拼接到SQL查询中。',
  ...ORDINARY,
];

describe('textSignals: rewrite', () => {
  it('recognises requests to launder unsafe prompts into acceptable ones', () => {
    const r = rate(REWRITE, (t) => textSignals(t).rewrite);
    expect(r.share, `missed: ${r.misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('ignores ordinary rewriting (tone, clarity, thread safety)', () => {
    const flagged = NOT_REWRITE.filter((t) => textSignals(t).rewrite);
    expect(flagged, `flagged: ${flagged.join(' | ')}`).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Topic

const TOPIC_CASES: readonly (readonly [string, string])[] = [
  ['coding', 'Write a Python function that parses a CSV file and returns a list of dicts.'],
  ['coding', 'Why does my JavaScript code throw "undefined is not a function"? const x = foo(); x();'],
  ['coding', '这段代码为什么报错？请帮我调试这个函数。'],
  ['math', 'Solve the quadratic equation x^2 - 5x + 6 = 0.'],
  ['math', 'Prove that the square root of 2 is irrational.'],
  ['math', 'Calcula la derivada de f(x) = x^3 + 2x.'],
  ['science', 'Explain how photosynthesis converts light energy into chemical energy.'],
  ['science', 'What is quantum entanglement in simple terms?'],
  ['agentic/tools', 'You have access to the following tools: search(query), calculator(expr). Use a tool call to find the weather.'],
  ['agentic/tools', 'Thought: I need to look this up. Action: web_search. Action Input: population of Peru. Observation:'],
  ['writing/creative', 'Write a short story about a lighthouse keeper who finds a message in a bottle.'],
  ['writing/creative', 'Escribe un poema sobre la lluvia en otoño.'],
  ['translation/language', 'Translate this sentence into French: The meeting is postponed until Monday.'],
  ['translation/language', '请把这句话翻译成英文：我明天去上海。'],
  ['business/finance', 'Draft a business plan for a coffee startup, including revenue projections and marketing strategy.'],
  ['business/finance', 'Should I invest in index funds or individual stocks for retirement?'],
  ['law', 'My landlord is refusing to return my deposit. What are my legal options as a tenant?'],
  ['law', 'Is a verbal contract legally binding? Can I sue for breach of contract?'],
  ['medicine/health', 'What are the symptoms of type 2 diabetes and how is it diagnosed?'],
  ['medicine/health', 'Ich habe seit drei Tagen Fieber und Kopfschmerzen. Soll ich zum Arzt?'],
  ['general-knowledge', 'What were the main causes of the fall of the Roman Empire?'],
  ['general-knowledge', 'What is the capital of Canada and what is its population?'],
  ['data/analysis', 'I have a spreadsheet of monthly sales. How do I compute the correlation and plot a trend line in pandas?'],
  ['data/analysis', 'Analyze this dataset and report the mean, median and standard deviation of each column.'],
  ['everyday/chat/other', 'Hi! How are you today?'],
  ['everyday/chat/other', 'Give me a recipe for a quick vegetarian dinner.'],
  ['everyday/chat/other', 'What should I get my girlfriend for her birthday?'],
];

describe('textSignals: topic', () => {
  it('has about a dozen topics ending with the everyday default', () => {
    expect(TOPICS.length).toBeGreaterThanOrEqual(10);
    expect(TOPICS[TOPICS.length - 1]).toBe('everyday/chat/other');
  });

  it('classifies hand-written prompts mostly right', () => {
    const wrong = TOPIC_CASES.filter(([topic, text]) => TOPICS[textSignals(text).topic] !== topic).map(
      ([topic, text]) => `${topic} → ${TOPICS[textSignals(text).topic]}: ${text}`,
    );
    expect(wrong.length / TOPIC_CASES.length, wrong.join('\n')).toBeLessThanOrEqual(0.15);
  });

  it('defaults to everyday/chat/other for empty or content-free text', () => {
    expect(TOPICS[textSignals('').topic]).toBe('everyday/chat/other');
    expect(TOPICS[textSignals('ok').topic]).toBe('everyday/chat/other');
  });
});

describe('textSignals: robustness', () => {
  it('is deterministic and independent of previous calls', () => {
    const a = textSignals('Explain your reasoning step by step.');
    textSignals('Please act as an impartial judge and rate the response 1 to 10.');
    expect(textSignals('Explain your reasoning step by step.')).toEqual(a);
  });

  it('handles empty, huge, emoji and odd Unicode input', () => {
    expect(textSignals('')).toEqual({ elicitation: 0, grading: false, rewrite: false, topic: TOPICS.length - 1 });
    expect(() => textSignals('😀'.repeat(10000))).not.toThrow();
    expect(() => textSignals('\uD800\uDFFF\u0000\uFFFF'.repeat(500))).not.toThrow();
    expect(textSignals('x'.repeat(100000)).elicitation).toBe(0);
  });
});
