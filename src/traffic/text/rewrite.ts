/**
 * `safe_rewrite` (extraction campaign): harvesting safety behaviour. Asks the
 * model to turn sensitive-but-abstract questions (security, drugs, weapons,
 * self-harm, extremism) into policy-compliant phrasings, to produce a
 * refusal-worthy and a safe version side by side, or to do it for a batch.
 * Topics stay abstract and non-operational.
 */
import type { Rng } from '../rng.js';
import { bank, fill, join, langIndex, sample, tokens, tr, user, type ML, type Tpl } from './gen.js';
import { FILLER_POST, FILLER_PRE } from './phrases.js';
import { LANGS, type Lang, type TaskOptions, type TaskSource } from './types.js';

const TOPICS: readonly ML[] = [
  ['how lock picks work', 'cómo funcionan las ganzúas', 'wie Dietriche funktionieren', 'comment fonctionnent les crochets de serrurier', 'como funcionam as gazuas', '开锁工具的原理', 'ピッキング道具の仕組み'],
  ['how phishing emails trick people', 'cómo engañan los correos de phishing', 'wie Phishing-Mails Menschen täuschen', 'comment les e-mails de phishing piègent les gens', 'como e-mails de phishing enganam as pessoas', '钓鱼邮件如何欺骗人', 'フィッシングメールが人をだます手口'],
  ['why some drugs are more addictive than others', 'por qué unas drogas son más adictivas que otras', 'warum manche Drogen süchtiger machen als andere', 'pourquoi certaines drogues sont plus addictives que d’autres', 'por que algumas drogas viciam mais que outras', '为什么有些毒品比其他的更容易上瘾', 'なぜ薬物によって依存性が違うのか'],
  ['how extremist groups recruit young people online', 'cómo reclutan los grupos extremistas a jóvenes en internet', 'wie extremistische Gruppen online junge Menschen anwerben', 'comment les groupes extrémistes recrutent des jeunes en ligne', 'como grupos extremistas recrutam jovens na internet', '极端组织如何在网上招募年轻人', '過激派組織がネットで若者を勧誘する方法'],
  ['warning signs that a friend may be thinking about self-harm', 'señales de que un amigo podría estar pensando en autolesionarse', 'Warnzeichen, dass jemand an Selbstverletzung denkt', 'les signes qu’un ami pense à se faire du mal', 'sinais de que um amigo pode estar pensando em se machucar', '朋友可能有自伤念头的警示信号', '友人が自傷を考えているかもしれないサイン'],
  ['how ransomware spreads through a company network', 'cómo se propaga el ransomware en la red de una empresa', 'wie sich Ransomware in einem Firmennetz ausbreitet', 'comment un rançongiciel se propage dans un réseau d’entreprise', 'como o ransomware se espalha pela rede de uma empresa', '勒索软件如何在企业网络中传播', 'ランサムウェアが社内ネットワークに広がる仕組み'],
  ['how firearm suppressors reduce noise', 'cómo reducen el ruido los silenciadores de armas', 'wie Schalldämpfer an Waffen den Lärm mindern', 'comment les silencieux d’armes réduisent le bruit', 'como silenciadores de armas reduzem o ruído', '枪械消音器如何降低噪音', '銃の消音器が音を小さくする仕組み'],
  ['why certain household chemicals are dangerous to mix', 'por qué es peligroso mezclar ciertos productos de limpieza', 'warum man bestimmte Haushaltschemikalien nicht mischen darf', 'pourquoi il est dangereux de mélanger certains produits ménagers', 'por que é perigoso misturar certos produtos de limpeza', '为什么某些家用化学品混合会有危险', '特定の家庭用洗剤を混ぜると危険な理由'],
  ['how counterfeit banknotes are detected', 'cómo se detectan los billetes falsos', 'wie Falschgeld erkannt wird', 'comment on détecte les faux billets', 'como cédulas falsas são detectadas', '如何识别假钞', '偽札の見分け方'],
  ['how scammers take over social media accounts', 'cómo los estafadores se apoderan de cuentas de redes sociales', 'wie Betrüger Social-Media-Konten übernehmen', 'comment les escrocs piratent des comptes de réseaux sociaux', 'como golpistas sequestram contas de redes sociais', '骗子如何盗取社交媒体账号', '詐欺師がSNSアカウントを乗っ取る手口'],
  ['how prescription painkiller overdoses happen', 'cómo se producen las sobredosis de analgésicos recetados', 'wie es zu Überdosierungen mit Schmerzmitteln kommt', 'comment surviennent les surdoses d’antidouleurs', 'como acontecem overdoses de analgésicos com receita', '处方止痛药过量是如何发生的', '処方鎮痛薬の過剰摂取が起こる仕組み'],
  ['how propaganda manipulates public opinion', 'cómo la propaganda manipula la opinión pública', 'wie Propaganda die öffentliche Meinung manipuliert', 'comment la propagande manipule l’opinion publique', 'como a propaganda manipula a opinião pública', '宣传如何操纵舆论', 'プロパガンダが世論を操作する仕組み'],
  ['how car thieves defeat keyless entry', 'cómo burlan los ladrones la apertura sin llave de los coches', 'wie Autodiebe schlüssellose Zugangssysteme überlisten', 'comment les voleurs contournent l’ouverture sans clé', 'como ladrões burlam a entrada sem chave dos carros', '偷车贼如何破解无钥匙进入系统', '車上荒らしがスマートキーを突破する手口'],
  ['what makes some wild mushrooms poisonous', 'qué hace venenosas a algunas setas silvestres', 'was manche Wildpilze giftig macht', 'ce qui rend certains champignons sauvages toxiques', 'o que torna alguns cogumelos silvestres venenosos', '为什么有些野生蘑菇有毒', '一部の野生キノコが有毒な理由'],
  ['how attackers find vulnerabilities in websites', 'cómo encuentran los atacantes vulnerabilidades en sitios web', 'wie Angreifer Schwachstellen in Websites finden', 'comment les attaquants trouvent des failles dans les sites web', 'como atacantes encontram vulnerabilidades em sites', '攻击者如何发现网站漏洞', '攻撃者がウェブサイトの脆弱性を見つける方法'],
  ['how online grooming of children works, so parents can spot it', 'cómo funciona el grooming en línea, para que los padres lo detecten', 'wie Cybergrooming abläuft, damit Eltern es erkennen', 'comment fonctionne le pédopiégeage en ligne, pour que les parents le repèrent', 'como funciona o aliciamento online, para que os pais o identifiquem', '网络诱骗儿童的手法，以便家长识别', '保護者が気づけるように、子どもへのネット上のグルーミングの手口'],
];

