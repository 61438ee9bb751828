/**
 * Keyword lexicon of the text-signal extractors (see text-signals.ts for how cues combine).
 *
 * Conventions (automaton.ts): matching is case- and accent-insensitive; in word scripts every
 * non-letter is a separator, so write "step by step" for "step-by-step"; a keyword starts at a
 * word boundary and is otherwise a prefix/stem ("explain" also matches "explanation") unless it
 * ends with a space. CJK keywords are plain substrings and must start with a CJK character.
 * Entries are '|'-separated.
 *
 * The lists were written from how people and published distillation / LLM-as-judge / safety
 * rewriting pipelines phrase these requests, in English, Spanish, German, French, Portuguese,
 * Italian, Russian, Chinese (simplified, some traditional), Japanese and Korean.
 */

/** Cue kinds (bit flags; one keyword may carry several). */
export const K = {
  // --- reasoning elicitation ---
  /** Verbs that ask to expose/articulate something: explain, show, walk me through, 説明, 展示 … */
  VERB: 1 << 0,
  /** Weaker verbs that only count with an explicit reasoning object: use, using, apply. */
  VERB_WEAK: 1 << 1,
  /** Reasoning objects that need no possessive: chain of thought, thought process, 推理过程 … */
  OBJ: 1 << 2,
  /** Reasoning objects that must be the model's own: (your) reasoning, thinking, rationale, logic. */
  OBJ_SELF: 1 << 3,
  /** Second-person possessives, valid before or shortly after the object: your, tu, dein, votre … */
  POSS: 1 << 4,
  /** Possessives that are also third person: only directly before the object (su, ihre, suo). */
  POSS_BEFORE: 1 << 5,
  /** "the reasoning you used": a bare "you" shortly after the object. */
  YOU_AFTER: 1 << 6,
  /** Strong on its own: think out loud, how did you arrive at, <think>, 你是如何得出 … */
  STANDALONE: 1 << 7,
  /** step by step, paso a paso, Schritt für Schritt, 一步一步, 段階的に … */
  STEP: 1 << 8,
  /** Thinking/solving verbs that turn STEP into a reasoning ask: think, reason, solve, 思考 … */
  THINK: 1 << 9,
  /** Weak on its own (homework style): show your work, justify your answer, 解题思路 … */
  WEAK: 1 << 10,
  // --- model-as-judge / grading ---
  /** score, rate, grade, evaluate, assess, compare, 评估, 採点 … */
  EVAL: 1 << 11,
  /** What a judge grades: response, answer, output, completion, assistant, 回答 … */
  TARGET: 1 << 12,
  /** Numeric scales: "1 to 10", "out of 10", points, Likert, 满分 … */
  SCALE: 1 << 13,
  RUBRIC: 1 << 14,
  /** judge, evaluator, grader, rater, reward model, impartial, 评委 … */
  ROLE: 1 << 15,
  /** Pairwise labels: "response a"/"assistant 1" and "response b"/"assistant 2". */
  PAIR_A: 1 << 16,
  PAIR_B: 1 << 17,
  WHICH: 1 << 18,
  BETTER: 1 << 19,
  /** two / both / following / "a or b": there is more than one candidate. */
  TWO: 1 << 20,
  // --- safety rewriting ---
  /** rewrite, rephrase, reformulate, paraphrase, transform … into, 改写, 書き換え … */
  RVERB: 1 << 21,
  /** safe, harmless, policy-compliant, won't be refused, bypass the filter, 无害, 安全 … */
  RSAFE: 1 << 22,
  /** What gets rewritten (request, question, prompt) or its harmfulness (harmful, dangerous). */
  RSRC: 1 << 23,
  /** Grading criteria: criteria, helpfulness, harmlessness, coherence, accuracy … */
  CRIT: 1 << 25,
  /** Not the model's reasoning: "his/her/their/my … thought process", "what is chain of thought" (up to ~20 chars before). */
  THIRD: 1 << 26,
  /** Genitive directly before: "a detective's thought process" (read as "detective s"). */
  THIRD_ADJ: 1 << 27,
  /** Directly after: "the thought process of a grandmaster", "chain-of-thought prompting" (a topic, not a request). */
  THIRD_OF: 1 << 28,
  /** Suppresses every shorter keyword ending at the same character ("thread safe", "interest rate"). */
  CANCEL: 1 << 24,
} as const;

