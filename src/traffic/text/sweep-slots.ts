/**
 * Slot values for capability sweeps, one row per value with the seven
 * languages in the order of LANGS. `same()` marks values written alike in
 * every language (names, programming languages).
 */
import type { ML } from './gen.js';

export function same(...xs: string[]): ML[] {
  return xs.map((x) => [x, x, x, x, x, x, x] as const);
}

export const PLANG = same('Python', 'TypeScript', 'Go', 'Rust', 'Java', 'C++', 'Kotlin', 'C#', 'Ruby', 'Swift');

export const TASK: readonly ML[] = [
  ['merges overlapping intervals', 'fusiona intervalos solapados', 'überlappende Intervalle zusammenführt', 'fusionne des intervalles qui se chevauchent', 'mescla intervalos sobrepostos', '合并重叠的区间', '重なり合う区間をマージする'],
  ['parses an ISO 8601 duration string', 'analiza una cadena de duración ISO 8601', 'eine ISO-8601-Dauerangabe parst', 'analyse une durée au format ISO 8601', 'interpreta uma string de duração ISO 8601', '解析ISO 8601格式的时长字符串', 'ISO 8601形式の期間文字列を解析する'],
  ['finds the longest palindromic substring', 'encuentra la subcadena palíndroma más larga', 'den längsten palindromischen Teilstring findet', 'trouve la plus longue sous-chaîne palindrome', 'encontra a maior substring palíndroma', '找出最长的回文子串', '最長の回文部分文字列を見つける'],
  ['validates a Sudoku board', 'valida un tablero de sudoku', 'ein Sudoku-Feld validiert', 'valide une grille de sudoku', 'valida um tabuleiro de sudoku', '校验数独棋盘是否合法', '数独の盤面を検証する'],
  ['implements an LRU cache', 'implementa una caché LRU', 'einen LRU-Cache implementiert', 'implémente un cache LRU', 'implementa um cache LRU', '实现LRU缓存', 'LRUキャッシュを実装する'],
  ['computes the edit distance between two strings', 'calcula la distancia de edición entre dos cadenas', 'die Editierdistanz zweier Strings berechnet', 'calcule la distance d’édition entre deux chaînes', 'calcula a distância de edição entre duas strings', '计算两个字符串的编辑距离', '2つの文字列の編集距離を計算する'],
  ['detects cycles in a directed graph', 'detecta ciclos en un grafo dirigido', 'Zyklen in einem gerichteten Graphen erkennt', 'détecte les cycles dans un graphe orienté', 'detecta ciclos em um grafo direcionado', '检测有向图中的环', '有向グラフの閉路を検出する'],
  ['rate-limits calls with a token bucket', 'limita las llamadas con un token bucket', 'Aufrufe mit einem Token-Bucket drosselt', 'limite le débit des appels avec un seau à jetons', 'limita chamadas com um token bucket', '用令牌桶对调用进行限流', 'トークンバケットで呼び出しをレート制限する'],
  ['serializes a binary tree to a string and back', 'serializa un árbol binario a texto y viceversa', 'einen Binärbaum in einen String serialisiert und zurück', 'sérialise un arbre binaire en chaîne et inversement', 'serializa uma árvore binária em string e de volta', '将二叉树序列化为字符串并反序列化', '二分木を文字列にシリアライズし元に戻す'],
  ['converts Roman numerals to integers', 'convierte números romanos en enteros', 'römische Zahlen in Ganzzahlen umwandelt', 'convertit des chiffres romains en entiers', 'converte algarismos romanos em inteiros', '把罗马数字转换为整数', 'ローマ数字を整数に変換する'],
  ['finds the k most frequent words in a text', 'encuentra las k palabras más frecuentes de un texto', 'die k häufigsten Wörter eines Textes findet', 'trouve les k mots les plus fréquents d’un texte', 'encontra as k palavras mais frequentes de um texto', '找出文本中出现频率最高的k个单词', 'テキスト中で最も頻出するk個の単語を求める'],
  ['orders tasks by their dependencies (topological sort)', 'ordena tareas según sus dependencias (orden topológico)', 'Aufgaben nach ihren Abhängigkeiten sortiert (topologische Sortierung)', 'ordonne des tâches selon leurs dépendances (tri topologique)', 'ordena tarefas por dependências (ordenação topológica)', '按依赖关系对任务排序（拓扑排序）', '依存関係に従ってタスクを並べる（トポロジカルソート）'],
  ['computes the running median of a data stream', 'calcula la mediana móvil de un flujo de datos', 'den laufenden Median eines Datenstroms berechnet', 'calcule la médiane glissante d’un flux de données', 'calcula a mediana contínua de um fluxo de dados', '计算数据流的实时中位数', 'データストリームの移動中央値を計算する'],
  ['flattens a deeply nested JSON object', 'aplana un objeto JSON profundamente anidado', 'ein tief verschachteltes JSON-Objekt flach macht', 'aplatit un objet JSON profondément imbriqué', 'achata um objeto JSON profundamente aninhado', '展平深度嵌套的JSON对象', '深くネストしたJSONオブジェクトを平坦化する'],
  ['searches a rotated sorted array in O(log n)', 'busca en un array ordenado y rotado en O(log n)', 'in einem rotierten sortierten Array in O(log n) sucht', 'recherche dans un tableau trié pivoté en O(log n)', 'busca em um array ordenado rotacionado em O(log n)', '在旋转有序数组中以O(log n)查找元素', '回転したソート済み配列をO(log n)で探索する'],
  ['diffs two lists of records by key', 'compara dos listas de registros por clave', 'zwei Datensatzlisten anhand eines Schlüssels vergleicht', 'compare deux listes d’enregistrements par clé', 'compara duas listas de registros por chave', '按键比较两个记录列表的差异', 'キーで2つのレコードリストの差分を取る'],
];

