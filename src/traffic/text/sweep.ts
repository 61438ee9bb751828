/**
 * `capability_sweep` (extraction campaign): systematic sweeps across
 * capability areas. A campaign fixes a modest set of skeletons from `shared`
 * and walks their slot values in order (mixed radix, first slot fastest), so
 * its accounts ask the same shapes of question over and over with the values
 * changing. With probability `paraphrase` a request uses the skeleton's
 * alternative wording, moves or swaps the demand for detail, and adds filler.
 */
import type { Rng } from '../rng.js';
import { compile, fill, join, langIndex, sample, tokens, tr, user, type ML, type Tpl } from './gen.js';
import { DETAIL, FILLER_POST, FILLER_PRE } from './phrases.js';
import { problem } from './problems.js';
import { draftText } from './writing.js';
import * as S from './sweep-slots.js';
import { LANGS, type Lang, type TaskOptions, type TaskSource } from './types.js';

/** A slot filled either by walking a value list or by a generator. */
type Slot = readonly ML[] | ((r: Rng, lang: Lang, li: number) => string);

interface SkeletonDef {
  area: string;
  names: readonly string[];
  slots: readonly Slot[];
  main: ML;
  alt: ML;
}

const mathProblem: Slot = (r, _lang, li) => problem(r, 'math', li);
const sourceText: Slot = (r, lang) => draftText(r, lang, r.int(3, 5));
const WORDS = S.same('800', '1200', '1500', '2000');