export const CUE_LEXICON: readonly (readonly [number, string])[] = [
  // ---------------------------------------------------------------- elicitation: verbs
  [K.VERB, 'explain|show|describ|detail|articulat|spell out|spell it out|write out|write down|writing out|lay out|laying out|walk me through|walk us through|walk through|take me through|talk me through|talk us through|run me through|reveal|expose|disclose|share|includ|provide|output|give|print|display|verbaliz|verbalis|narrat|elaborat|outline|document|state |present|make|expand on|unpack|break down|tell me|tell us|to see|me see|us see|explicit|visible|transparent|out loud|aloud|dump|emit|write|put|demonstrat|clarif|justify|trace|enumerat|list|record|surface|expound'],
  [K.VERB, 'explic|muestra|muestrame|mostrar|detall|expon|articula|escrib|revela|compart|proporcion|dame |desglos|desarroll|expres|dime |presenta|enumer|indic|deja ver|haz |hazme'], // es
  [K.VERB, 'erklar|zeig|beschreib|lege|leg |legen|darleg|offenleg|offen|schilder|erlauter|schreib|gib |nenn|formulier|ausfuhrlich|detailliert|teile|skizzier|stelle|darstell|prasentier|verbalisier|mach|fuhre|fuhr '], // de
  [K.VERB, 'expliqu|montr|detaill|decri|decriv|expos|developp|revel|partag|ecri|donne|indiqu|fourni|rends|mets|fais moi|dis moi|faites|explicit'], // fr
  [K.VERB, 'mostr|descrev|detalh|compartilh|escrev|apresent|fornec|desenvolv|diga|elabor|demonstr|torne|exiba'], // pt
  [K.VERB, 'spieg|descriv|illustr|espon|dettagli|rivel|condividi|scriv|fornisci|esplicit|elenca|dimmi|rendi|esprimi|articol|verbalizz|riporta'], // it
  [K.VERB, 'объясн|покаж|опиш|распиш|излож|раскр|продемонстр|расскаж|привед|выпиш|напиш|поясн|дай |подробн|детальн|поделис|озвуч|включи|выведи|предостав|разбер|распис'], // ru
  [K.VERB, '解释|解釋|展示|说明|說明|写出|寫出|写下|寫下|详细|詳細|描述|阐述|闡述|列出|呈现|呈現|给出|給出|展现|展現|输出|輸出|讲解|講解|告诉|告訴|分享|透露|揭示|复述|表述|显示|顯示|展开|展開|暴露|公开|写明'], // zh
  [K.VERB, '説明|示し|示す|示せ|書い|書き出|詳しく|述べ|見せ|出力|教え|明らかに|記述|共有|開示|披露|列挙|言語化|記載'], // ja
  [K.VERB, '설명|보여|서술|자세히|작성|밝혀|적어|공유|알려|출력|제시|기술해|나열|드러내|써 주|써줘|풀어 써'], // ko
  [K.VERB_WEAK, 'use |using|apply|applying|with|usa |usando|utiliza|verwende|nutze|mit |utilise|en utilisant|avec|use a|usando|com |utilizza|con |используй|с помощью|使用|用|採用|使って|用いて|사용'],

  // ---------------------------------------------------------------- elicitation: reasoning objects
  [K.OBJ, 'chain of thought|chains of thought|chain of reasoning|cot |thought process|thinking process|reasoning process|reasoning trace|reasoning steps|reasoning chain|reasoning path|train of thought|line of reasoning|lines of reasoning|inner monologue|internal monologue|inner dialogue|internal dialogue|internal reasoning|inner reasoning|hidden reasoning|private reasoning|internal thoughts|inner thoughts|internal thinking|step by step reasoning|step by step thought|step by step thinking|intermediate reasoning|full reasoning|complete reasoning|detailed reasoning|explicit reasoning|entire reasoning|raw reasoning|thought trace|thinking trace|thinking steps|cognitive process|mental process|decision making process|deliberation|scratchpad|scratch pad|thinking tokens|reasoning tokens|reasoning content'],
  [K.OBJ, 'cadena de pensamiento|cadenas de pensamiento|cadena de razonamiento|proceso de pensamiento|proceso de razonamiento|proceso mental|proceso de reflexion|monologo interno|monologo interior|razonamiento interno|razonamiento oculto|razonamiento paso a paso|razonamiento detallado|razonamiento completo|pensamientos internos|hilo de pensamiento|hilo de razonamiento|linea de razonamiento|pasos de razonamiento|deliberacion'], // es
  [K.OBJ, 'gedankengang|gedankengange|gedankenkette|denkprozess|denkweg|denkschritt|denkvorgang|innerer monolog|inneren monolog|interne uberlegung|internen uberlegung|argumentationskette|argumentationsweg|begrundungskette|uberlegungsprozess|gedankenprozess|gedankenschritt|denkweise|schlussfolgerungsprozess'], // de
  [K.OBJ, 'chaine de pensee|chaine de raisonnement|processus de reflexion|processus de pensee|processus de raisonnement|processus mental|monologue interieur|monologue interne|raisonnement interne|raisonnement detaille|raisonnement etape par etape|raisonnement complet|reflexion interne|fil de la pensee|fil de pensee|fil du raisonnement|etapes de raisonnement|etapes du raisonnement|cheminement de pensee|cheminement intellectuel|cheminement logique|pensees internes|pensees interieures'], // fr
  [K.OBJ, 'cadeia de pensamento|cadeia de raciocinio|processo de pensamento|processo de raciocinio|monologo interno|raciocinio interno|raciocinio detalhado|raciocinio passo a passo|raciocinio completo|linha de raciocinio|fio de pensamento|fio do raciocinio|passos de raciocinio|pensamentos internos'], // pt
  [K.OBJ, 'catena di pensiero|catena di pensieri|catena di ragionamento|processo di pensiero|processo di ragionamento|processo mentale|monologo interiore|ragionamento interno|ragionamento dettagliato|ragionamento passo passo|ragionamento passo dopo passo|ragionamento completo|filo del ragionamento|filo del pensiero|linea di ragionamento|passaggi del ragionamento|pensieri interni'], // it
  [K.OBJ, 'ход мысл|ход рассуждени|ход размышлени|цепочка рассуждени|цепочку рассуждени|цепочки рассуждени|цепочка мысл|цепочку мысл|цепочка размышлени|процесс мышлени|процесс размышлени|процесс рассуждени|мыслительный процесс|мыслительного процесса|внутренний монолог|внутренние рассуждени|внутренних рассуждени|скрытые рассуждени|подробные рассуждени|пошаговые рассуждени|пошаговое рассуждени|логику рассуждени|внутренний диалог'], // ru
  [K.OBJ, '推理过程|思考过程|思维过程|思维链|思考链|推理链|思路链|内心独白|内部独白|内在独白|内部推理|内心推理|隐藏推理|推理步骤|思考步骤|推理轨迹|思考轨迹|思维轨迹|完整推理|详细推理|推理思路|心路历程|思考路径|推理路径|你的推理|你的思考|你的思路|你的思维|您的推理|您的思考|您的思路|推理過程|思維過程|思維鏈|推理鏈|內心獨白|思考鏈|推理步驟'], // zh
  [K.OBJ, '思考過程|思考プロセス|推論過程|推論プロセス|推論の過程|思考の過程|思考の流れ|考えの流れ|内なる独白|内部独白|内的独白|思考の連鎖|推論の連鎖|推論ステップ|思考ステップ|推論の道筋|考えた過程|考えたプロセス|考え方のプロセス|あなたの推論|あなたの考え方|あなたの思考|推論の手順|思考の手順|推論内容|思考内容|内部の推論|隠れた推論|考えの道筋|思考回路'], // ja
  [K.OBJ, '추론 과정|추론과정|사고 과정|사고과정|생각 과정|생각과정|사고의 흐름|생각의 흐름|사고 흐름|생각 흐름|내적 독백|내면 독백|내면의 독백|사고 사슬|생각의 사슬|사고의 사슬|추론 단계|사고 프로세스|추론 흐름|당신의 추론|당신의 사고|너의 추론|네 추론|추론 내용'], // ko
  // "your thoughts on X" / "tus pensamientos" / "deine Gedanken" ask for an opinion, not reasoning: not listed.
  [K.OBJ_SELF, 'reasoning|thinking|rationale|deliberation|considerations|decision process|decision making|thought process'],
  [K.OBJ_SELF, 'razonamiento|uberlegung|raisonnement|cheminement|raciocinio|ragionament|рассуждени|аргументаци'],
  // "your logic" only adjacent: "explain your code's logic" is about code, not the model's reasoning.
  // "explain how you solved it", "walk me through how you'd approach this": the model's own process, needs a verb.
  [K.OBJ, 'how you solved|how you would solve|how you d solve|how you would approach|how you d approach|how you approached|how you figured|how you decided|how you derived|how you worked out|how you think about|how you thought about|how you got there|how you would tackle|how you d tackle'],
  [K.OBJ, 'your logic|tu logica|deine logik|ta logique|votre logique|sua logica|tua logica|твою логику|свою логику|вашу логику'],
  [K.POSS, 'your|yours|ur |tu |tus |vuestr|dein|euer|eure|ton |ta |tes |votre|vos |teu |tua |teus|tuas|seu |sua |seus|suas|tuo |tuoi|tue |твой|твоя|твое|твои|твоих|твоег|твоим|твою|ваш|свой|своя|свою|свое|свои|своих|своег|своим'],
  [K.POSS_BEFORE, 'su |sus |ihr |ihre |ihren|ihrer|ihrem|suo |sue |suoi'],
  [K.YOU_AFTER, 'you used|you use|you followed|you applied|you went through|you employed|you took|you had|you did|you would use|you d use|you re using|you ve used|you relied on|you are using'],

  // ---------------------------------------------------------------- elicitation: strong on their own
  [K.STANDALONE, '<think|<thinking|<reasoning|<scratchpad|<thought|<inner|think out loud|think aloud|thinking out loud|thinking aloud|reason out loud|reason aloud|reasoning out loud|considered and rejected|considered and discarded|considered but rejected|alternatives you considered|options you considered|what you considered|what you rejected|how you arrived|how you came to|how you reached|how did you arrive|how did you come to|how did you reach|how did you get that|how did you get this|how did you get to that|how did you get to this|how did you get to your|how did you decide|how did you figure|how did you conclude|how you concluded|how you reasoned|how did you reason|what led you to|why you chose|why did you choose|what were you considering|going through your mind|went through your mind|goes through your mind|in your head as you'],
  [K.STANDALONE, 'piensa en voz alta|razona en voz alta|pensando en voz alta|como llegaste|como has llegado|como llego a|que consideraste|que descartaste|lo que consideraste|lo que descartaste|como razonaste|como lo pensaste'], // es
  [K.STANDALONE, 'laut denken|denke laut|denk laut|lautes denken|wie du darauf gekommen|wie du zu diesem|wie du zu dieser|wie du zu deiner|wie du zu deinem|wie bist du auf|wie bist du zu|was du verworfen|was du erwogen|was du in betracht gezogen|wie sie darauf gekommen|wie sie zu diesem|wie sie zu dieser'], // de
  [K.STANDALONE, 'pense a voix haute|pensez a voix haute|reflechis a voix haute|reflechissez a voix haute|raisonne a voix haute|raisonnez a voix haute|comment tu es arrive|comment vous etes arrive|comment es tu arrive|comment etes vous arrive|ce que tu as envisage|ce que vous avez envisage|ce que tu as ecarte|ce que vous avez ecarte|comment tu as raisonne|comment avez vous raisonne'], // fr
  [K.STANDALONE, 'pense em voz alta|pensar em voz alta|pensando em voz alta|raciocine em voz alta|como voce chegou|como chegou a|o que voce considerou|o que voce descartou|como voce raciocinou|como voce pensou'], // pt
  [K.STANDALONE, 'pensa ad alta voce|ragiona ad alta voce|pensare ad alta voce|come sei arrivato|come sei arrivata|come sei giunto|cosa hai considerato|cosa hai scartato|come hai ragionato'], // it
  [K.STANDALONE, 'думай вслух|подумай вслух|рассуждай вслух|размышляй вслух|рассуждая вслух|как ты пришел|как вы пришли|как ты пришла|что ты рассматривал|что ты отбросил|как ты рассуждал|как вы рассуждали|как ты думал'], // ru
  [K.STANDALONE, '你是如何得出|你是怎么得出|你如何得出|你是怎样得出|你是如何思考|你是怎么思考|你是怎么想的|你考虑了哪些|你考虑过哪些|你排除了|大声思考|出声思考|你是如何推理|你是怎么推理|你怎么想到|你是如何想到|你是怎麼得出|你是如何得到'], // zh
  [K.STANDALONE, 'どのように考え|どう考えた|どのようにしてその結論|どのように結論|どうやってその答え|どのようにその答え|声に出して考え|検討して却下|却下した選択肢|検討した選択肢|どう推論|どのように推論|どうやって結論'], // ja
  [K.STANDALONE, '어떻게 결론|어떻게 생각했|어떻게 추론|소리 내어 생각|소리내어 생각|어떻게 그 답|어떻게 이 답|고려한 것|배제한 것|어떤 것을 고려'], // ko

  // ---------------------------------------------------------------- elicitation: weak (homework / eval style)
  [K.STEP, 'step by step|one step at a time|step wise|stepwise|paso a paso|schritt fur schritt|schrittweise|etape par etape|pas a pas|passo a passo|passo dopo passo|passo passo|un passo alla volta|шаг за шагом|пошагов|по шагам|поэтапно|一步一步|一步步|逐步|分步|循序渐进|ステップバイステップ|段階的|一歩ずつ|一歩一歩|順を追って|順序立てて|段階を追って|ステップごと|단계별|차근차근|한 단계씩|단계적으로'],
  [K.THINK, 'think|reason|solve|solving|work|figur|deriv|calculat|comput|deduc|answer|explain|show|break|piens|pensemos|razon|resuelv|resolv|calcul|denk|uberleg|berechne|rechne|begrund|herleit|reflechi|raisonn|resou|resol|pensons|pense|raciocin|pensa|ragion|risolv|spieg|calcol|pensiam|подума|дума|рассужда|рассуди|реши|решени|объясн|вычисл|посчита|размышля|思考|推理|解|想|分析|计算|推导|解释|考え|解い|解き|説明|計算|推論|導出|생각|풀어|풀이|설명|계산|추론|풀'],
  [K.WEAK, 'show your work|show your working|show all work|show all your work|show your steps|show all steps|show all the steps|show the steps|show your calculations|show all calculations|justify your answer|justify each answer|explain your answer|explain your answers|let s think|let us think|lets think|think carefully|think it through|think this through|think through|reason through|reason carefully|think before you answer|think before answering|think hard|how you got|work it out|work this out|explain your method|explain your approach'],
  [K.WEAK, 'muestra tu trabajo|muestra tus calculos|muestra el procedimiento|muestra los pasos|justifica tu respuesta|justifica la respuesta|justifica tus respuestas|explica tu respuesta|pensemos|razonemos|piensa con cuidado|piensa detenidamente|rechenweg|losungsweg|zeige deine arbeit|zeig deine arbeit|begrunde deine antwort|begrunden sie ihre antwort|erklare deine antwort|denke grundlich nach|denk grundlich nach|denke sorgfaltig|denke genau nach|lass uns nachdenken|lasst uns nachdenken|montre ton travail|montrez votre travail|montre tes calculs|montrez vos calculs|justifie ta reponse|justifiez votre reponse|explique ta reponse|expliquez votre reponse|explique ta demarche|expliquez votre demarche|gib deine begrundung|begrunde deine|reflechissons|reflechis bien|reflechissez bien|montre les etapes|montrez les etapes|detaille les etapes|detaillez les etapes'],
  [K.WEAK, 'mostre seu trabalho|mostre os calculos|mostre seus calculos|justifique sua resposta|justifique a resposta|explique sua resposta|pense com cuidado|pense cuidadosamente|vamos pensar|mostra i calcoli|mostra il procedimento|mostra i passaggi|giustifica la risposta|giustifica la tua risposta|spiega la tua risposta|pensiamo|ragioniamo|pensa attentamente|rifletti attentamente|покажи решение|покажи ход решения|обоснуй ответ|обоснуй свой ответ|объясни свой ответ|давай подумаем|давайте подумаем|давайте рассуждать|подумай хорошенько|подумай внимательно|хорошо подумай'],
  [K.WEAK, '解题思路|解题过程|解题步骤|写出过程|写出步骤|给出步骤|说明理由|仔细思考|认真思考|思路|途中式|解き方|計算過程|解答過程|理由を説明|根拠を示|根拠を説明|よく考えて|じっくり考えて|慎重に考えて|풀이 과정|근거를|이유를 설명|신중하게 생각|곰곰이 생각|풀이를 보여'],

  // ---------------------------------------------------------------- grading / model-as-judge
  // Bare "grade"/"note" are too common ("grade 7", "note that"): only verb uses are listed.
  [K.EVAL, 'scor|rate the|rate this|rate each|rate these|rate it|rate them|rate how|rate its|rate their|rate your|rate on|rating|rated|grade the|grade this|grade each|grade these|grade it|grade them|grade how|grade their|grading|evaluat|assess|judg|rank|compar|critiqu|prefer|evalu|calific|puntu|valora|juzg|bewert|beurteil|benote|vergleich|vergib|note la |note les |note cette|notez la |notez les |notez cette|noter la |une note|attribue|avali|pontu|classifiq|julg|atribua|valut|giudic|punteggio|confront|assegna|classific|оцени|оценк|сравни|ранжир|поставь'],
  [K.EVAL, '评估|評估|评价|評價|打分|评分|評分|比较|比較|评判|評判|判断|判斷|评定|評価|採点|判定|審査|格付け|点数をつけ|평가|채점|비교|판단|점수를 매'],
  [K.TARGET, 'response|answer|output|completion|assistant|reply|replies|candidate|generation|model s |ai s |chatbot|submission|summary|summaries|translation|solution|respuesta|contestacion|salida|asistente|antwort|ausgabe|assistent|kandidat|reponse|sortie|candidat|resposta|saida|assistente|risposta|risposte|ответ|ассистент|кандидат|回答|回复|回覆|答案|输出|輸出|助手|响应|答复|応答|アシスタント|返答|答え|응답|답변|어시스턴트'],
  [K.SCALE, 'scale|1 10 |1 to 10 |0 to 10 |1 to 5 |1 5 |1 and 10 |1 and 5 |0 and 10 |out of 10 |out of 5 |out of 100 |0 to 100 |1 to 100 |0 100 |1 100 |from 1 to|from 0 to|between 1 and|between 0 and|10 point|5 point|likert|points|verdict|letter grade|a to f '],
  [K.SCALE, 'escala|del 1 al 10|de 1 a 10|de 0 a 10|del 1 al 5|de 1 a 5|puntos|puntuacion|skala|von 1 bis 10|von 0 bis 10|von 1 bis 5|punkte|punktzahl|bewertungsmasstab|echelle|sur 10 |sur 5 |sur 20 |bareme|pontos|nota de 1|nota de 0|da 1 a 10|da 0 a 10|da 1 a 5|punti |шкал|от 1 до 10|от 0 до 10|от 1 до 5|балл'],
  // "1到10", "1から10", "1에서 10" read as " 1 10 " in the word alphabet (CJK separates words there).
  [K.SCALE, '分制|满分|滿分|分数|分數|点満点|スコア|점수|만점|척도|점에서'],
  [K.CRIT, 'criteria|criterion|helpfulness|harmlessness|honesty|coherence|fluency|factuality|relevance|correctness|faithfulness|conciseness|accuracy|informativeness|criterios|kriterien|hilfreich|criteres|pertinence|exactitude|criteri|критери|标准|標準|维度|准确性|有用性|基準|段階|有用性|正確性|기준|정확성|유용성'],
  [K.RUBRIC | K.CRIT, 'rubric|rubrica|bewertungsraster|grille d evaluation|grille de notation|grille devaluation|griglia di valutazione|критерии оценивания|критерии оценки|评分标准|評分標準|评分细则|评分量规|評価基準|採点基準|루브릭|채점 기준|평가 기준'],
  // A bare "judge" is as likely a court: only the evaluator role counts.
  [K.ROLE, 'impartial judge|act as a judge|as a judge|fair judge|expert judge|strict judge|llm judge|evaluator|grader|rater|annotator|reward model|preference model|critic model|impartial|labeler|labeller|assessor|evaluador|calificador|anotador|imparcial|gutachter|bewerter|unparteiisch|juge impartial|evaluateur|correcteur|annotateur|avaliador|giudice imparziale|valutatore|annotatore|imparziale|оценщик|аннотатор|асессор|беспристрастн'],
  [K.ROLE, '评委|評委|评审员|評審員|评估者|评分员|评分者|标注员|奖励模型|獎勵模型|公正的|公平的|審査員|評価者|採点者|アノテーター|報酬モデル|ジャッジ|公平な|公正な|심사위원|평가자|채점자|보상 모델|공정한|공평한'],
  [K.PAIR_A | K.TARGET, 'response a |assistant a |answer a |output a |model a |completion a |response 1 |assistant 1 |output 1 |answer 1 |completion 1 |model 1 |system 1 |respuesta a |respuesta 1 |antwort a |antwort 1 |reponse a |reponse 1 |resposta a |resposta 1 |risposta a |risposta 1 |ответ а |ответ a |ответ 1 |回答a|回答1|回答 a|回答 1|回复a|回复1|回复 a|答案a|答案1|応答a|応答1|응답 a|응답 1|답변 a|답변 1|응답a|답변a'],
  [K.PAIR_B | K.TARGET, 'response b |assistant b |answer b |output b |model b |completion b |response 2 |assistant 2 |output 2 |answer 2 |completion 2 |model 2 |system 2 |respuesta b |respuesta 2 |antwort b |antwort 2 |reponse b |reponse 2 |resposta b |resposta 2 |risposta b |risposta 2 |ответ б |ответ b |ответ 2 |回答b|回答2|回答 b|回答 2|回复b|回复2|回复 b|答案b|答案2|応答b|応答2|응답 b|응답 2|답변 b|답변 2|응답b|답변b'],
  [K.WHICH, 'which|cual |cuales|welche|welcher|quelle|quel |lequel|laquelle|qual |quale|какой|какая|какое|который|哪个|哪一个|哪個|哪一個|どちら|どっち|어느|어떤'],
  [K.BETTER, 'better|best |preferred|preferable|superior|more faithful|more fluent|more coherent|more concise|higher quality|winner|more helpful|more accurate|more useful|more harmless|more correct|more appropriate|more informative|more relevant|mejor|besser|beste|meilleur|melhor|migliore|лучше|лучший|更好|更优|较好|最好|更佳|優れ|良い方|より良い|더 나은|더 좋은|우수'],
  [K.TWO, 'two |both |following|a or b |a and b |dos |ambas|zwei|beiden|deux|duas|due |два |две |оба |обе |两个|两份|兩個|二つ|両方|두 |둘 중|かb|またはb|或b|还是b|還是b|또는 b|와 b'],
  // Whose reasoning it is, when it is not the model's.
  // Not "its": that may be the model ("the assistant explains its reasoning") or not (a court): neither side.
  [K.THIRD, 'what |how does |how do |why does |why do |define |definition of |meaning of |concept of |notion of |idea of |about |term |called |his |her |their |my |our |mi |mis |mein|meine|unser|sein |seine|seinen|mon |ma |mes |son |sa |ses |leur|meu |minha|meus|mio |mia |miei|мой |моя |мои |моих|его |ее |их |наш'],
  [K.THIRD, '他的|她的|我的|他们的|她们的|我们的|学生的|人的|彼の|彼女の|私の|僕の|그의|그녀의|나의|내 |우리의'],
  [K.THIRD_ADJ, 's |'],
  [K.THIRD_OF, 'of a |of an |of the |of his |of her |of their |of my |of our |of this |of that |of these |of those |of someone|of people|of humans|of students|of children|of experts|of characters|prompting|prompt |prompts|technique|method|paper|papers|approach|models |distillation|dataset|datasets|data |fine tuning|finetuning|training|research|benchmark|literature|in llms|in language models|de un |de una |de la |de los |de las |del |eines |einer |des |der |d un |d une |de l |du |dos |das |do |da |di un |di una |dello |della |degli |delle |del |'],
  // Common compounds that are not grading ("interest rate") or not safety ("thread-safe").
  [K.CANCEL, 'is it safe|it s safe|it is safe|is this safe|is that safe|are they safe|interest rate|exchange rate|heart rate|tax rate|growth rate|birth rate|conversion rate|error rate|frame rate|bit rate|hourly rate|credit score|high score|thread safe|type safe|memory safe|null safe|fail safe|concurrency safe|async safe|signal safe'],

  // ---------------------------------------------------------------- safety rewriting
  [K.RVERB, 'rewrit|re write|rephras|reformulat|reword|paraphras|recast|rework|refram|transform|convert|turn this|turn the|turn it|turn them|modify|revis|sanitiz|sanitis|soften|adapt|make it|make this|make the|edit'],
  [K.RVERB, 'reescrib|reformul|parafrase|convierte|transforma|modifica|vuelve a escribir|redacta de nuevo|redactala|suaviza|umschreib|umformulier|formulier|schreibe|umwandel|wandle|verwandle|uberarbeit|reecri|reecrire|paraphras|convert|modifi|reescrev|reescreva|parafrasei|parafrasear|transform|riscriv|riformul|parafras|trasform|perifras|перепиш|перефраз|переформулир|преобраз|измени|переделай|перестрой'],
  [K.RVERB, '改写|改寫|重写|重寫|改述|重新表述|重新措辞|转述|转换|轉換|改成|改为|改為|转化|重新编写|重新组织|换个说法|換個說法|書き換え|書きかえ|言い換え|リライト|書き直|変換|改変|作り変え|다시 작성|다시 써|재작성|바꿔|변환|고쳐|바꾸|재구성|재구성해'],
  [K.RSAFE, 'safe|harmless|benign|non toxic|nontoxic|less toxic|detox|innocuous|inoffensive|non harmful|nonharmful|not harmful|less harmful|acceptable|permissible|ethical|refus|content filter|safety filter|moderation|censor|bypass|evad|circumvent|get around|jailbreak|policy|policies|guidelines|flagged|not be blocked|won t be blocked|get blocked|objectionable|remove any|remove all|remove the harm|strip out the harm|sanitize|sanitise|free of harm'],
  [K.RSAFE, 'segura|seguridad|forma segura|manera segura|version segura|sea segur|sean segur|inofensiv|inocu|no danin|aceptable|permitid|rechaz|politicas de|directrices|pautas|cumpla|cumplir con|etico|sicherheit|sicherer|sichere |harmlos|unbedenklich|unschadlich|richtlinie|konform|zulassig|ablehn|securitaire|sans danger|inoffensi|sans risque|conforme|politique de|directives|lignes directrices|acceptable|refus|securite|securise|ethique|aceitavel|recus|diretriz|politicas|seguranca|versao segura|sicurezza|versione sicura|in modo sicuro|sia sicur|innocu|linee guida|accettabil|rifiut|etic|безопасн|безвредн|безобидн|правилам|политик|допустим|приемлем|отказ|этичн|цензур'],
  [K.RSAFE, '安全|无害|無害|合规|合規|政策|准则|準則|规范|規範|可接受|拒绝|拒絕|不违反|不違反|无害化|审核|審核|ポリシー|ガイドライン|規約|準拠|許容|拒否|問題のない|無難|안전|무해|정책|가이드라인|지침|준수|허용|거부|문제없는'],
  [K.RSRC, 'request|question|prompt|query|queries|instruction|input|task|harmful|dangerous|unsafe|toxic|malicious|sensitive|borderline|offensive|illegal|problematic|risky|disallowed|forbidden|prohibited'],
  [K.RSRC, 'solicitud|peticion|pregunta|consulta|instruccion|danin|peligros|sensible|toxic|malicios|ofensiv|ilegal|anfrage|frage|anweisung|aufforderung|schadlich|gefahrlich|sensibl|bosartig|toxisch|verboten|requete|demande|question|consigne|nuisible|dangereu|malveillant|toxique|prejudiciable|illegal|interdit|solicitacao|pedido|pergunta|instrucao|prejudicial|perigos|sensivel|nociv|proibid|richiesta|domanda|istruzion|dannos|pericolos|sensibil|malevol|vietat|запрос|вопрос|инструкци|промпт|вредн|опасн|чувствительн|токсичн|незаконн|запрещен'],
  [K.RSRC, '请求|請求|问题|問題|提示|指令|查询|有害|危险|危險|敏感|恶意|惡意|违规|違規|违法|リクエスト|質問|依頼|プロンプト|指示|危険|有害な|センシティブ|違法|요청|질문|프롬프트|지시|유해|위험|민감|악의|불법'],
];