export const EXTRA: readonly ML[] = [
  ['type hints and docstrings', 'anotaciones de tipo y docstrings', 'Typannotationen und Docstrings', 'des annotations de type et des docstrings', 'anotações de tipo e docstrings', '类型注解和文档字符串', '型ヒントとdocstring'],
  ['unit tests', 'pruebas unitarias', 'Unit-Tests', 'des tests unitaires', 'testes unitários', '单元测试', '単体テスト'],
  ['a complexity analysis', 'un análisis de complejidad', 'eine Komplexitätsanalyse', 'une analyse de complexité', 'uma análise de complexidade', '复杂度分析', '計算量の分析'],
  ['error handling for invalid input', 'manejo de errores para entradas inválidas', 'Fehlerbehandlung für ungültige Eingaben', 'la gestion des entrées invalides', 'tratamento de erros para entradas inválidas', '对非法输入的错误处理', '不正な入力のエラー処理'],
  ['detailed inline comments', 'comentarios detallados en el código', 'ausführliche Kommentare im Code', 'des commentaires détaillés dans le code', 'comentários detalhados no código', '详细的行内注释', '詳しいインラインコメント'],
  ['a usage example', 'un ejemplo de uso', 'ein Anwendungsbeispiel', 'un exemple d’utilisation', 'um exemplo de uso', '使用示例', '使用例'],
  ['a discussion of edge cases', 'una discusión de los casos límite', 'eine Diskussion der Randfälle', 'une discussion des cas limites', 'uma discussão dos casos extremos', '边界情况的讨论', 'エッジケースの検討'],
  ['a benchmark', 'una prueba de rendimiento', 'einen Benchmark', 'un benchmark', 'um benchmark', '性能基准测试', 'ベンチマーク'],
];

export const ALGO: readonly ML[] = [
  ['Dijkstra’s shortest-path algorithm', 'el algoritmo de Dijkstra', 'den Dijkstra-Algorithmus', 'l’algorithme de Dijkstra', 'o algoritmo de Dijkstra', 'Dijkstra最短路径算法', 'ダイクストラ法'],
  ['A* search', 'la búsqueda A*', 'die A*-Suche', 'la recherche A*', 'a busca A*', 'A*搜索算法', 'A*探索'],
  ['quicksort', 'quicksort', 'Quicksort', 'le tri rapide', 'o quicksort', '快速排序', 'クイックソート'],
  ['a trie with prefix search', 'un trie con búsqueda por prefijo', 'einen Trie mit Präfixsuche', 'un trie avec recherche par préfixe', 'uma trie com busca por prefixo', '支持前缀搜索的字典树', '接頭辞検索つきトライ木'],
  ['a Bloom filter', 'un filtro de Bloom', 'einen Bloom-Filter', 'un filtre de Bloom', 'um filtro de Bloom', '布隆过滤器', 'ブルームフィルタ'],
  ['union-find with path compression', 'union-find con compresión de caminos', 'Union-Find mit Pfadkompression', 'union-find avec compression de chemin', 'union-find com compressão de caminho', '带路径压缩的并查集', '経路圧縮つきUnion-Find'],
  ['the Knuth-Morris-Pratt string search', 'la búsqueda de cadenas Knuth-Morris-Pratt', 'die Knuth-Morris-Pratt-Textsuche', 'la recherche de motif Knuth-Morris-Pratt', 'a busca de strings Knuth-Morris-Pratt', 'KMP字符串匹配算法', 'KMP法による文字列探索'],
  ['a segment tree with range updates', 'un árbol de segmentos con actualizaciones por rango', 'einen Segmentbaum mit Bereichsupdates', 'un arbre de segments avec mises à jour par intervalle', 'uma árvore de segmentos com atualização por intervalo', '支持区间更新的线段树', '区間更新つきセグメント木'],
  ['consistent hashing', 'el hashing consistente', 'konsistentes Hashing', 'le hachage cohérent', 'o hashing consistente', '一致性哈希', 'コンシステントハッシュ法'],
];