const DEFS: readonly SkeletonDef[] = [
  {
    area: 'coding',
    names: ['plang', 'task', 'extra'],
    slots: [S.PLANG, S.TASK, S.EXTRA],
    main: ['Write a {plang} function that {task}. Include {extra}.', 'Escribe una función en {plang} que {task}. Incluye {extra}.', 'Schreibe eine {plang}-Funktion, die {task}. Füge {extra} hinzu.', 'Écris une fonction {plang} qui {task}. Inclus {extra}.', 'Escreva uma função em {plang} que {task}. Inclua {extra}.', '用{plang}写一个函数，{task}。请附上{extra}。', '{task}{plang}の関数を書いてください。{extra}も含めてください。'],
    alt: ['I need {extra} along with an implementation, in {plang}, of a function that {task}.', 'Necesito {extra} junto con la implementación en {plang} de una función que {task}.', 'Implementiere in {plang} eine Funktion, die {task}. Außerdem gewünscht: {extra}.', 'Il me faut, en {plang}, l’implémentation d’une fonction qui {task}, avec {extra}.', 'Preciso da implementação, em {plang}, de uma função que {task}, com {extra}.', '请实现一个{plang}函数，功能是{task}，并提供{extra}。', '{plang}で、{task}関数を実装してください。あわせて{extra}もお願いします。'],
  },
  {
    area: 'coding',
    names: ['algo', 'plang'],
    slots: [S.ALGO, S.PLANG],
    main: ['Implement {algo} in {plang}. Explain the time and space complexity and provide test cases.', 'Implementa {algo} en {plang}. Explica la complejidad temporal y espacial e incluye casos de prueba.', 'Implementiere {algo} in {plang}. Erkläre Zeit- und Speicherkomplexität und liefere Testfälle.', 'Implémente {algo} en {plang}. Explique la complexité en temps et en espace et fournis des cas de test.', 'Implemente {algo} em {plang}. Explique a complexidade de tempo e espaço e forneça casos de teste.', '用{plang}实现{algo}。解释时间和空间复杂度，并给出测试用例。', '{plang}で{algo}を実装してください。時間計算量と空間計算量を説明し、テストケースも示してください。'],
    alt: ['Could you code up {algo} using {plang}? Afterwards, walk through its complexity (time and memory) and add some tests.', '¿Puedes programar {algo} usando {plang}? Después analiza su complejidad (tiempo y memoria) y añade algunas pruebas.', 'Kannst du {algo} mit {plang} programmieren? Danach bitte die Komplexität (Laufzeit und Speicher) durchgehen und ein paar Tests ergänzen.', 'Tu peux coder {algo} avec {plang} ? Ensuite, détaille sa complexité (temps et mémoire) et ajoute quelques tests.', 'Você pode programar {algo} usando {plang}? Depois, analise a complexidade (tempo e memória) e adicione alguns testes.', '能用{plang}写一下{algo}吗？然后分析它的时间和内存开销，再加几个测试。', '{algo}を{plang}で書いてもらえますか？そのあと計算量（時間とメモリ）を解説し、テストもいくつか追加してください。'],
  },
  {
    area: 'agentic',
    names: ['goal'],
    slots: [S.GOAL],
    main: ['You are an autonomous agent with shell, browser and file-system tools. Produce a step-by-step plan, with the exact tool calls, to {goal}.', 'Eres un agente autónomo con herramientas de terminal, navegador y sistema de archivos. Elabora un plan paso a paso, con las llamadas exactas a herramientas, para {goal}.', 'Du bist ein autonomer Agent mit Shell-, Browser- und Dateisystem-Werkzeugen. Erstelle einen Schritt-für-Schritt-Plan mit den genauen Tool-Aufrufen, um {goal}.', 'Tu es un agent autonome disposant d’un terminal, d’un navigateur et d’un système de fichiers. Produis un plan étape par étape, avec les appels d’outils exacts, pour {goal}.', 'Você é um agente autônomo com ferramentas de terminal, navegador e sistema de arquivos. Produza um plano passo a passo, com as chamadas exatas de ferramentas, para {goal}.', '你是一个可以使用终端、浏览器和文件系统工具的自主智能体。请给出分步计划，并写出每一步具体的工具调用，以便{goal}。', 'あなたはシェル、ブラウザ、ファイルシステムのツールを使える自律エージェントです。{goal}ための手順を、正確なツール呼び出しつきでステップごとに示してください。'],
    alt: ['Plan how an AI agent with a terminal, a web browser and file access would {goal}. List each action and the tool call it makes, in order.', 'Planifica cómo un agente de IA con terminal, navegador y acceso a archivos podría {goal}. Enumera cada acción y la llamada a herramienta correspondiente, en orden.', 'Plane, wie ein KI-Agent mit Terminal, Browser und Dateizugriff vorgehen würde, um {goal}. Liste jede Aktion und den zugehörigen Tool-Aufruf der Reihe nach auf.', 'Planifie comment un agent IA avec un terminal, un navigateur et l’accès aux fichiers pourrait {goal}. Liste chaque action et l’appel d’outil associé, dans l’ordre.', 'Planeje como um agente de IA com terminal, navegador e acesso a arquivos faria para {goal}. Liste cada ação e a chamada de ferramenta correspondente, em ordem.', '请规划一个拥有终端、浏览器和文件访问权限的AI智能体如何{goal}。按顺序列出每个动作及其对应的工具调用。', 'ターミナル、ブラウザ、ファイルアクセスを持つAIエージェントが{goal}には、どう進めればよいか計画してください。各アクションと対応するツール呼び出しを順番に挙げてください。'],
  },
  {
    area: 'agentic',
    names: ['goal'],
    slots: [S.GOAL],
    main: ['Break the following objective into subtasks, dependencies, failure modes and verification steps for an AI agent: {goal}.', 'Descompón el siguiente objetivo en subtareas, dependencias, posibles fallos y pasos de verificación para un agente de IA: {goal}.', 'Zerlege das folgende Ziel für einen KI-Agenten in Teilaufgaben, Abhängigkeiten, Fehlerfälle und Prüfschritte: {goal}.', 'Décompose l’objectif suivant en sous-tâches, dépendances, modes de défaillance et étapes de vérification pour un agent IA : {goal}.', 'Divida o objetivo a seguir em subtarefas, dependências, modos de falha e etapas de verificação para um agente de IA: {goal}.', '请为AI智能体把以下目标拆解为子任务、依赖关系、失败情形和验证步骤：{goal}。', '次の目標を、AIエージェント向けにサブタスク、依存関係、失敗パターン、検証手順に分解してください：{goal}。'],
    alt: ['Objective for an agent: {goal}. Decompose it: what are the subtasks, which depend on which, what can go wrong, and how does the agent check each result?', 'Objetivo para un agente: {goal}. Descomponlo: ¿qué subtareas hay, cuáles dependen de cuáles, qué puede fallar y cómo comprueba el agente cada resultado?', 'Ziel für einen Agenten: {goal}. Zerlege es: Welche Teilaufgaben gibt es, was hängt wovon ab, was kann schiefgehen und wie prüft der Agent jedes Ergebnis?', 'Objectif pour un agent : {goal}. Décompose-le : quelles sous-tâches, quelles dépendances, qu’est-ce qui peut échouer et comment l’agent vérifie-t-il chaque résultat ?', 'Objetivo para um agente: {goal}. Decomponha: quais são as subtarefas, quais dependem de quais, o que pode dar errado e como o agente verifica cada resultado?', '智能体的目标：{goal}。请拆解：有哪些子任务、彼此如何依赖、可能出什么问题、智能体如何检查每一步的结果？', 'エージェントの目標：{goal}。分解してください：どんなサブタスクがあり、どれがどれに依存し、何が失敗しうるか、各結果をエージェントはどう確認するか。'],
  },
  {
    area: 'knowledge',
    names: ['concept', 'audience'],
    slots: [S.CONCEPT, S.AUDIENCE],
    main: ['Explain {concept} to {audience}.', 'Explica {concept} a {audience}.', 'Erkläre {concept} für {audience}.', 'Explique {concept} à {audience}.', 'Explique {concept} para {audience}.', '请向{audience}解释{concept}。', '{audience}向けに{concept}を説明してください。'],
    alt: ['How would you describe {concept} so that {audience} really understands it?', '¿Cómo describirías {concept} para que {audience} lo entienda de verdad?', 'Beschreibe {concept} so, dass es auch für {audience} wirklich verständlich ist.', 'Comment décrirais-tu {concept} pour que {audience} le comprenne vraiment ?', 'Como você descreveria {concept} de modo que {audience} realmente entenda?', '你会如何描述{concept}，让{audience}真正理解？', '{audience}が本当に理解できるように、{concept}をどう説明しますか？'],
  },
  {
    area: 'knowledge',
    names: ['concept'],
    slots: [S.CONCEPT],
    main: ['Write a comprehensive overview of {concept}: history, key ideas, current research and common misconceptions.', 'Escribe una panorámica completa sobre {concept}: historia, ideas clave, investigación actual y errores comunes.', 'Schreibe einen umfassenden Überblick über {concept}: Geschichte, Kernideen, aktuelle Forschung und häufige Irrtümer.', 'Rédige une synthèse complète sur {concept} : histoire, idées clés, recherche actuelle et idées reçues.', 'Escreva um panorama completo sobre {concept}: história, ideias-chave, pesquisa atual e equívocos comuns.', '请全面概述{concept}：历史、核心思想、当前研究和常见误解。', '{concept}について、歴史、主要な考え方、最新の研究、よくある誤解を網羅した概説を書いてください。'],
    alt: ['I want to really understand {concept}. Cover where the idea came from, the core concepts, what researchers are working on now, and what people usually get wrong.', 'Quiero entender de verdad {concept}. Cuéntame de dónde viene la idea, los conceptos centrales, en qué se investiga ahora y en qué suele equivocarse la gente.', 'Ich will {concept} wirklich verstehen. Erkläre, woher die Idee kommt, die Kernkonzepte, woran heute geforscht wird und was die Leute meist falsch verstehen.', 'Je veux vraiment comprendre {concept}. Explique d’où vient l’idée, les notions centrales, ce sur quoi on travaille aujourd’hui et ce que l’on comprend souvent mal.', 'Quero entender de verdade {concept}. Explique de onde vem a ideia, os conceitos centrais, o que se pesquisa hoje e o que as pessoas costumam entender errado.', '我想真正弄懂{concept}。请讲讲这个概念的由来、核心内容、目前的研究方向，以及人们常见的误解。', '{concept}を本当に理解したいです。考え方の起源、中心となる概念、現在の研究、そして誤解されやすい点を教えてください。'],
  },
  {
    area: 'knowledge',
    names: ['pair', 'aspect'],
    slots: [S.PAIR, S.ASPECT],
    main: ['Compare {pair} in detail. Cover {aspect}.', 'Compara en detalle {pair}. Aborda {aspect}.', 'Vergleiche {pair} im Detail. Behandle {aspect}.', 'Compare en détail {pair}. Aborde {aspect}.', 'Compare em detalhe {pair}. Aborde {aspect}.', '请详细比较{pair}，涵盖{aspect}。', '{pair}を詳しく比較してください。{aspect}を扱ってください。'],
    alt: ['What are the real differences between {pair}? Please go through {aspect}.', '¿Cuáles son las diferencias reales entre {pair}? Repasa {aspect}.', 'Worin unterscheiden sich {pair} wirklich? Geh dabei auf {aspect} ein.', 'Quelles sont les vraies différences entre {pair} ? Passe en revue {aspect}.', 'Quais são as diferenças reais entre {pair}? Passe por {aspect}.', '{pair}到底有什么区别？请从{aspect}几个方面讲。', '{pair}の本当の違いは何ですか？{aspect}について順に説明してください。'],
  },
  {
    area: 'math',
    names: ['prob'],
    slots: [mathProblem],
    main: ['Solve the following problem and give a complete, rigorous solution:\n{prob}', 'Resuelve el siguiente problema y da una solución completa y rigurosa:\n{prob}', 'Löse die folgende Aufgabe mit einer vollständigen, rigorosen Lösung:\n{prob}', 'Résous le problème suivant et donne une solution complète et rigoureuse :\n{prob}', 'Resolva o problema a seguir e dê uma solução completa e rigorosa:\n{prob}', '请解答下面的问题，并给出完整严谨的解答：\n{prob}', '次の問題を解き、完全で厳密な解答を示してください：\n{prob}'],
    alt: ['{prob}\nI need the full worked solution, justified at every step.', '{prob}\nNecesito la solución desarrollada, justificada en cada paso.', '{prob}\nIch brauche den vollständigen Lösungsweg, jeder Schritt begründet.', '{prob}\nJ’ai besoin de la solution entièrement rédigée, chaque étape justifiée.', '{prob}\nPreciso da resolução completa, com cada passo justificado.', '{prob}\n请给出完整的解题过程，每一步都要有依据。', '{prob}\nすべてのステップに根拠をつけた完全な解答をお願いします。'],
  },
  {
    area: 'math',
    names: ['theorem'],
    slots: [S.THEOREM],
    main: ['Prove that {theorem}. Give a full proof and then explain the intuition.', 'Demuestra que {theorem}. Da una demostración completa y luego explica la intuición.', 'Beweise, dass {theorem}. Gib einen vollständigen Beweis und erkläre danach die Intuition.', 'Démontre que {theorem}. Donne une preuve complète puis explique l’intuition.', 'Prove que {theorem}. Dê uma demonstração completa e depois explique a intuição.', '证明{theorem}。先给出完整证明，再解释其直观含义。', '{theorem}ことを証明してください。完全な証明を示したうえで、直観的な意味も説明してください。'],
    alt: ['Why is it true that {theorem}? I want a rigorous proof, followed by an intuitive explanation.', '¿Por qué es cierto que {theorem}? Quiero una demostración rigurosa y después una explicación intuitiva.', 'Warum gilt, dass {theorem}? Ich möchte einen strengen Beweis und danach eine anschauliche Erklärung.', 'Pourquoi est-il vrai que {theorem} ? Je veux une démonstration rigoureuse, puis une explication intuitive.', 'Por que é verdade que {theorem}? Quero uma prova rigorosa e depois uma explicação intuitiva.', '为什么{theorem}？请给出严格证明，再做直观解释。', 'なぜ{theorem}と言えるのですか？厳密な証明と、そのあとに直観的な説明をお願いします。'],
  },
  {
    area: 'law',
    names: ['legal', 'juris'],
    slots: [S.LEGAL, S.JURIS],
    main: ['Explain how {legal} works under {juris} law, with examples of typical cases.', 'Explica cómo funciona {legal} según el derecho {juris}, con ejemplos de casos típicos.', 'Erkläre, wie {legal} nach {juris} Recht funktioniert, mit Beispielen typischer Fälle.', 'Explique comment fonctionne {legal} en droit {juris}, avec des exemples de cas typiques.', 'Explique como funciona {legal} no direito {juris}, com exemplos de casos típicos.', '请解释{juris}法律中的{legal}是如何运作的，并举出典型案例。', '{juris}法における{legal}の仕組みを、典型的な事例を挙げて説明してください。'],
    alt: ['In {juris} law, what are the rules on {legal}? Walk through a few typical scenarios.', 'En el derecho {juris}, ¿qué reglas rigen {legal}? Repasa algunos escenarios típicos.', 'Welche Regeln gelten nach {juris} Recht für {legal}? Geh ein paar typische Szenarien durch.', 'En droit {juris}, quelles règles encadrent {legal} ? Passe en revue quelques scénarios typiques.', 'No direito {juris}, quais são as regras sobre {legal}? Percorra alguns cenários típicos.', '在{juris}法律下，关于{legal}有哪些规定？请结合几个典型情形说明。', '{juris}法では{legal}についてどのような決まりがありますか？典型的なケースをいくつか挙げて説明してください。'],
  },
  {
    area: 'medicine',
    names: ['condition'],
    slots: [S.CONDITION],
    main: ['Describe the causes, symptoms, diagnosis and standard treatment of {condition}.', 'Describe {condition}: causas, síntomas, diagnóstico y tratamiento habitual.', 'Beschreibe Ursachen, Symptome, Diagnose und Standardbehandlung von {condition}.', 'Décris {condition} : causes, symptômes, diagnostic et traitement standard.', 'Descreva {condition}: causas, sintomas, diagnóstico e tratamento padrão.', '请介绍{condition}的病因、症状、诊断和标准治疗。', '{condition}の原因、症状、診断、標準的な治療について説明してください。'],
    alt: ['What causes {condition}, how is it recognised and diagnosed, and how is it usually treated?', '¿Qué causa {condition}, cómo se reconoce y diagnostica, y cómo se suele tratar?', 'Was verursacht {condition}, wie wird die Erkrankung erkannt und diagnostiziert, und wie wird sie üblicherweise behandelt?', 'Qu’est-ce qui provoque {condition} ? Comment pose-t-on le diagnostic et quel est le traitement habituel ?', 'O que causa {condition}, como é feito o diagnóstico e qual é o tratamento habitual?', '{condition}是由什么引起的？如何识别和诊断？通常怎么治疗？', '{condition}はなぜ起こり、どのように診断され、通常どう治療されますか？'],
  },
  {
    area: 'creative',
    names: ['form', 'subject', 'style'],
    slots: [S.FORM, S.SUBJECT, S.STYLE],
    main: ['Write {form} about {subject} in the style of {style}.', 'Escribe {form} sobre {subject} al estilo de {style}.', 'Schreibe {form} über {subject} im Stil von {style}.', 'Écris {form} sur {subject} à la manière de {style}.', 'Escreva {form} sobre {subject} no estilo de {style}.', '以{style}的风格，写一篇关于{subject}的{form}。', '{style}風に、{subject}をテーマにした{form}を書いてください。'],
    alt: ['Imagine {style} writing about {subject}. Produce {form} in that voice.', 'Imagina a {style} escribiendo sobre {subject}. Escribe {form} con esa voz.', 'Stell dir vor, {style} schreibt über {subject}. Verfasse {form} in dieser Stimme.', 'Imagine {style} écrivant sur {subject}. Rédige {form} avec cette voix.', 'Imagine {style} escrevendo sobre {subject}. Produza {form} com essa voz.', '想象{style}在写{subject}。请用这种口吻写一篇{form}。', '{style}が{subject}について書いたらどうなるか想像して、その文体で{form}を書いてください。'],
  },
  {
    area: 'creative',
    names: ['subject', 'n'],
    slots: [S.SUBJECT, WORDS],
    main: ['Write the opening chapter (about {n} words) of a novel about {subject}. Rich description, strong characters.', 'Escribe el primer capítulo (unas {n} palabras) de una novela sobre {subject}. Descripciones ricas y personajes sólidos.', 'Schreibe das erste Kapitel (etwa {n} Wörter) eines Romans über {subject}. Dichte Beschreibungen, starke Figuren.', 'Écris le premier chapitre (environ {n} mots) d’un roman sur {subject}. Descriptions riches, personnages forts.', 'Escreva o primeiro capítulo (cerca de {n} palavras) de um romance sobre {subject}. Descrições ricas e personagens marcantes.', '写一部关于{subject}的小说的第一章（约{n}字），描写细腻，人物鲜明。', '{subject}を題材にした小説の第1章（約{n}字）を書いてください。描写は豊かに、人物は魅力的に。'],
    alt: ['Start a novel about {subject}: I need a first chapter of roughly {n} words with vivid scenes and memorable characters.', 'Empieza una novela sobre {subject}: necesito un primer capítulo de unas {n} palabras con escenas vívidas y personajes memorables.', 'Beginne einen Roman über {subject}: Ich brauche ein erstes Kapitel mit ungefähr {n} Wörtern, lebendigen Szenen und einprägsamen Figuren.', 'Commence un roman sur {subject} : il me faut un premier chapitre d’environ {n} mots, avec des scènes vivantes et des personnages marquants.', 'Comece um romance sobre {subject}: preciso de um primeiro capítulo de umas {n} palavras, com cenas vívidas e personagens memoráveis.', '以{subject}为题开始一部小说：请写大约{n}字的第一章，场景生动，人物令人难忘。', '{subject}についての小説を書き始めてください。生き生きとした場面と印象的な人物を含む、約{n}字の第1章が必要です。'],
  },
  {
    area: 'translation',
    names: ['target', 'text'],
    slots: [S.TARGET, sourceText],
    main: ['Translate the following text into {target}, preserving tone and idioms:\n\n{text}', 'Traduce el siguiente texto al {target}, conservando el tono y las expresiones idiomáticas:\n\n{text}', 'Übersetze den folgenden Text ins {target}, Ton und Redewendungen sollen erhalten bleiben:\n\n{text}', 'Traduis le texte suivant en {target}, en conservant le ton et les expressions :\n\n{text}', 'Traduza o texto a seguir para o {target}, preservando o tom e as expressões idiomáticas:\n\n{text}', '请把下面的文字翻译成{target}，保留语气和习语：\n\n{text}', '次の文章を{target}に翻訳してください。語調や慣用表現は保ってください：\n\n{text}'],
    alt: ['{text}\n\nPlease render the passage above in {target}. Keep the register and idiomatic expressions natural.', '{text}\n\nPasa el fragmento anterior al {target}, manteniendo el registro y que las expresiones suenen naturales.', '{text}\n\nBitte übertrage den obigen Abschnitt ins {target} und achte auf Stil und natürliche Redewendungen.', '{text}\n\nMerci de rendre ce passage en {target}, en gardant le registre et des expressions naturelles.', '{text}\n\nPasse o trecho acima para o {target}, mantendo o registro e expressões naturais.', '{text}\n\n请把上面这段话译成{target}，保持语体，习语要自然。', '{text}\n\n上の文章を{target}にしてください。文体を保ち、慣用表現は自然に。'],
  },
  {
    area: 'analysis',
    names: ['debate'],
    slots: [S.DEBATE],
    main: ['Summarize the strongest arguments for and against {debate}, then give a balanced conclusion.', 'Resume los argumentos más sólidos a favor y en contra de {debate} y luego da una conclusión equilibrada.', 'Fasse die stärksten Argumente für und gegen {debate} zusammen und ziehe dann ein ausgewogenes Fazit.', 'Résume les meilleurs arguments pour et contre {debate}, puis donne une conclusion équilibrée.', 'Resuma os argumentos mais fortes a favor e contra {debate} e depois dê uma conclusão equilibrada.', '请总结支持和反对{debate}的最有力论点，然后给出平衡的结论。', '{debate}に賛成・反対する最も強い論拠をまとめ、バランスの取れた結論を示してください。'],
    alt: ['People disagree about {debate}. Lay out the best case on each side and then weigh them fairly.', 'Hay opiniones enfrentadas sobre {debate}. Expón el mejor argumento de cada lado y luego sopésalos con justicia.', 'Zum Thema „{debate}“ gehen die Meinungen auseinander. Stelle die besten Argumente beider Seiten dar und wäge sie fair ab.', 'Les avis divergent sur {debate}. Présente le meilleur argument de chaque camp, puis pèse-les honnêtement.', 'As opiniões divergem sobre {debate}. Apresente o melhor argumento de cada lado e depois pese-os com justiça.', '人们对{debate}看法不一。请分别阐述双方最有力的理由，再公正地权衡。', '{debate}については意見が分かれています。双方の最も強い主張を示し、公平に比較検討してください。'],
  },
  {
    area: 'business',
    names: ['doc', 'business'],
    slots: [S.DOCTYPE, S.BUSINESS],
    main: ['Create a detailed {doc} for {business}.', 'Elabora, con todo detalle, el siguiente documento para {business}: {doc}.', 'Erstelle für {business} ein ausführliches Dokument: {doc}.', 'Rédige pour {business} un document détaillé : {doc}.', 'Elabore para {business} um documento detalhado: {doc}.', '请为{business}制定一份详细的{doc}。', '{business}向けに詳細な{doc}を作成してください。'],
    alt: ['I am launching {business}. Draft the {doc} for it, with sections, numbers and assumptions spelled out.', 'Voy a lanzar {business}. Redacta el documento «{doc}», con secciones, cifras y supuestos explícitos.', 'Ich gründe {business}. Entwirf dafür das Dokument „{doc}“ mit Abschnitten, Zahlen und ausdrücklich genannten Annahmen.', 'Je lance {business}. Rédige le document « {doc} », avec sections, chiffres et hypothèses explicites.', 'Vou lançar {business}. Redija o documento "{doc}", com seções, números e premissas explícitas.', '我要创办{business}。请起草一份{doc}，分章节列出数字和假设。', '{business}を立ち上げます。章立て、数字、前提を明記した{doc}を作成してください。'],
  },
];