/** Capability/topic areas, in the order the TOPIC_LEXICON refers to them. */
export const TOPIC_NAMES = [
  'coding',
  'math',
  'science',
  'agentic/tools',
  'writing/creative',
  'translation/language',
  'business/finance',
  'law',
  'medicine/health',
  'general-knowledge',
  'data/analysis',
  'everyday/chat/other',
] as const;

/** [topic index, weight per occurrence, keywords]. Weight 2 for words that are nearly unambiguous. */
export const TOPIC_LEXICON: readonly (readonly [number, number, string])[] = [
  // 0 coding
  [0, 2, 'python|javascript|typescript|java |golang|kotlin|rust |ruby |php|haskell|c sharp|cpp |node js|nodejs|npm |pip install|def |elif|println|printf|console log|int main|public static|void |nullptr|lambda|async |await |regex|stack trace|traceback|segfault|compiler|codebase|refactor|unit test|github|docker|kubernetes|react |django|flask|sql |html|css |api |apis |sdk |endpoint|runtime error|syntax error|null pointer|function call'],
  [0, 1, 'query|queries|function|method|class |variable|array|struct |structs|pointer|recursion|recursive|loop|algorithm|code|coding|program|script|repo |repository|git |implement|library|framework|runtime|database|deploy|server|frontend|backend|bug|debug|compile|exception|json|yaml|xml|http|linux|bash|terminal|command line|codigo|funcion |funciones|programa |programas|depur|quellcode|programmier|funktion |funktionen|fonction |fonctions|codice|funzione|funcao|код|программ|функци|алгоритм'],
  [0, 1.5, '代码|代碼|编程|編程|函数|函數|程序|算法|调试|報錯|报错|变量|接口|コード|プログラム|関数|実装|バグ|変数|코드|프로그래밍|함수|프로그램|버그|변수'],
  // 1 math
  [1, 2, 'equation|integral|derivative|differentiat|calculus|algebra|geometry|theorem|lemma|polynomial|prime number|hypotenuse|logarithm|sqrt|square root|inequality|eigen|modulo|factorial|quadratic|combinatori|permutation|mathematic|maths |math '],
  [1, 1, 'prove |proof|probability|matrix|matrices|fraction|triangle|circle|radius|angle|log |sin |cos |tan |vector|arithmetic|calculate|how many|sum of|product of|remainder|divisible|integer|exponent|perimeter|area of|volume of|ratio |ratios|solve|x |ecuacion|derivada|matematic|probabilidad|triangulo|teorema|fraccion|raiz cuadrada|gleichung|ableitung|wahrscheinlichkeit|dreieck|beweis|berechne|equation|derivee|probabilite|theoreme|demontr|equacao|equazione|derivata|probabilita|triangolo|уравнени|интеграл|производн|математ|вероятност|треугольник|теорем|вычисли|докажи'],
  [1, 1.5, '方程|积分|積分|导数|導數|数学|數學|概率|三角形|定理|证明|證明|计算|計算|几何|幾何|代数|代數|求解|矩阵|方程式|微分|確率|証明|방정식|적분|미분|수학|확률|삼각형|증명|계산'],
  // 2 science
  [2, 2, 'physics|chemistry|biology|molecule|molecular|photosynthesis|fotosintesis|photosynthese|fotossintese|fotosintesi|фотосинтез|quantum|thermodynamic|entropy|electron|proton|neutron|periodic table|mitochondria|relativity|astronomy|galaxy|black hole|wavelength|photon|enzyme|genetic|chromosome'],
  [2, 1, 'atom|cell |cells|dna |gene |genes|protein|energy|force|velocity|acceleration|gravity|chemical|reaction|evolution|species|ecosystem|climate|planet|orbit|experiment|hypothesis|element|acid|geology|neuron|scientific|scientist|particle|bacteria|organism|solar system|fisica|quimica|biologia|molecula|atomo|celula|energia|gravedad|evolucion|physik|chemie|biologie|molekul|zelle|energie|schwerkraft|physique|chimie|molecule|atome|cellule|gravite|chimica|molecola|cellula|gravita|физик|хими|биолог|молекул|атом|клетк|энерги|гравитац|эволюц'],
  [2, 1.5, '物理|化学|生物|分子|原子|细胞|細胞|能量|引力|量子|进化|進化|基因|蛋白质|光合作用|实验|實驗|エネルギー|重力|遺伝子|光合成|물리|화학|생물|분자|원자|세포|에너지|중력|양자|진화|유전자'],
  // 3 agentic / tools
  [3, 2, 'tool call|tool use|function calling|available tools|tool result|api call|web search|search the web|browse the|action input|observation|json schema|file system|shell command|run the command|mcp |subtask|orchestrat|planner|agentic'],
  [3, 1, 'tool|tools|agent|agents|browse|execute|workflow|automat|schedule|book a|send an email|calendar|click|navigate|plugin|invoke|arguments|step 1 |multi step|herramienta|agente|ejecuta|automatiz|werkzeug|ausfuhren|outil|execute|strumento|esegui|ferramenta|execut|инструмент|агент|выполни|автоматиз'],
  [3, 1.5, '工具|智能体|代理|调用|調用|执行|執行|自动化|自動化|ツール|エージェント|呼び出|実行|도구|에이전트|호출|실행|자동화'],
  // 4 writing / creative
  [4, 2, 'poem|poetry|haiku|sonnet|limerick|lyrics|screenplay|short story|once upon|cover letter|blog post|slogan|tagline|proofread|copywriting|fan fiction|fanfic'],
  [4, 1, 'story|stories|essay|write a|write an|write me|novel|character|plot |fiction|song|blog|article|email|e mail|letter|speech|caption|tone|rewrite|paragraph|creative|narrative|dialogue|rhyme|headline|draft|product description|bio |wording|polite|formal|cuento|poema|ensayo|novela|personaje|cancion|carta|redacta|escribe|gedicht|aufsatz|roman|lied|brief|schreibe|poeme|essai|personnage|chanson|lettre|redige|ecris|redacao|personagem|escreva|poesia|saggio|romanzo|canzone|lettera|scrivi|рассказ|стих|эссе|роман|персонаж|песн|письмо|напиши|сочинени'],
  [4, 1.5, '故事|诗|詩|作文|小说|小說|角色|歌词|歌詞|写一篇|寫一篇|文章|剧本|劇本|物語|小説|キャラクター|脚本|書いて|이야기|에세이|소설|캐릭터|가사|써줘|편지'],
  // 5 translation / language
  [5, 2, 'translat|into english|into spanish|into french|into german|into chinese|into japanese|into korean|into italian|into portuguese|into russian|in spanish|in french|in german|in japanese|in chinese|in korean|synonym|antonym|pronounc|conjugat|idiom|native speaker|grammatical|traduc|tradu|ubersetz|traduz|перевед|перевод|на английск|на русск'],
  [5, 1, 'grammar|vocabulary|meaning of|what does|spelling|tense|verb|noun|adjective|language|phrase|word for|gramatica|vocabulario|significa|sinonimo|idioma|grammatik|vokabel|bedeutet|aussprache|sprache|grammaire|vocabulaire|signifie|synonyme|langue|grammatica|vocabolario|lingua|граммат|словар|синоним|язык'],
  [5, 1.5, '翻译|翻譯|译成|譯成|翻成|语法|語法|词汇|詞彙|同义词|发音|發音|英文|英语|英語|日语|翻訳|訳して|日本語|文法|語彙|同義語|発音|번역|영어로|한국어로|문법|어휘|동의어|발음'],
  // 6 business / finance
  [6, 2, 'business plan|cash flow|balance sheet|valuation|revenue|startup|investor|mortgage|inflation|dividend|portfolio|saas|ecommerce|e commerce|supply chain|invoice|accounting|marketing|interest rate|exchange rate|tax rate|401k|roi |kpi'],
  [6, 1, 'business|sales|profit|invest|stock|stocks|market|pricing|price|budget|financ|tax |taxes|loan|econom|strategy|customer|brand|competitor|company|companies|management|manager|employee|hiring|salary|negotiat|pitch|crypto|bitcoin|bank|insurance|equity|retirement|negocio|empresa|ventas|ingresos|ganancia|inversion|mercado|precio|presupuesto|finanzas|impuesto|prestamo|hipoteca|economia|cliente|marca|estrategia|unternehmen|geschaft|vertrieb|umsatz|gewinn|investition|aktie|markt|preis|steuer|kredit|wirtschaft|kunde|entreprise|affaires|benefice|investiss|prix|impot|pret|econom|strategie|vendas|receita|lucro|investiment|preco|orcamento|imposto|emprestimo|azienda|impresa|vendite|ricavi|profitto|mercato|prezzo|tasse|prestito|mutuo|бизнес|компани|продаж|выручк|прибыл|инвест|акци|рынок|рынк|бюджет|финанс|налог|кредит|ипотек|экономик|клиент|бренд|стратеги'],
  [6, 1.5, '商业|商業|公司|企业|企業|销售|銷售|营收|利润|利潤|投资|投資|股票|市场|市場|价格|價格|预算|預算|财务|財務|金融|贷款|貸款|经济|經濟|客户|客戶|品牌|营销|創業|创业|ビジネス|会社|売上|利益|予算|融資|経済|顧客|ブランド|マーケティング|비즈니스|회사|기업|매출|이익|투자|주식|시장|가격|예산|재무|금융|세금|대출|경제|고객|브랜드|마케팅'],
  // 7 law
  [7, 2, 'lawyer|attorney|lawsuit|plaintiff|defendant|statute|gdpr|copyright|trademark|patent|jurisdiction|litigation|legally|eviction|terms of service|privacy policy|estate planning|abogado|anwalt|avocat|advogado|avvocato|адвокат|юрист|юридическ'],
  [7, 1, 'law |laws |legal|court|sue |contract|clause|liability|regulation|criminal|crime|tenant|landlord|lease|divorce|custody|constitution|illegal|rights|nda |ley |tribunal|demanda|contrato|clausula|responsabilidad|derechos|delito|inquilino|divorcio|gesetz|rechtlich|gericht|klage|vertrag|klausel|haftung|urheberrecht|mieter|vermieter|scheidung|loi |juridique|contrat|locataire|bailleur|penal|lei |juridic|clausula|direitos|legge|giuridic|legale|contratto|clausola|diritti|reato|закон|суд|иск |договор|аренд|развод|преступлен'],
  [7, 1.5, '法律|律师|律師|法院|法官|诉讼|訴訟|起诉|合同|条款|條款|版权|版權|专利|專利|商标|商標|租客|房东|房東|离婚|離婚|犯罪|违法|合法|弁護士|裁判所|契約|条項|著作権|特許|離婚|違法|법률|변호사|법원|판사|소송|계약|조항|저작권|특허|이혼|범죄|불법|합법'],
  // 8 medicine / health
  [8, 2, 'symptom|diagnos|medication|dosage|blood pressure|diabetes|vaccine|ibuprofen|antibiotic|mental health|pregnan|allergy|surgery|clinical|physician|paracetamol|acetaminophen'],
  [8, 1, 'doctor|disease|treatment|medicine|drug|dose |pain |pains|painful|headache|fever|cancer|heart|infection|virus|patient|hospital|therapy|therapist|anxiety|depression|sleep|diet|nutrition|calorie|exercise|workout|weight loss|health|chronic|injury|rash|cough|nurse|sintoma|medico|diagnostico|enfermedad|tratamiento|medicamento|dosis|dolor|fiebre|vacuna|paciente|salud|ansiedad|embarazo|arzt|arztin|krankheit|behandlung|medikament|schmerz|fieber|krebs|blutdruck|impf|krankenhaus|gesundheit|schwanger|medecin|maladie|traitement|medicament|douleur|fievre|vaccin|hopital|sante|enceinte|doenca|tratamento|febre|vacina|saude|gravid|sintom|malattia|trattamento|farmac|dolore|febbre|cancro|ospedale|salute|incinta|симптом|врач|диагноз|болезн|заболеван|лечени|лекарств|боль|инфекц|вакцин|пациент|больниц|здоров|беремен'],
  [8, 1.5, '症状|医生|醫生|诊断|診斷|疾病|治疗|治療|药物|藥物|剂量|疼痛|发烧|發燒|癌症|糖尿病|血压|血壓|感染|疫苗|患者|医院|醫院|健康|焦虑|怀孕|医師|診断|病気|用量|痛み|がん|ワクチン|病院|妊娠|증상|의사|진단|질병|치료|약물|복용량|통증|당뇨|혈압|감염|백신|환자|병원|건강|임신'],
  // 9 general knowledge: history, geography, culture
  [9, 2, 'history of|historical|world war|civil war|great depression|cold war|empire|dynasty|civilization|medieval|ancient|capital of|who invented|who discovered|philosopher|geography'],
  [9, 1, 'history|war |wars |century|revolution|king |queen|emperor|president|country|countries|city |population|continent|river|mountain|who was|when did|what year|culture|religion|philosophy|ocean|island|trivia|battle|treaty|colonial|independence|famous|guerra|imperio|siglo|revolucion|rey |reina|presidente|pais |ciudad|poblacion|continente|quien fue|civilizacion|dinastia|religion|filosofia|krieg|jahrhundert|konig|hauptstadt|bevolkerung|zivilisation|dynastie|philosophie|guerre|siecle|roi |reine|capitale|pays |ville|civilisation|seculo|revolucao|rei |cidade|populacao|civilizacao|dinastia|secolo|rivoluzione|capitale|citta|popolazione|civilta|истори|войн|импери|древн|революц|корол|царь|президент|столиц|стран|город|населен|цивилизац|династи|религи|философи'],
  [9, 1.5, '历史|歷史|战争|戰爭|帝国|帝國|世纪|世紀|古代|革命|国王|國王|皇帝|总统|總統|首都|人口|朝代|宗教|哲学|哲學|歴史|戦争|大統領|王朝|역사|전쟁|제국|세기|고대|혁명|황제|대통령|수도|인구|왕조|종교|철학'],
  // 10 data / analysis
  [10, 2, 'dataset|csv|spreadsheet|excel|dataframe|pandas|numpy|regression|correlation|standard deviation|visualiz|dashboard|pivot table|outlier|hypothesis test|p value|machine learning|clustering|sample size|analytics'],
  [10, 1, 'data|table|chart|graph|plot |statistic|average|mean |median|variance|analyz|analys|trend|column|rows |distribution|forecast|metrics|survey|datos|hoja de calculo|tabla|grafico|estadistic|promedio|mediana|analisis|tendencia|daten|datensatz|tabelle|diagramm|statistik|durchschnitt|mittelwert|analyse|donnees|tableur|tableau|graphique|statistique|moyenne|dados|planilha|tabela|estatistic|media |dati |tabella|statistic|analisi|данны|таблиц|график|диаграмм|статистик|регресси|корреляц|средн|медиан|анализ|тренд'],
  [10, 1.5, '数据|數據|表格|图表|圖表|统计|統計|回归|回歸|相关性|平均|中位数|分析|趋势|趨勢|数据集|データ|グラフ|相関|中央値|傾向|데이터|그래프|통계|회귀|상관|평균|중앙값|분석|추세'],
  // 11 everyday / chat / other
  [11, 1, 'recipe|cook|bake|baking|travel|trip|vacation|holiday|gift|birthday|relationship|boyfriend|girlfriend|wife|husband|friend|dog |dogs|cat |cats|pet |pets|hobby|weather|how are you|hello|hi |hey |thanks|thank you|movie|film|game |games|music|restaurant|cleaning|garden|wedding|party|joke|kids|mom |dad |apartment|clothes|outfit|shopping|dinner|lunch|breakfast|receta|cocinar|viaje|regalo|cumpleanos|amigo|perro|gato|hola|gracias|pelicula|rezept|kochen|backen|reise|urlaub|geschenk|geburtstag|freund|hund|katze|hallo|danke|recette|cuisiner|voyage|vacances|cadeau|anniversaire|chien|bonjour|merci|receita|cozinhar|viagem|ferias|presente|aniversario|cachorro|obrigad|ricetta|cucinare|viaggio|vacanza|compleanno|amico|cane |gatto|ciao|grazie|рецепт|путешеств|отпуск|подар|день рождения|друг|собак|кошк|привет|спасибо|фильм'],
  [11, 1.5, '食谱|食譜|做饭|旅行|旅游|礼物|禮物|生日|朋友|你好|谢谢|謝謝|电影|電影|レシピ|料理|プレゼント|誕生日|友達|こんにちは|ありがとう|映画|레시피|요리|여행|선물|생일|친구|강아지|고양이|안녕|감사|영화'],
];