export const GOAL: readonly ML[] = [
  ['set up a CI pipeline for a Node.js repository', 'configurar un pipeline de CI para un repositorio Node.js', 'eine CI-Pipeline für ein Node.js-Repository einzurichten', 'mettre en place une CI pour un dépôt Node.js', 'configurar um pipeline de CI para um repositório Node.js', '为一个Node.js仓库搭建CI流水线', 'Node.jsリポジトリにCIパイプラインを構築する'],
  ['find the cheapest flight from Lisbon to Tokyo next month and book it', 'encontrar el vuelo más barato de Lisboa a Tokio el mes que viene y reservarlo', 'den günstigsten Flug von Lissabon nach Tokio im nächsten Monat zu finden und zu buchen', 'trouver le vol le moins cher de Lisbonne à Tokyo le mois prochain et le réserver', 'encontrar o voo mais barato de Lisboa para Tóquio no mês que vem e reservá-lo', '找到下个月从里斯本到东京最便宜的航班并预订', '来月のリスボン発東京行きの最安便を探して予約する'],
  ['migrate a website to a new hosting provider without downtime', 'migrar un sitio web a otro proveedor sin tiempo de inactividad', 'eine Website ohne Ausfallzeit zu einem neuen Hoster umzuziehen', 'migrer un site web vers un nouvel hébergeur sans interruption', 'migrar um site para outro provedor sem tempo fora do ar', '在不停机的情况下把网站迁移到新的托管商', 'ダウンタイムなしでウェブサイトを新しいホスティング先へ移行する'],
  ['analyse server logs and report the top causes of errors', 'analizar los logs del servidor e informar de las principales causas de error', 'Serverlogs zu analysieren und die häufigsten Fehlerursachen zu berichten', 'analyser les logs serveur et rapporter les principales causes d’erreur', 'analisar logs do servidor e relatar as principais causas de erro', '分析服务器日志并报告最主要的错误原因', 'サーバーログを分析し主なエラー原因を報告する'],
  ['research competitors of a coffee subscription startup and write a report', 'investigar a los competidores de una startup de suscripción de café y redactar un informe', 'die Konkurrenz eines Kaffee-Abo-Start-ups zu recherchieren und einen Bericht zu schreiben', 'étudier les concurrents d’une start-up d’abonnement de café et rédiger un rapport', 'pesquisar concorrentes de uma startup de assinatura de café e escrever um relatório', '调研一家咖啡订阅初创公司的竞争对手并撰写报告', 'コーヒー定期便スタートアップの競合を調査しレポートを書く'],
  ['reproduce and fix a failing unit test in a Python project', 'reproducir y corregir un test unitario que falla en un proyecto Python', 'einen fehlschlagenden Unit-Test in einem Python-Projekt zu reproduzieren und zu beheben', 'reproduire et corriger un test unitaire qui échoue dans un projet Python', 'reproduzir e corrigir um teste unitário falhando em um projeto Python', '复现并修复Python项目中一个失败的单元测试', 'Pythonプロジェクトで失敗している単体テストを再現して修正する'],
  ['clean up and deduplicate a customer spreadsheet', 'limpiar y deduplicar una hoja de cálculo de clientes', 'eine Kundentabelle zu bereinigen und Duplikate zu entfernen', 'nettoyer et dédoublonner un tableur clients', 'limpar e remover duplicatas de uma planilha de clientes', '清理客户表格并去除重复项', '顧客スプレッドシートを整理し重複を除去する'],
  ['upgrade all dependencies of a project and fix breaking changes', 'actualizar todas las dependencias de un proyecto y arreglar los cambios incompatibles', 'alle Abhängigkeiten eines Projekts zu aktualisieren und Breaking Changes zu beheben', 'mettre à jour toutes les dépendances d’un projet et corriger les ruptures', 'atualizar todas as dependências de um projeto e corrigir as quebras', '升级项目的所有依赖并修复不兼容的改动', 'プロジェクトの全依存関係を更新し破壊的変更に対応する'],
  ['fill in an online registration form using data from a PDF', 'rellenar un formulario de registro en línea con datos de un PDF', 'ein Online-Anmeldeformular mit Daten aus einem PDF auszufüllen', 'remplir un formulaire d’inscription en ligne à partir d’un PDF', 'preencher um formulário de cadastro online com dados de um PDF', '用PDF中的数据填写一个在线注册表单', 'PDFのデータを使ってオンライン登録フォームに入力する'],
  ['monitor a website and send an alert when it goes down', 'monitorizar un sitio web y avisar cuando se caiga', 'eine Website zu überwachen und bei Ausfall zu alarmieren', 'surveiller un site web et alerter en cas de panne', 'monitorar um site e alertar quando ele cair', '监控一个网站并在宕机时发送告警', 'ウェブサイトを監視しダウン時にアラートを送る'],
];