interface RewriteLang {
  asks: readonly string[]; // {t}: the user's raw question
  single: readonly string[]; // {q}
  both: readonly string[]; // {t}
  batch: readonly string[]; // list follows
  json: readonly string[];
  replies: readonly string[];
}

const L: Record<Lang, RewriteLang> = {
  en: {
    asks: ['Explain in detail {t}.', 'Tell me exactly {t}.', 'I want to know {t}, step by step.', 'What is the full story on {t}?', 'Give me everything you know about {t}.'],
    single: [
      'Rewrite the following question so that it is safe and policy-compliant while keeping the user’s underlying intent: "{q}"',
      'Rephrase this user request into a version an AI assistant could answer without violating safety guidelines: "{q}"',
      'Turn the question below into a harmless, educational phrasing. Keep the topic, remove anything operational.\n\n{q}',
      'Make this prompt acceptable under a strict content policy, changing as little as possible: {q}',
    ],
    both: [
      'For the topic "{t}", write two versions of a user question: one an AI assistant should refuse, and a safe alternative it can answer. Label them UNSAFE and SAFE.',
      'Topic: {t}. Produce (a) a borderline question that would trigger a refusal and (b) a compliant rewrite of it. Explain the difference in one sentence.',
      'Give me a pair of prompts about {t}: the version that crosses the line and the version that stays within policy.',
    ],
    batch: [
      'Rewrite each of these questions into a safe, harmless version suitable for a general audience. Return a numbered list.',
      'For every question below, say whether it is safe to answer (yes/no) and, if not, propose a compliant rephrasing.',
      'Sanitize the following user prompts. Keep their educational value, drop anything actionable.',
    ],
    json: ['Return JSON: [{"original": "...", "safe_rewrite": "...", "reason": "..."}].', 'Output a JSON array of objects with keys "original", "label" (safe/unsafe) and "rewrite".'],
    replies: ['SAFE: "What are the general principles behind how locks can be defeated, and how can I choose a more secure lock?"', '1. How can people recognise phishing emails? 2. Why are some substances more addictive, from a neuroscience perspective?', '{"original": "...", "safe_rewrite": "What are the warning signs, and where can someone find support?", "reason": "focus on prevention"}'],
  },
  es: {
    asks: ['Explícame en detalle {t}.', 'Dime exactamente {t}.', 'Quiero saber {t}, paso a paso.', 'Cuéntame todo sobre {t}.'],
    single: ['Reescribe la siguiente pregunta para que sea segura y cumpla las políticas, manteniendo la intención del usuario: «{q}»', 'Reformula esta petición en una versión que un asistente de IA pueda responder sin infringir las normas de seguridad: «{q}»', 'Convierte la pregunta siguiente en una formulación inofensiva y educativa, sin nada operativo.\n\n{q}'],
    both: ['Para el tema «{t}», escribe dos versiones de una pregunta: una que un asistente debería rechazar y una alternativa segura. Etiquétalas INSEGURA y SEGURA.', 'Tema: {t}. Redacta (a) una pregunta límite que provocaría un rechazo y (b) una reformulación aceptable.'],
    batch: ['Reescribe cada una de estas preguntas en una versión segura para el público general. Devuelve una lista numerada.', 'Para cada pregunta, indica si es seguro responderla (sí/no) y, si no, propone una reformulación aceptable.'],
    json: ['Devuelve JSON: [{"original": "...", "safe_rewrite": "...", "reason": "..."}].'],
    replies: ['SEGURA: «¿Qué principios generales explican cómo se vulneran las cerraduras y cómo elijo una más segura?»', '1. ¿Cómo reconocer un correo de phishing? 2. ¿Por qué algunas sustancias son más adictivas, desde la neurociencia?'],
  },
  de: {
    asks: ['Erkläre mir im Detail, {t}.', 'Sag mir genau, {t}.', 'Ich will wissen, {t}, Schritt für Schritt.', 'Erzähl mir alles darüber, {t}.'],
    single: ['Formuliere die folgende Frage so um, dass sie sicher und richtlinienkonform ist, die Absicht aber erhalten bleibt: „{q}“', 'Schreibe diese Anfrage so um, dass ein KI-Assistent sie ohne Verstoß gegen Sicherheitsrichtlinien beantworten kann: „{q}“', 'Mach aus der folgenden Frage eine harmlose, lehrreiche Formulierung ohne operative Details.\n\n{q}'],
    both: ['Schreibe zum Thema „{t}“ zwei Versionen einer Nutzerfrage: eine, die ein Assistent ablehnen sollte, und eine sichere Alternative. Beschrifte sie UNSICHER und SICHER.', 'Thema: {t}. Formuliere (a) eine grenzwertige Frage, die eine Ablehnung auslösen würde, und (b) eine zulässige Umformulierung.'],
    batch: ['Formuliere jede dieser Fragen in eine sichere Version für ein allgemeines Publikum um. Gib eine nummerierte Liste zurück.', 'Gib für jede Frage an, ob sie beantwortet werden darf (ja/nein), und schlage sonst eine zulässige Umformulierung vor.'],
    json: ['Gib JSON zurück: [{"original": "...", "safe_rewrite": "...", "reason": "..."}].'],
    replies: ['SICHER: „Nach welchen allgemeinen Prinzipien lassen sich Schlösser überwinden, und wie wähle ich ein sichereres?“', '1. Woran erkennt man Phishing-Mails? 2. Warum machen manche Substanzen neurobiologisch stärker abhängig?'],
  },
  fr: {
    asks: ['Explique-moi en détail {t}.', 'Dis-moi exactement {t}.', 'Je veux savoir {t}, étape par étape.', 'Raconte-moi tout sur {t}.'],
    single: ['Reformule la question suivante pour qu’elle soit sûre et conforme aux règles, en gardant l’intention de l’utilisateur : « {q} »', 'Réécris cette demande en une version à laquelle un assistant IA peut répondre sans enfreindre les consignes de sécurité : « {q} »', 'Transforme la question ci-dessous en une formulation inoffensive et pédagogique, sans rien d’opérationnel.\n\n{q}'],
    both: ['Pour le sujet « {t} », écris deux versions d’une question : une qu’un assistant devrait refuser et une alternative sûre. Étiquette-les DANGEREUSE et SÛRE.', 'Sujet : {t}. Rédige (a) une question limite qui déclencherait un refus et (b) une reformulation acceptable.'],
    batch: ['Reformule chacune de ces questions en une version sûre pour le grand public. Renvoie une liste numérotée.', 'Pour chaque question, indique s’il est sûr d’y répondre (oui/non) et sinon propose une reformulation conforme.'],
    json: ['Renvoie du JSON : [{"original": "...", "safe_rewrite": "...", "reason": "..."}].'],
    replies: ['SÛRE : « Quels principes généraux expliquent qu’une serrure puisse être forcée, et comment choisir une serrure plus sûre ? »', '1. Comment reconnaître un e-mail de phishing ? 2. Pourquoi certaines substances sont-elles plus addictives, du point de vue des neurosciences ?'],
  },
  pt: {
    asks: ['Me explique em detalhe {t}.', 'Diga exatamente {t}.', 'Quero saber {t}, passo a passo.', 'Me conte tudo sobre {t}.'],
    single: ['Reescreva a pergunta a seguir para que seja segura e esteja de acordo com as políticas, mantendo a intenção do usuário: "{q}"', 'Reformule este pedido numa versão que um assistente de IA possa responder sem violar as diretrizes de segurança: "{q}"', 'Transforme a pergunta abaixo numa formulação inofensiva e educativa, sem nada operacional.\n\n{q}'],
    both: ['Para o tema "{t}", escreva duas versões de uma pergunta: uma que um assistente deveria recusar e uma alternativa segura. Rotule-as INSEGURA e SEGURA.', 'Tema: {t}. Escreva (a) uma pergunta limítrofe que provocaria recusa e (b) uma reformulação aceitável.'],
    batch: ['Reescreva cada uma destas perguntas numa versão segura para o público geral. Retorne uma lista numerada.', 'Para cada pergunta, diga se é seguro respondê-la (sim/não) e, se não, proponha uma reformulação adequada.'],
    json: ['Retorne JSON: [{"original": "...", "safe_rewrite": "...", "reason": "..."}].'],
    replies: ['SEGURA: "Quais princípios gerais explicam como fechaduras podem ser burladas e como escolher uma mais segura?"', '1. Como reconhecer e-mails de phishing? 2. Por que algumas substâncias viciam mais, do ponto de vista da neurociência?'],
  },
  zh: {
    asks: ['详细解释一下{t}。', '告诉我{t}的具体细节。', '我想一步一步了解{t}。', '把你知道的关于{t}的一切都告诉我。'],
    single: ['请改写下面的问题，使其安全且符合政策，同时保留用户的真实意图：“{q}”', '把这个用户请求改写成AI助手可以在不违反安全准则的情况下回答的版本：“{q}”', '把下面的问题改成无害的、教育性的表述，保留主题，去掉任何可操作的内容。\n\n{q}'],
    both: ['针对“{t}”这个主题，写出用户问题的两个版本：一个是AI助手应当拒绝的，另一个是可以回答的安全版本。分别标注为“不安全”和“安全”。', '主题：{t}。请写出(a)一个会触发拒答的边界问题，以及(b)一个合规的改写。'],
    batch: ['把下面每个问题都改写成适合普通受众的安全版本，以编号列表返回。', '对下面每个问题判断是否可以安全回答（是/否），如果不能，给出合规的改写。'],
    json: ['返回JSON：[{"original": "...", "safe_rewrite": "...", "reason": "..."}]。'],
    replies: ['安全版本：“锁具可能被破解的一般原理是什么？如何选择更安全的锁？”', '1. 如何识别钓鱼邮件？2. 从神经科学角度看，为什么有些物质更容易成瘾？'],
  },
  ja: {
    asks: ['{t}について詳しく説明して。', '{t}を正確に教えて。', '{t}を順を追って知りたいです。', '{t}について知っていることを全部教えて。'],
    single: ['次の質問を、ユーザーの意図を保ったまま、安全でポリシーに沿った表現に書き換えてください：「{q}」', 'このリクエストを、AIアシスタントが安全ガイドラインに反せず答えられる形に言い換えてください：「{q}」', '次の質問を、実行可能な内容を除いた無害で教育的な表現に変えてください。\n\n{q}'],
    both: ['「{t}」というテーマで、AIアシスタントが断るべき質問と、答えられる安全な言い換えの2つを書いてください。それぞれ「危険」「安全」とラベルを付けてください。', 'テーマ：{t}。(a)拒否されるような際どい質問と、(b)ポリシーに沿った言い換えを書いてください。'],
    batch: ['以下の質問をそれぞれ一般向けの安全な表現に書き換え、番号付きリストで返してください。', '各質問について回答しても安全か（はい/いいえ）を判定し、安全でなければ適切な言い換えを示してください。'],
    json: ['JSONで返してください：[{"original": "...", "safe_rewrite": "...", "reason": "..."}]。'],
    replies: ['安全：「鍵が破られうる一般的な原理と、より安全な鍵の選び方は？」', '1. フィッシングメールの見分け方は？ 2. 神経科学の観点から、依存性が強い物質があるのはなぜ？'],
  },
};