interface Skeleton {
  def: SkeletonDef;
  main: readonly Tpl[];
  alt: readonly Tpl[];
  /** Number of walked combinations (product of list sizes). */
  combos: number;
}

export const SKELETONS: readonly Skeleton[] = DEFS.map((def) => {
  let combos = 1;
  for (const s of def.slots) if (typeof s !== 'function') combos *= s.length;
  return {
    def,
    main: LANGS.map((_, i) => compile(tr(def.main, i), def.names)),
    alt: LANGS.map((_, i) => compile(tr(def.alt, i), def.names)),
    combos,
  };
});

const REPLIES: Record<Lang, readonly string[]> = {
  en: ['Here is a comprehensive answer, organised in sections.', 'Below is a detailed treatment, starting with the fundamentals.', 'Here is the full solution with explanations.'],
  es: ['Aquí tienes una respuesta completa, organizada por secciones.', 'A continuación, un tratamiento detallado desde los fundamentos.'],
  de: ['Hier ist eine umfassende Antwort, in Abschnitte gegliedert.', 'Im Folgenden eine ausführliche Darstellung, beginnend mit den Grundlagen.'],
  fr: ['Voici une réponse complète, organisée en sections.', 'Voici un traitement détaillé, en partant des bases.'],
  pt: ['Aqui está uma resposta completa, organizada em seções.', 'A seguir, um tratamento detalhado a partir dos fundamentos.'],
  zh: ['以下是分章节整理的完整回答。', '下面从基础开始进行详细说明。'],
  ja: ['セクションごとに整理した詳しい回答です。', '基礎から順に詳しく説明します。'],
};