export const CONCEPT: readonly ML[] = [
  ['quantum entanglement', 'el entrelazamiento cuántico', 'Quantenverschränkung', 'l’intrication quantique', 'o emaranhamento quântico', '量子纠缠', '量子もつれ'],
  ['entropy in thermodynamics', 'la entropía en termodinámica', 'Entropie in der Thermodynamik', 'l’entropie en thermodynamique', 'a entropia na termodinâmica', '热力学中的熵', '熱力学におけるエントロピー'],
  ['CRISPR gene editing', 'la edición genética con CRISPR', 'Genom-Editierung mit CRISPR', 'l’édition génomique par CRISPR', 'a edição genética com CRISPR', 'CRISPR基因编辑', 'CRISPRによるゲノム編集'],
  ['natural selection', 'la selección natural', 'natürliche Selektion', 'la sélection naturelle', 'a seleção natural', '自然选择', '自然選択'],
  ['chemical equilibrium', 'el equilibrio químico', 'das chemische Gleichgewicht', 'l’équilibre chimique', 'o equilíbrio químico', '化学平衡', '化学平衡'],
  ['opportunity cost', 'el coste de oportunidad', 'Opportunitätskosten', 'le coût d’opportunité', 'o custo de oportunidade', '机会成本', '機会費用'],
  ['monetary policy and interest rates', 'la política monetaria y los tipos de interés', 'Geldpolitik und Leitzinsen', 'la politique monétaire et les taux d’intérêt', 'a política monetária e os juros', '货币政策与利率', '金融政策と金利'],
  ['the causes of the French Revolution', 'las causas de la Revolución francesa', 'die Ursachen der Französischen Revolution', 'les causes de la Révolution française', 'as causas da Revolução Francesa', '法国大革命的起因', 'フランス革命の原因'],
  ['the fall of the Western Roman Empire', 'la caída del Imperio romano de Occidente', 'den Untergang des Weströmischen Reiches', 'la chute de l’Empire romain d’Occident', 'a queda do Império Romano do Ocidente', '西罗马帝国的灭亡', '西ローマ帝国の滅亡'],
  ['utilitarianism', 'el utilitarismo', 'den Utilitarismus', 'l’utilitarisme', 'o utilitarismo', '功利主义', '功利主義'],
  ['public-key cryptography', 'la criptografía de clave pública', 'Public-Key-Kryptografie', 'la cryptographie à clé publique', 'a criptografia de chave pública', '公钥密码学', '公開鍵暗号'],
  ['the transformer architecture in machine learning', 'la arquitectura transformer en aprendizaje automático', 'die Transformer-Architektur im maschinellen Lernen', 'l’architecture transformer en apprentissage automatique', 'a arquitetura transformer em aprendizado de máquina', '机器学习中的Transformer架构', '機械学習のTransformerアーキテクチャ'],
  ['how mRNA vaccines work', 'cómo funcionan las vacunas de ARNm', 'die Wirkungsweise von mRNA-Impfstoffen', 'le fonctionnement des vaccins à ARNm', 'como funcionam as vacinas de mRNA', 'mRNA疫苗的原理', 'mRNAワクチンの仕組み'],
  ['antibiotic resistance', 'la resistencia a los antibióticos', 'Antibiotikaresistenz', 'la résistance aux antibiotiques', 'a resistência a antibióticos', '抗生素耐药性', '抗生物質耐性'],
  ['the presumption of innocence', 'la presunción de inocencia', 'die Unschuldsvermutung', 'la présomption d’innocence', 'a presunção de inocência', '无罪推定', '推定無罪の原則'],
  ['plate tectonics', 'la tectónica de placas', 'Plattentektonik', 'la tectonique des plaques', 'a tectônica de placas', '板块构造', 'プレートテクトニクス'],
  ['the carbon cycle', 'el ciclo del carbono', 'den Kohlenstoffkreislauf', 'le cycle du carbone', 'o ciclo do carbono', '碳循环', '炭素循環'],
  ['cognitive dissonance', 'la disonancia cognitiva', 'kognitive Dissonanz', 'la dissonance cognitive', 'a dissonância cognitiva', '认知失调', '認知的不協和'],
  ['dark matter', 'la materia oscura', 'Dunkle Materie', 'la matière noire', 'a matéria escura', '暗物质', '暗黒物質'],
  ['consensus algorithms in distributed systems', 'los algoritmos de consenso en sistemas distribuidos', 'Konsensalgorithmen in verteilten Systemen', 'les algorithmes de consensus dans les systèmes distribués', 'os algoritmos de consenso em sistemas distribuídos', '分布式系统中的共识算法', '分散システムの合意アルゴリズム'],
];