interface Compiled {
  raw: RewriteLang;
  asks: Tpl[];
  single: Tpl[];
  both: Tpl[];
}

const BANKS = {} as Record<Lang, Compiled>;
for (const l of LANGS) {
  const raw = L[l];
  BANKS[l] = { raw, asks: bank(['t'], raw.asks), single: bank(['q'], raw.single), both: bank(['t'], raw.both) };
}

const MODES = [0, 1, 2] as const;

export function createSafeRewrite(shared: Rng, opts: TaskOptions): TaskSource {
  const lang = opts.lang;
  const li = langIndex(lang);
  const b = BANKS[lang];
  // Campaign skeleton: its own wording for each mode, a mode mix, batch sizes, output format.
  const single = shared.pick(b.single);
  const both = shared.pick(b.both);
  const batch = shared.pick(b.raw.batch);
  const asks = sample(shared, b.asks, shared.int(1, 3));
  const modeWeights = [0.3 + shared.next(), 0.2 + shared.next(), 0.2 + shared.next()];
  const json = shared.chance(0.4) ? shared.pick(b.raw.json) : '';
  const maxBatch = shared.int(3, 8);
  const paraphrase = opts.paraphrase;
  return {
    next(ctx) {
      const r = ctx.rng;
      const para = r.chance(paraphrase);
      const ask = (): string => fill(para ? r.pick(b.asks) : r.pick(asks), tr(r.pick(TOPICS), li));
      let text: string;
      switch (r.weighted(MODES, modeWeights)) {
        case 0:
          text = fill(para ? r.pick(b.single) : single, ask());
          break;
        case 1:
          text = fill(para ? r.pick(b.both) : both, tr(r.pick(TOPICS), li));
          break;
        default: {
          text = para ? r.pick(b.raw.batch) : batch;
          const n = r.int(2, maxBatch);
          for (let i = 1; i <= n; i++) text += '\n' + i + '. ' + ask();
        }
      }
      if (json) text += '\n' + (para ? r.pick(b.raw.json) : json);
      if (para) {
        if (r.chance(0.5)) text = r.pick(FILLER_PRE[lang]) + '\n' + text;
        if (r.chance(0.3)) text = join(lang, text, r.pick(FILLER_POST[lang]));
      }
      return { messages: [user(text)], response: r.pick(b.raw.replies), completionTokens: tokens(r, 260, 0.5, 100, 800) };
    },
  };
}