/** Fills a skeleton's slots: walked lists by `combo` (first slot fastest), generators from `r`. */
function fillSkeleton(sk: Skeleton, tpl: Tpl, combo: number, r: Rng, lang: Lang, li: number): string {
  const slots = sk.def.slots;
  const vals = ['', '', '', '', ''];
  let rest = combo;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i] as Slot;
    if (typeof s === 'function') {
      vals[i] = s(r, lang, li);
    } else {
      vals[i] = tr(s[rest % s.length] as ML, li);
      rest = Math.floor(rest / s.length);
    }
  }
  return fill(tpl, vals[0], vals[1], vals[2], vals[3], vals[4]);
}

export function createCapabilitySweep(shared: Rng, opts: TaskOptions): TaskSource {
  const lang = opts.lang;
  const li = langIndex(lang);
  const skeletons = sample(shared, SKELETONS, shared.int(6, 15));
  const detail = sample(shared, DETAIL[lang], shared.int(1, 2));
  const detailRate = 0.5 + shared.next() * 0.45;
  const paraphrase = opts.paraphrase;
  let cursor = -1;
  return {
    next(ctx) {
      const r = ctx.rng;
      // Each account starts its walk at its own point and then proceeds in order.
      if (cursor < 0) cursor = r.int(0, 1_000_000);
      const k = skeletons.length;
      const sk = skeletons[cursor % k] as Skeleton;
      const combo = Math.floor(cursor / k) % sk.combos;
      cursor++;
      let text: string;
      if (r.chance(paraphrase)) {
        text = fillSkeleton(sk, (r.chance(0.7) ? sk.alt[li] : sk.main[li]) as Tpl, combo, r, lang, li);
        const roll = r.next();
        if (roll < 0.35) text = join(lang, r.pick(DETAIL[lang]), text);
        else if (roll < 0.7) text = join(lang, text, r.pick(DETAIL[lang]));
        if (r.chance(0.6)) text = join(lang, r.pick(FILLER_PRE[lang]), text);
        if (r.chance(0.4)) text = join(lang, text, r.pick(FILLER_POST[lang]));
      } else {
        text = fillSkeleton(sk, sk.main[li] as Tpl, combo, r, lang, li);
        if (r.chance(detailRate)) text = join(lang, text, r.pick(detail));
      }
      return { messages: [user(text)], response: r.pick(REPLIES[lang]), completionTokens: tokens(r, 1200, 0.45, 400, 2500) };
    },
  };
}