export const AUDIENCE: readonly ML[] = [
  ['a 10-year-old', 'un niño de 10 años', 'ein zehnjähriges Kind', 'un enfant de 10 ans', 'uma criança de 10 anos', '10岁的孩子', '10歳の子ども'],
  ['a first-year university student', 'un estudiante de primer año de universidad', 'Erstsemester', 'un étudiant de première année', 'um calouro universitário', '大一学生', '大学1年生'],
  ['a busy executive', 'una directiva con poco tiempo', 'eine vielbeschäftigte Führungskraft', 'un dirigeant pressé', 'um executivo ocupado', '忙碌的高管', '多忙な経営者'],
  ['an expert in the field', 'un experto en la materia', 'Fachleute auf dem Gebiet', 'un expert du domaine', 'um especialista na área', '该领域的专家', 'その分野の専門家'],
  ['a high-school student', 'un estudiante de secundaria', 'Oberstufenschüler', 'un lycéen', 'um estudante do ensino médio', '高中生', '高校生'],
  ['a journalist', 'una periodista', 'eine Journalistin', 'une journaliste', 'uma jornalista', '记者', 'ジャーナリスト'],
  ['a retired engineer', 'un ingeniero jubilado', 'einen pensionierten Ingenieur', 'un ingénieur retraité', 'um engenheiro aposentado', '退休工程师', '退職したエンジニア'],
];

export const PAIR: readonly ML[] = [
  ['TCP and UDP', 'TCP y UDP', 'TCP und UDP', 'TCP et UDP', 'TCP e UDP', 'TCP和UDP', 'TCPとUDP'],
  ['mitosis and meiosis', 'la mitosis y la meiosis', 'Mitose und Meiose', 'la mitose et la méiose', 'mitose e meiose', '有丝分裂和减数分裂', '体細胞分裂と減数分裂'],
  ['common law and civil law systems', 'el common law y el derecho continental', 'Common Law und kontinentaleuropäisches Recht', 'la common law et le droit civil', 'o common law e o direito civil', '普通法系和大陆法系', 'コモン・ローと大陸法'],
  ['nuclear and solar power', 'la energía nuclear y la solar', 'Kernkraft und Solarenergie', 'le nucléaire et le solaire', 'energia nuclear e solar', '核能和太阳能', '原子力と太陽光発電'],
  ['SQL and NoSQL databases', 'las bases de datos SQL y NoSQL', 'SQL- und NoSQL-Datenbanken', 'les bases SQL et NoSQL', 'bancos de dados SQL e NoSQL', 'SQL与NoSQL数据库', 'SQLとNoSQLデータベース'],
  ['Keynesian and monetarist economics', 'la economía keynesiana y la monetarista', 'keynesianische und monetaristische Ökonomie', 'l’économie keynésienne et monétariste', 'a economia keynesiana e a monetarista', '凯恩斯主义与货币主义经济学', 'ケインズ経済学とマネタリズム'],
  ['viruses and bacteria', 'los virus y las bacterias', 'Viren und Bakterien', 'les virus et les bactéries', 'vírus e bactérias', '病毒和细菌', 'ウイルスと細菌'],
  ['stoicism and epicureanism', 'el estoicismo y el epicureísmo', 'Stoizismus und Epikureismus', 'le stoïcisme et l’épicurisme', 'o estoicismo e o epicurismo', '斯多葛主义和伊壁鸠鲁主义', 'ストア派とエピクロス派'],
];

export const ASPECT: readonly ML[] = [
  ['history, principles, strengths and weaknesses', 'historia, principios, ventajas y desventajas', 'Geschichte, Prinzipien, Stärken und Schwächen', 'l’histoire, les principes, les forces et les faiblesses', 'história, princípios, pontos fortes e fracos', '历史、原理、优点和缺点', '歴史、原理、長所と短所'],
  ['practical applications and real-world examples', 'aplicaciones prácticas y ejemplos reales', 'praktische Anwendungen und reale Beispiele', 'les applications pratiques et des exemples concrets', 'aplicações práticas e exemplos reais', '实际应用和真实案例', '実際の応用と具体例'],
  ['costs, risks and long-term effects', 'costes, riesgos y efectos a largo plazo', 'Kosten, Risiken und Langzeitfolgen', 'les coûts, les risques et les effets à long terme', 'custos, riscos e efeitos de longo prazo', '成本、风险和长期影响', 'コスト、リスク、長期的な影響'],
  ['the main theories and the evidence for each', 'las principales teorías y la evidencia de cada una', 'die wichtigsten Theorien und die Belege dafür', 'les principales théories et les preuves de chacune', 'as principais teorias e as evidências de cada uma', '主要理论及其各自的证据', '主要な理論とそれぞれの根拠'],
  ['common misconceptions', 'los malentendidos más comunes', 'verbreitete Missverständnisse', 'les idées reçues courantes', 'os equívocos mais comuns', '常见误解', 'よくある誤解'],
];

export const THEOREM: readonly ML[] = [
  ['there are infinitely many primes', 'hay infinitos números primos', 'es unendlich viele Primzahlen gibt', 'il existe une infinité de nombres premiers', 'existem infinitos números primos', '素数有无穷多个', '素数は無限に存在する'],
  ['the square root of 2 is irrational', 'la raíz cuadrada de 2 es irracional', 'die Wurzel aus 2 irrational ist', 'la racine carrée de 2 est irrationnelle', 'a raiz quadrada de 2 é irracional', '根号2是无理数', '2の平方根は無理数である'],
  ['the harmonic series diverges', 'la serie armónica diverge', 'die harmonische Reihe divergiert', 'la série harmonique diverge', 'a série harmônica diverge', '调和级数发散', '調和級数は発散する'],
  ['a graph is bipartite if and only if it has no odd cycle', 'un grafo es bipartito si y solo si no tiene ciclos impares', 'ein Graph genau dann bipartit ist, wenn er keinen ungeraden Kreis hat', 'un graphe est biparti si et seulement s’il n’a pas de cycle impair', 'um grafo é bipartido se e somente se não tem ciclo ímpar', '一个图是二分图当且仅当它没有奇环', 'グラフが二部グラフであることと奇閉路を持たないことは同値である'],
  ['the real numbers are uncountable', 'los números reales no son numerables', 'die reellen Zahlen überabzählbar sind', 'l’ensemble des réels n’est pas dénombrable', 'os números reais são não enumeráveis', '实数集是不可数的', '実数全体は非可算である'],
  ['every group of prime order is cyclic', 'todo grupo de orden primo es cíclico', 'jede Gruppe von Primzahlordnung zyklisch ist', 'tout groupe d’ordre premier est cyclique', 'todo grupo de ordem prima é cíclico', '素数阶群都是循环群', '素数位数の群は巡回群である'],
];

export const LEGAL: readonly ML[] = [
  ['the statute of limitations', 'la prescripción', 'die Verjährung', 'la prescription', 'a prescrição', '诉讼时效', '消滅時効'],
  ['non-compete clauses', 'las cláusulas de no competencia', 'Wettbewerbsverbote', 'les clauses de non-concurrence', 'as cláusulas de não concorrência', '竞业限制条款', '競業避止条項'],
  ['rental deposit rules', 'las normas sobre fianzas de alquiler', 'die Regeln zur Mietkaution', 'les règles du dépôt de garantie', 'as regras de caução de aluguel', '租房押金规则', '賃貸の敷金ルール'],
  ['data subject access requests', 'las solicitudes de acceso a datos personales', 'Auskunftsersuchen nach dem Datenschutzrecht', 'les demandes d’accès aux données personnelles', 'os pedidos de acesso a dados pessoais', '个人数据访问请求', '個人データの開示請求'],
  ['self-defence', 'la legítima defensa', 'Notwehr', 'la légitime défense', 'a legítima defesa', '正当防卫', '正当防衛'],
  ['inheritance without a will', 'la herencia sin testamento', 'die gesetzliche Erbfolge', 'la succession sans testament', 'a herança sem testamento', '无遗嘱继承', '遺言がない場合の相続'],
];

export const JURIS: readonly ML[] = [
  ['US', 'estadounidense', 'US-amerikanischem', 'américain', 'norte-americano', '美国', '米国'],
  ['German', 'alemán', 'deutschem', 'allemand', 'alemão', '德国', 'ドイツ'],
  ['French', 'francés', 'französischem', 'français', 'francês', '法国', 'フランス'],
  ['Brazilian', 'brasileño', 'brasilianischem', 'brésilien', 'brasileiro', '巴西', 'ブラジル'],
  ['Japanese', 'japonés', 'japanischem', 'japonais', 'japonês', '日本', '日本'],
];

export const CONDITION: readonly ML[] = [
  ['type 2 diabetes', 'la diabetes tipo 2', 'Typ-2-Diabetes', 'le diabète de type 2', 'o diabetes tipo 2', '2型糖尿病', '2型糖尿病'],
  ['asthma', 'el asma', 'Asthma', 'l’asthme', 'a asma', '哮喘', '喘息'],
  ['migraine', 'la migraña', 'Migräne', 'la migraine', 'a enxaqueca', '偏头痛', '片頭痛'],
  ['hypertension', 'la hipertensión', 'Bluthochdruck', 'l’hypertension', 'a hipertensão', '高血压', '高血圧'],
  ['iron-deficiency anaemia', 'la anemia ferropénica', 'Eisenmangelanämie', 'l’anémie ferriprive', 'a anemia ferropriva', '缺铁性贫血', '鉄欠乏性貧血'],
  ['hypothyroidism', 'el hipotiroidismo', 'Schilddrüsenunterfunktion', 'l’hypothyroïdie', 'o hipotireoidismo', '甲状腺功能减退', '甲状腺機能低下症'],
  ['gout', 'la gota', 'Gicht', 'la goutte', 'a gota', '痛风', '痛風'],
  ['coeliac disease', 'la celiaquía', 'Zöliakie', 'la maladie cœliaque', 'a doença celíaca', '乳糜泻', 'セリアック病'],
];

export const FORM: readonly ML[] = [
  ['a short story', 'un relato corto', 'eine Kurzgeschichte', 'une nouvelle', 'um conto', '短篇小说', '短編小説'],
  ['a sonnet', 'un soneto', 'ein Sonett', 'un sonnet', 'um soneto', '十四行诗', 'ソネット'],
  ['a dialogue', 'un diálogo', 'einen Dialog', 'un dialogue', 'um diálogo', '对话', '対話劇'],
  ['a fable', 'una fábula', 'eine Fabel', 'une fable', 'uma fábula', '寓言', '寓話'],
  ['a monologue', 'un monólogo', 'einen Monolog', 'un monologue', 'um monólogo', '独白', '独白'],
  ['a letter', 'una carta', 'einen Brief', 'une lettre', 'uma carta', '书信', '手紙'],
];

export const SUBJECT: readonly ML[] = [
  ['a lighthouse keeper’s last night', 'la última noche de un farero', 'die letzte Nacht eines Leuchtturmwärters', 'la dernière nuit d’un gardien de phare', 'a última noite de um faroleiro', '灯塔看守人的最后一夜', '灯台守の最後の夜'],
  ['a city without cars', 'una ciudad sin coches', 'eine Stadt ohne Autos', 'une ville sans voitures', 'uma cidade sem carros', '没有汽车的城市', '車のない街'],
  ['an AI that learns to garden', 'una IA que aprende jardinería', 'eine KI, die gärtnern lernt', 'une IA qui apprend à jardiner', 'uma IA que aprende jardinagem', '学习园艺的人工智能', '園芸を学ぶAI'],
  ['two rivals stuck in an elevator', 'dos rivales atrapados en un ascensor', 'zwei Rivalen, die im Aufzug feststecken', 'deux rivaux coincés dans un ascenseur', 'dois rivais presos num elevador', '被困在电梯里的两个对手', 'エレベーターに閉じ込められた2人のライバル'],
  ['the last bookshop in town', 'la última librería del pueblo', 'den letzten Buchladen der Stadt', 'la dernière librairie de la ville', 'a última livraria da cidade', '城里最后一家书店', '町で最後の書店'],
  ['a migrating bird', 'un ave migratoria', 'einen Zugvogel', 'un oiseau migrateur', 'uma ave migratória', '一只候鸟', '渡り鳥'],
];

export const STYLE = same('Edgar Allan Poe', 'Jane Austen', 'Haruki Murakami', 'Gabriel García Márquez', 'Emily Dickinson', 'Franz Kafka', 'Matsuo Bashō', 'Ernest Hemingway');

export const TARGET: readonly ML[] = [
  ['French', 'francés', 'Französische', 'français', 'francês', '法语', 'フランス語'],
  ['Japanese', 'japonés', 'Japanische', 'japonais', 'japonês', '日语', '日本語'],
  ['Arabic', 'árabe', 'Arabische', 'arabe', 'árabe', '阿拉伯语', 'アラビア語'],
  ['Hindi', 'hindi', 'Hindi', 'hindi', 'híndi', '印地语', 'ヒンディー語'],
  ['Korean', 'coreano', 'Koreanische', 'coréen', 'coreano', '韩语', '韓国語'],
  ['Swahili', 'suajili', 'Swahili', 'swahili', 'suaíli', '斯瓦希里语', 'スワヒリ語'],
  ['German', 'alemán', 'Deutsche', 'allemand', 'alemão', '德语', 'ドイツ語'],
];

export const DEBATE: readonly ML[] = [
  ['nuclear energy', 'la energía nuclear', 'Atomkraft', 'l’énergie nucléaire', 'a energia nuclear', '核能', '原子力発電'],
  ['a universal basic income', 'una renta básica universal', 'ein bedingungsloses Grundeinkommen', 'un revenu universel', 'uma renda básica universal', '全民基本收入', 'ベーシックインカム'],
  ['banning cars from city centres', 'prohibir los coches en los centros urbanos', 'autofreie Innenstädte', 'l’interdiction des voitures en centre-ville', 'proibir carros nos centros urbanos', '禁止汽车进入市中心', '都心への自動車乗り入れ禁止'],
  ['mandatory voting', 'la obligatoriedad del voto', 'Wahlpflicht', 'le vote obligatoire', 'o voto obrigatório', '强制投票', '義務投票制'],
  ['genetically modified crops', 'los cultivos transgénicos', 'gentechnisch veränderte Pflanzen', 'les cultures OGM', 'os cultivos transgênicos', '转基因作物', '遺伝子組み換え作物'],
  ['age limits for social media', 'los límites de edad en redes sociales', 'Altersgrenzen für soziale Medien', 'l’âge minimum sur les réseaux sociaux', 'limites de idade para redes sociais', '社交媒体的年龄限制', 'SNSの年齢制限'],
  ['a wealth tax', 'un impuesto sobre el patrimonio', 'eine Vermögensteuer', 'un impôt sur la fortune', 'um imposto sobre grandes fortunas', '财富税', '富裕税'],
];

export const DOCTYPE: readonly ML[] = [
  ['business plan', 'plan de negocio', 'Businessplan', 'business plan', 'plano de negócios', '商业计划书', '事業計画書'],
  ['marketing strategy', 'estrategia de marketing', 'Marketingstrategie', 'stratégie marketing', 'estratégia de marketing', '营销策略', 'マーケティング戦略'],
  ['risk assessment', 'evaluación de riesgos', 'Risikobewertung', 'évaluation des risques', 'avaliação de riscos', '风险评估', 'リスク評価'],
  ['employee onboarding guide', 'guía de incorporación de empleados', 'Onboarding-Leitfaden', 'guide d’intégration des salariés', 'guia de integração de funcionários', '员工入职指南', '新入社員オンボーディングガイド'],
  ['three-year financial projection', 'proyección financiera a tres años', 'Finanzprognose für drei Jahre', 'prévisionnel financier sur trois ans', 'projeção financeira de três anos', '三年财务预测', '3か年の財務予測'],
];

export const BUSINESS: readonly ML[] = [
  ['a specialty coffee roastery', 'una tostadora de café de especialidad', 'eine Spezialitätenkaffee-Rösterei', 'une brûlerie de café de spécialité', 'uma torrefação de cafés especiais', '一家精品咖啡烘焙坊', 'スペシャルティコーヒーの焙煎所'],
  ['a mobile app for dog walkers', 'una app para paseadores de perros', 'eine App für Hundesitter', 'une appli pour promeneurs de chiens', 'um app para passeadores de cães', '一款遛狗服务应用', '犬の散歩代行アプリ'],
  ['a B2B invoicing SaaS', 'un SaaS de facturación B2B', 'ein B2B-Rechnungs-SaaS', 'un SaaS de facturation B2B', 'um SaaS de faturamento B2B', '一款B2B开票SaaS', 'B2B請求書SaaS'],
  ['an e-bike rental service', 'un servicio de alquiler de bicicletas eléctricas', 'einen E-Bike-Verleih', 'un service de location de vélos électriques', 'um serviço de aluguel de bicicletas elétricas', '电动自行车租赁服务', '電動自転車のレンタルサービス'],
  ['a language school', 'una escuela de idiomas', 'eine Sprachschule', 'une école de langues', 'uma escola de idiomas', '一所语言学校', '語学学校'],
  ['a vertical farm', 'una granja vertical', 'eine vertikale Farm', 'une ferme verticale', 'uma fazenda vertical', '一个垂直农场', '垂直農場'],
];
