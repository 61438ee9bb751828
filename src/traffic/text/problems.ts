/**
 * Problems in seven languages — word problems with numbers, logic puzzles,
 * science questions, ethical dilemmas and code to trace — for prompts that
 * wrap a problem in a request (reasoning elicitation, capability sweeps).
 * Each row lists the languages in the order of LANGS.
 */
import type { Rng } from '../rng.js';
import { compile, tr, type ML, type Tpl } from './gen.js';
import { LANGS } from './types.js';

type Gen = (r: Rng) => readonly [string, string?, string?, string?];

interface Numeric {
  tpl: readonly Tpl[];
  gen: Gen;
}

const SLOTS = ['a', 'b', 'c', 'd'];

function numeric(row: ML, gen: Gen): Numeric {
  return { tpl: LANGS.map((_, i) => compile(tr(row, i), SLOTS)), gen };
}

function sequence(r: Rng): string {
  const kind = r.int(0, 3);
  const a = r.int(1, 9);
  const d = r.int(2, 9);
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    if (kind === 0) out.push(a + d * i);
    else if (kind === 1) out.push(a * d ** i);
    else if (kind === 2) out.push((i + 1) * (i + 1) + a);
    else out.push(i < 2 ? a + i : (out[i - 1] as number) + (out[i - 2] as number));
  }
  return out.join(', ');
}

const NUMERIC: readonly Numeric[] = [
  numeric(
    ['Solve for x: {a}x + {b} = {c}.', 'Resuelve para x: {a}x + {b} = {c}.', 'Löse nach x auf: {a}x + {b} = {c}.', 'Résous pour x : {a}x + {b} = {c}.', 'Resolva para x: {a}x + {b} = {c}.', '解方程：{a}x + {b} = {c}。', '方程式 {a}x + {b} = {c} を解いてください。'],
    (r) => {
      const x = r.int(-9, 12);
      const a = r.int(2, 9);
      const b = r.int(1, 30);
      return [String(a), String(b), String(a * x + b)];
    },
  ),
  numeric(
    [
      'A train leaves a station at {a} km/h. {b} hours later a second train leaves the same station on the same track at {c} km/h. How long after its departure does the second train catch up?',
      'Un tren sale de una estación a {a} km/h. {b} horas después sale otro de la misma estación por la misma vía a {c} km/h. ¿Cuánto tarda el segundo tren en alcanzar al primero?',
      'Ein Zug verlässt einen Bahnhof mit {a} km/h. {b} Stunden später fährt ein zweiter Zug auf derselben Strecke mit {c} km/h los. Nach wie vielen Stunden holt der zweite Zug den ersten ein?',
      'Un train quitte une gare à {a} km/h. {b} heures plus tard, un second train part de la même gare sur la même voie à {c} km/h. Au bout de combien de temps le second rattrape-t-il le premier ?',
      'Um trem sai de uma estação a {a} km/h. {b} horas depois, um segundo trem sai da mesma estação, na mesma linha, a {c} km/h. Quanto tempo o segundo leva para alcançar o primeiro?',
      '一列火车以{a}公里/小时的速度驶离车站。{b}小时后，第二列火车以{c}公里/小时的速度从同一车站沿同一线路出发。第二列火车出发后多久能追上第一列？',
      '列車が時速{a}kmで駅を出発しました。{b}時間後、別の列車が同じ駅から同じ線路を時速{c}kmで出発します。2本目の列車は出発から何時間後に1本目に追いつきますか？',
    ],
    (r) => {
      const a = r.int(40, 90);
      return [String(a), String(r.int(1, 3)), String(a + r.int(15, 60))];
    },
  ),
  numeric(
    [
      'A jacket costs {a} euros. It is discounted by {b}% and then {c}% sales tax is added. What is the final price, and would it differ if the tax were added first?',
      'Una chaqueta cuesta {a} euros. Tiene un descuento del {b}% y luego se suma un {c}% de impuestos. ¿Cuál es el precio final? ¿Cambiaría si el impuesto se aplicara primero?',
      'Eine Jacke kostet {a} Euro. Sie wird um {b} % reduziert, danach kommen {c} % Steuer dazu. Was ist der Endpreis, und wäre er anders, wenn die Steuer zuerst aufgeschlagen würde?',
      'Une veste coûte {a} euros. Elle est remisée de {b} %, puis on ajoute {c} % de taxe. Quel est le prix final, et serait-il différent si la taxe était appliquée d’abord ?',
      'Uma jaqueta custa {a} euros. Ela tem {b}% de desconto e depois são somados {c}% de imposto. Qual é o preço final? Seria diferente aplicar o imposto primeiro?',
      '一件夹克原价{a}欧元，先降价{b}%，再加收{c}%的税。最终价格是多少？如果先加税再降价，结果会不同吗？',
      'ジャケットの価格は{a}ユーロです。{b}%値引きした後、{c}%の税金が加算されます。最終価格はいくらですか？先に税金を加えた場合と違いはありますか？',
    ],
    (r) => [String(r.int(30, 250)), String(r.int(1, 8) * 5), String(r.pick([7, 10, 16, 19, 20, 21]))],
  ),
  numeric(
    [
      'Two fair six-sided dice are rolled. What is the probability that the sum is {a}?',
      'Se lanzan dos dados justos de seis caras. ¿Cuál es la probabilidad de que la suma sea {a}?',
      'Es werden zwei faire sechsseitige Würfel geworfen. Wie groß ist die Wahrscheinlichkeit, dass die Augensumme {a} ist?',
      'On lance deux dés équilibrés à six faces. Quelle est la probabilité que la somme soit {a} ?',
      'Dois dados honestos de seis faces são lançados. Qual é a probabilidade de a soma ser {a}?',
      '掷两枚均匀的六面骰子，点数之和为{a}的概率是多少？',
      '公平な6面サイコロを2個振ります。出た目の和が{a}になる確率はいくつですか？',
    ],
    (r) => [String(r.int(2, 12))],
  ),
  numeric(
    [
      'Pipe A fills a tank in {a} hours and pipe B fills it in {b} hours. How long does it take with both pipes open?',
      'El grifo A llena un depósito en {a} horas y el grifo B en {b} horas. ¿Cuánto tardan los dos juntos?',
      'Rohr A füllt einen Tank in {a} Stunden, Rohr B in {b} Stunden. Wie lange dauert es, wenn beide gleichzeitig laufen?',
      'Le robinet A remplit une cuve en {a} heures et le robinet B en {b} heures. Combien de temps faut-il avec les deux ouverts ?',
      'A torneira A enche um tanque em {a} horas e a torneira B em {b} horas. Quanto tempo levam as duas juntas?',
      '水管A单独注满水池需要{a}小时，水管B需要{b}小时。两管同时开，需要多长时间注满？',
      '管Aだけでは水槽を{a}時間で、管Bだけでは{b}時間で満たせます。両方を同時に使うと何時間かかりますか？',
    ],
    (r) => [String(r.int(2, 9)), String(r.int(3, 12))],
  ),
  numeric(
    [
      '{a} years ago, a mother was {b} times as old as her son. Today she is {c}. How old is the son today?',
      'Hace {a} años, una madre tenía {b} veces la edad de su hijo. Hoy tiene {c} años. ¿Cuántos años tiene el hijo hoy?',
      'Vor {a} Jahren war eine Mutter {b}-mal so alt wie ihr Sohn. Heute ist sie {c}. Wie alt ist der Sohn heute?',
      'Il y a {a} ans, une mère avait {b} fois l’âge de son fils. Aujourd’hui elle a {c} ans. Quel âge a le fils aujourd’hui ?',
      'Há {a} anos, uma mãe tinha {b} vezes a idade do filho. Hoje ela tem {c} anos. Quantos anos o filho tem hoje?',
      '{a}年前，母亲的年龄是儿子的{b}倍。母亲今年{c}岁。儿子今年几岁？',
      '{a}年前、母親の年齢は息子の{b}倍でした。母親は今{c}歳です。息子は今何歳ですか？',
    ],
    (r) => {
      const son = r.int(3, 12);
      const k = r.int(3, 5);
      const ago = r.int(2, 12);
      return [String(ago), String(k), String(son * k + ago)];
    },
  ),
  numeric(
    [
      'A rectangle has a perimeter of {a} cm, and its length is {b} cm more than its width. What is its area?',
      'Un rectángulo tiene un perímetro de {a} cm y su largo mide {b} cm más que su ancho. ¿Cuál es su área?',
      'Ein Rechteck hat einen Umfang von {a} cm, und seine Länge ist {b} cm größer als seine Breite. Wie groß ist die Fläche?',
      'Un rectangle a un périmètre de {a} cm et sa longueur dépasse sa largeur de {b} cm. Quelle est son aire ?',
      'Um retângulo tem perímetro de {a} cm e o comprimento é {b} cm maior que a largura. Qual é a área?',
      '一个长方形的周长是{a}厘米，长比宽多{b}厘米。它的面积是多少？',
      '長方形の周の長さは{a}cmで、長い辺は短い辺より{b}cm長いです。面積はいくつですか？',
    ],
    (r) => {
      const w = r.int(2, 20);
      const d = r.int(1, 10);
      return [String(2 * (2 * w + d)), String(d)];
    },
  ),
  numeric(
    [
      'What is the next number in the sequence {a}, …? Explain the rule.',
      '¿Cuál es el siguiente número de la secuencia {a}, …? Explica la regla.',
      'Welche Zahl kommt als Nächstes in der Folge {a}, …? Erkläre die Regel.',
      'Quel est le nombre suivant dans la suite {a}, … ? Explique la règle.',
      'Qual é o próximo número da sequência {a}, …? Explique a regra.',
      '数列{a}，…的下一个数是什么？请说明规律。',
      '数列 {a}, … の次の数は何ですか？規則も説明してください。',
    ],
    (r) => [sequence(r)],
  ),
  numeric(
    [
      'You invest {a} euros at {b}% interest per year, compounded annually. How much do you have after {c} years?',
      'Inviertes {a} euros al {b}% de interés anual compuesto. ¿Cuánto tendrás después de {c} años?',
      'Du legst {a} Euro zu {b} % Zinsen pro Jahr mit jährlichem Zinseszins an. Wie viel hast du nach {c} Jahren?',
      'Tu places {a} euros à {b} % par an, intérêts composés annuellement. Combien auras-tu après {c} ans ?',
      'Você investe {a} euros a {b}% ao ano, com juros compostos anuais. Quanto terá depois de {c} anos?',
      '你以年利率{b}%、按年复利投资{a}欧元。{c}年后你有多少钱？',
      '{a}ユーロを年利{b}%の年複利で運用します。{c}年後にはいくらになりますか？',
    ],
    (r) => [String(r.int(5, 100) * 100), String(r.int(1, 8)), String(r.int(2, 30))],
  ),
  numeric(
    [
      'How many positive divisors does {a} have? Justify the count.',
      '¿Cuántos divisores positivos tiene {a}? Justifica el recuento.',
      'Wie viele positive Teiler hat {a}? Begründe die Anzahl.',
      'Combien de diviseurs positifs a {a} ? Justifie le décompte.',
      'Quantos divisores positivos {a} tem? Justifique a contagem.',
      '{a}有多少个正因数？请说明理由。',
      '{a}の正の約数はいくつありますか？理由も示してください。',
    ],
    (r) => [String(r.int(24, 999))],
  ),
];

const LOGIC: readonly ML[] = [
  [
    'On an island, knights always tell the truth and knaves always lie. A says: "B is a knave." B says: "A and I are of the same kind." What are A and B?',
    'En una isla, los caballeros siempre dicen la verdad y los bribones siempre mienten. A dice: «B es un bribón». B dice: «A y yo somos del mismo tipo». ¿Qué son A y B?',
    'Auf einer Insel sagen Ritter immer die Wahrheit und Schurken lügen immer. A sagt: „B ist ein Schurke.“ B sagt: „A und ich sind von derselben Sorte.“ Was sind A und B?',
    'Sur une île, les chevaliers disent toujours la vérité et les fripons mentent toujours. A dit : « B est un fripon. » B dit : « A et moi sommes du même type. » Que sont A et B ?',
    'Numa ilha, os cavaleiros sempre dizem a verdade e os patifes sempre mentem. A diz: "B é um patife." B diz: "A e eu somos do mesmo tipo." O que são A e B?',
    '在一个岛上，骑士总说真话，无赖总说假话。A说："B是无赖。"B说："我和A是同一类人。"A和B分别是什么？',
    'ある島では、騎士は常に真実を言い、悪党は常にうそをつきます。Aは「Bは悪党だ」と言い、Bは「Aと私は同じ種類だ」と言いました。AとBはそれぞれ何者ですか？',
  ],
  [
    'A bat and a ball cost 1.10 in total. The bat costs 1.00 more than the ball. How much does the ball cost?',
    'Un bate y una pelota cuestan 1,10 en total. El bate cuesta 1,00 más que la pelota. ¿Cuánto cuesta la pelota?',
    'Schläger und Ball kosten zusammen 1,10. Der Schläger kostet 1,00 mehr als der Ball. Wie viel kostet der Ball?',
    'Une batte et une balle coûtent 1,10 au total. La batte coûte 1,00 de plus que la balle. Combien coûte la balle ?',
    'Um taco e uma bola custam 1,10 no total. O taco custa 1,00 a mais que a bola. Quanto custa a bola?',
    '球拍和球一共1.10元，球拍比球贵1.00元。球多少钱？',
    'バットとボールは合わせて1.10ドルです。バットはボールより1.00ドル高いです。ボールはいくらですか？',
  ],
  [
    'In a game show there are three doors; one hides a car. You pick door 1, the host (who knows) opens door 3 to show a goat and offers a switch to door 2. Should you switch?',
    'En un concurso hay tres puertas y detrás de una hay un coche. Eliges la puerta 1; el presentador, que lo sabe, abre la 3, muestra una cabra y te ofrece cambiar a la 2. ¿Deberías cambiar?',
    'In einer Spielshow gibt es drei Türen, hinter einer steht ein Auto. Du wählst Tür 1, der Moderator (der Bescheid weiß) öffnet Tür 3 mit einer Ziege und bietet dir an, zu Tür 2 zu wechseln. Solltest du wechseln?',
    'Dans un jeu télévisé, il y a trois portes, dont une cache une voiture. Tu choisis la porte 1 ; l’animateur, qui sait, ouvre la porte 3 sur une chèvre et te propose de passer à la porte 2. Faut-il changer ?',
    'Num programa de TV há três portas; atrás de uma há um carro. Você escolhe a porta 1, o apresentador (que sabe) abre a porta 3 com uma cabra e oferece a troca pela porta 2. Você deve trocar?',
    '游戏节目中有三扇门，其中一扇后面是汽车。你选了1号门，知道答案的主持人打开3号门，里面是山羊，并问你是否要换成2号门。你应该换吗？',
    '3つの扉のうち1つの後ろに車があります。あなたが扉1を選ぶと、答えを知っている司会者が扉3を開けてヤギを見せ、扉2に変えるかと聞きます。変えるべきですか？',
  ],
  [
    'All bloops are razzies and some razzies are lazzies. Does it follow that some bloops are lazzies?',
    'Todos los blups son razis y algunos razis son lazis. ¿Se deduce que algunos blups son lazis?',
    'Alle Blups sind Razzis und manche Razzis sind Lazzis. Folgt daraus, dass manche Blups Lazzis sind?',
    'Tous les bloups sont des razzis et certains razzis sont des lazzis. Peut-on en conclure que certains bloups sont des lazzis ?',
    'Todos os blups são razis e alguns razis são lazis. Segue-se que alguns blups são lazis?',
    '所有的布鲁普都是拉兹，有些拉兹是拉齐。能否推出有些布鲁普是拉齐？',
    'すべてのブループはラズであり、一部のラズはラッツです。一部のブループはラッツだと結論できますか？',
  ],
  [
    'You have two ropes that each take exactly one hour to burn, but they burn unevenly. How can you measure exactly 45 minutes?',
    'Tienes dos cuerdas que tardan exactamente una hora en quemarse, pero no de forma uniforme. ¿Cómo mides exactamente 45 minutos?',
    'Du hast zwei Schnüre, die jeweils genau eine Stunde brennen, aber ungleichmäßig. Wie misst du genau 45 Minuten?',
    'Tu as deux cordes qui brûlent chacune en exactement une heure, mais de façon irrégulière. Comment mesurer exactement 45 minutes ?',
    'Você tem duas cordas que levam exatamente uma hora para queimar, mas de forma irregular. Como medir exatamente 45 minutos?',
    '你有两根绳子，每根烧完恰好需要一小时，但燃烧不均匀。怎样准确计时45分钟？',
    '燃え尽きるのにちょうど1時間かかるが、燃え方が不均一なロープが2本あります。どうすればちょうど45分を計れますか？',
  ],
  [
    'Three boxes are labelled "apples", "oranges" and "mixed", and every label is wrong. You may take one fruit from one box. How do you relabel all boxes correctly?',
    'Tres cajas están etiquetadas «manzanas», «naranjas» y «mezcla», y todas las etiquetas están mal. Puedes sacar una fruta de una caja. ¿Cómo reetiquetas todas correctamente?',
    'Drei Kisten sind mit „Äpfel“, „Orangen“ und „gemischt“ beschriftet, und jede Beschriftung ist falsch. Du darfst aus einer Kiste eine Frucht nehmen. Wie beschriftest du alle richtig?',
    'Trois boîtes sont étiquetées « pommes », « oranges » et « mélange », et toutes les étiquettes sont fausses. Tu peux tirer un fruit d’une seule boîte. Comment réétiqueter correctement ?',
    'Três caixas têm os rótulos "maçãs", "laranjas" e "misturadas", e todos os rótulos estão errados. Você pode tirar uma fruta de uma caixa. Como corrigir todos os rótulos?',
    '三个箱子分别标着"苹果""橘子""混合"，但所有标签都是错的。你只能从一个箱子里拿出一个水果。怎样把标签全部改对？',
    '「りんご」「みかん」「混合」とラベルの付いた3つの箱があり、ラベルはすべて間違っています。1つの箱から果物を1つだけ取り出せます。どうすれば全部のラベルを正しく付け直せますか？',
  ],
  [
    'How many people must be in a room for the probability that two share a birthday to exceed 50%? Why is the number so small?',
    '¿Cuántas personas tiene que haber en una sala para que la probabilidad de que dos cumplan años el mismo día supere el 50%? ¿Por qué es tan pequeño el número?',
    'Wie viele Personen müssen in einem Raum sein, damit die Wahrscheinlichkeit, dass zwei am selben Tag Geburtstag haben, über 50 % liegt? Warum ist die Zahl so klein?',
    'Combien de personnes faut-il dans une pièce pour que la probabilité que deux partagent leur anniversaire dépasse 50 % ? Pourquoi ce nombre est-il si petit ?',
    'Quantas pessoas precisa haver numa sala para que a probabilidade de duas fazerem aniversário no mesmo dia passe de 50%? Por que o número é tão pequeno?',
    '一个房间里至少要有多少人，才能使两人同一天生日的概率超过50%？为什么这个数这么小？',
    '同じ部屋にいる2人の誕生日が一致する確率が50%を超えるには、何人いればよいですか？なぜその数はそんなに小さいのですか？',
  ],
  [
    'You have 9 identical-looking coins; one is slightly heavier. With a balance scale, what is the minimum number of weighings needed to find it?',
    'Tienes 9 monedas idénticas; una pesa un poco más. Con una balanza, ¿cuál es el número mínimo de pesadas para encontrarla?',
    'Du hast 9 gleich aussehende Münzen; eine ist etwas schwerer. Wie viele Wägungen mit einer Balkenwaage brauchst du mindestens, um sie zu finden?',
    'Tu as 9 pièces identiques en apparence ; l’une est un peu plus lourde. Avec une balance à plateaux, combien de pesées faut-il au minimum pour la trouver ?',
    'Você tem 9 moedas idênticas; uma é um pouco mais pesada. Com uma balança de pratos, qual é o número mínimo de pesagens para encontrá-la?',
    '有9枚外观相同的硬币，其中一枚稍重。用天平最少称几次能找出它？',
    '見た目が同じ硬貨が9枚あり、1枚だけ少し重いです。天秤を使って最少何回量れば見つけられますか？',
  ],
];

const SCIENCE: readonly ML[] = [
  [
    'If you drop a hammer and a feather on the Moon at the same time, which lands first, and why?',
    'Si dejas caer un martillo y una pluma a la vez en la Luna, ¿cuál llega primero al suelo y por qué?',
    'Wenn man auf dem Mond gleichzeitig einen Hammer und eine Feder fallen lässt, was kommt zuerst unten an und warum?',
    'Si on lâche en même temps un marteau et une plume sur la Lune, lequel touche le sol en premier, et pourquoi ?',
    'Se você soltar um martelo e uma pena ao mesmo tempo na Lua, qual chega primeiro ao chão e por quê?',
    '在月球上同时松手让锤子和羽毛下落，哪个先落地？为什么？',
    '月面でハンマーと羽を同時に落とすと、どちらが先に地面に着きますか？その理由は？',
  ],
  [
    'Why is the sky red and orange at sunset but blue at noon?',
    '¿Por qué el cielo es rojo y naranja al atardecer pero azul al mediodía?',
    'Warum ist der Himmel bei Sonnenuntergang rot und orange, mittags aber blau?',
    'Pourquoi le ciel est-il rouge et orange au coucher du soleil mais bleu à midi ?',
    'Por que o céu fica vermelho e laranja no pôr do sol, mas azul ao meio-dia?',
    '为什么日落时天空是红橙色的，而中午是蓝色的？',
    'なぜ夕焼けの空は赤やオレンジなのに、昼の空は青いのですか？',
  ],
  [
    'Why does water boil at a lower temperature on a high mountain, and what does that mean for cooking pasta?',
    '¿Por qué el agua hierve a menor temperatura en lo alto de una montaña y qué implica eso para cocer pasta?',
    'Warum kocht Wasser auf einem hohen Berg bei niedrigerer Temperatur, und was bedeutet das fürs Nudelkochen?',
    'Pourquoi l’eau bout-elle à une température plus basse en haute montagne, et qu’est-ce que cela change pour cuire des pâtes ?',
    'Por que a água ferve a uma temperatura mais baixa no alto de uma montanha, e o que isso muda para cozinhar macarrão?',
    '为什么在高山上水的沸点更低？这对煮面条有什么影响？',
    '高い山の上では水がより低い温度で沸騰するのはなぜですか？パスタをゆでるときにはどう影響しますか？',
  ],
  [
    'A metal spoon and a wooden spoon have been in the same room all day. Why does the metal one feel colder to the touch?',
    'Una cuchara de metal y una de madera llevan todo el día en la misma habitación. ¿Por qué la de metal se siente más fría al tocarla?',
    'Ein Metalllöffel und ein Holzlöffel liegen den ganzen Tag im selben Raum. Warum fühlt sich der Metalllöffel kälter an?',
    'Une cuillère en métal et une en bois sont restées toute la journée dans la même pièce. Pourquoi celle en métal semble-t-elle plus froide au toucher ?',
    'Uma colher de metal e uma de madeira ficaram o dia todo no mesmo cômodo. Por que a de metal parece mais fria ao toque?',
    '金属勺和木勺在同一个房间里放了一整天，为什么摸起来金属勺更凉？',
    '金属のスプーンと木のスプーンが一日中同じ部屋に置いてありました。なぜ金属の方が触ると冷たく感じるのですか？',
  ],
  [
    'Many people think summer happens because Earth is closer to the Sun. Is that right? What really causes the seasons?',
    'Mucha gente cree que el verano ocurre porque la Tierra está más cerca del Sol. ¿Es correcto? ¿Qué causa realmente las estaciones?',
    'Viele glauben, Sommer sei, weil die Erde näher an der Sonne ist. Stimmt das? Was verursacht die Jahreszeiten wirklich?',
    'Beaucoup pensent que l’été vient du fait que la Terre est plus proche du Soleil. Est-ce vrai ? Qu’est-ce qui cause vraiment les saisons ?',
    'Muita gente acha que o verão acontece porque a Terra está mais perto do Sol. Isso está certo? O que realmente causa as estações?',
    '很多人以为夏天是因为地球离太阳更近。这对吗？季节真正的成因是什么？',
    '夏は地球が太陽に近づくから来ると思っている人が多いですが、正しいですか？季節が生まれる本当の理由は？',
  ],
  [
    'Why does a helium balloon rise, and why does it eventually stop rising?',
    '¿Por qué sube un globo de helio y por qué acaba dejando de subir?',
    'Warum steigt ein Heliumballon auf, und warum hört er irgendwann auf zu steigen?',
    'Pourquoi un ballon à l’hélium monte-t-il, et pourquoi finit-il par s’arrêter de monter ?',
    'Por que um balão de hélio sobe e por que em algum momento para de subir?',
    '氦气球为什么会上升？为什么最终会停止上升？',
    'ヘリウム風船はなぜ上昇し、なぜいずれ上昇が止まるのですか？',
  ],
  [
    'A figure skater spins faster when she pulls in her arms. Explain why using conservation laws.',
    'Una patinadora gira más rápido cuando recoge los brazos. Explica por qué usando leyes de conservación.',
    'Eine Eiskunstläuferin dreht sich schneller, wenn sie die Arme anzieht. Erkläre das mit Erhaltungssätzen.',
    'Une patineuse tourne plus vite quand elle ramène ses bras. Explique pourquoi avec les lois de conservation.',
    'Uma patinadora gira mais rápido quando recolhe os braços. Explique por quê usando leis de conservação.',
    '花样滑冰运动员收拢双臂时转得更快。请用守恒定律解释原因。',
    'フィギュアスケート選手は腕を縮めると回転が速くなります。保存則を使って理由を説明してください。',
  ],
  [
    'Why does spreading salt on an icy road melt the ice even below 0 °C?',
    '¿Por qué echar sal en una carretera helada derrite el hielo incluso por debajo de 0 °C?',
    'Warum schmilzt Salz auf einer vereisten Straße das Eis sogar unter 0 °C?',
    'Pourquoi le sel répandu sur une route verglacée fait-il fondre la glace même en dessous de 0 °C ?',
    'Por que espalhar sal numa estrada congelada derrete o gelo mesmo abaixo de 0 °C?',
    '为什么在结冰的路面上撒盐，即使在0°C以下也能让冰融化？',
    '凍った道路に塩をまくと、0°C以下でも氷が解けるのはなぜですか？',
  ],
];

const ETHICS: readonly ML[] = [
  [
    'A runaway trolley will kill five people unless you pull a lever that diverts it onto a track where it will kill one. Should you pull the lever?',
    'Un tranvía sin control matará a cinco personas a menos que accione una palanca que lo desvíe hacia una vía donde matará a una. ¿Debería accionarla?',
    'Eine außer Kontrolle geratene Straßenbahn wird fünf Menschen töten, wenn du nicht eine Weiche umstellst, wodurch sie einen Menschen tötet. Solltest du die Weiche umstellen?',
    'Un tramway fou va tuer cinq personnes, sauf si tu actionnes un levier qui le dévie vers une voie où il en tuera une. Faut-il actionner le levier ?',
    'Um bonde desgovernado vai matar cinco pessoas, a menos que você puxe uma alavanca que o desvie para um trilho onde matará uma. Você deve puxar a alavanca?',
    '一辆失控的电车将撞死五个人，除非你扳动道岔让它转向另一条轨道，那里会撞死一个人。你应该扳动道岔吗？',
    '暴走するトロッコがこのままだと5人をひいてしまいます。レバーを引けば進路が変わり、1人をひくことになります。レバーを引くべきですか？',
  ],
  [
    'How should a self-driving car be programmed to choose when an unavoidable crash will harm either its passenger or two pedestrians?',
    '¿Cómo debería programarse un coche autónomo para elegir cuando un choque inevitable dañará a su pasajero o a dos peatones?',
    'Wie sollte ein selbstfahrendes Auto programmiert sein, wenn ein unvermeidbarer Unfall entweder den Insassen oder zwei Fußgänger verletzt?',
    'Comment une voiture autonome devrait-elle être programmée pour choisir quand un accident inévitable blessera soit son passager, soit deux piétons ?',
    'Como um carro autônomo deveria ser programado para escolher quando um acidente inevitável vai ferir o passageiro ou dois pedestres?',
    '当不可避免的事故要么伤害乘客、要么伤害两名行人时，自动驾驶汽车应该如何被编程来做选择？',
    '避けられない事故で乗員か歩行者2人のどちらかが傷つく場合、自動運転車はどう選ぶようにプログラムされるべきですか？',
  ],
  [
    'Your best friend asks you to tell their partner they were with you last night, which is not true. Is lying justified to protect a friendship?',
    'Tu mejor amigo te pide que le digas a su pareja que anoche estuvo contigo, lo cual no es cierto. ¿Está justificado mentir para proteger una amistad?',
    'Dein bester Freund bittet dich, seiner Partnerin zu sagen, er sei gestern Abend bei dir gewesen, was nicht stimmt. Ist Lügen gerechtfertigt, um eine Freundschaft zu schützen?',
    'Ton meilleur ami te demande de dire à sa compagne qu’il était avec toi hier soir, ce qui est faux. Mentir est-il justifié pour protéger une amitié ?',
    'Seu melhor amigo pede que você diga à parceira dele que ele estava com você ontem à noite, o que não é verdade. Mentir é justificável para proteger uma amizade?',
    '你最好的朋友让你告诉他的伴侣，他昨晚和你在一起，但这不是真的。为了保护友谊而说谎是正当的吗？',
    '親友から、昨夜は一緒にいたと恋人に言ってほしいと頼まれましたが、それは事実ではありません。友情を守るためのうそは正当化されますか？',
  ],
  [
    'You discover your employer is hiding a product safety issue. Reporting it publicly may cost many colleagues their jobs. What should you do?',
    'Descubres que tu empresa oculta un problema de seguridad de un producto. Denunciarlo públicamente podría costar el empleo a muchos compañeros. ¿Qué deberías hacer?',
    'Du entdeckst, dass dein Arbeitgeber ein Sicherheitsproblem eines Produkts verheimlicht. Eine öffentliche Meldung könnte viele Kollegen den Job kosten. Was solltest du tun?',
    'Tu découvres que ton employeur cache un problème de sécurité sur un produit. Le révéler publiquement pourrait coûter leur emploi à de nombreux collègues. Que faire ?',
    'Você descobre que sua empresa esconde um problema de segurança de um produto. Denunciar publicamente pode custar o emprego de muitos colegas. O que fazer?',
    '你发现公司隐瞒了一个产品安全问题。公开举报可能会让很多同事丢掉工作。你应该怎么做？',
    '勤務先が製品の安全上の問題を隠していると知りました。公表すれば多くの同僚が職を失うかもしれません。どうすべきですか？',
  ],
  [
    'A hospital has one ventilator and two patients who need it: a 30-year-old with a lower chance of survival and a 75-year-old with a higher one. How should it decide?',
    'Un hospital tiene un respirador y dos pacientes que lo necesitan: uno de 30 años con menos probabilidad de sobrevivir y otro de 75 con más. ¿Cómo debería decidir?',
    'Ein Krankenhaus hat ein Beatmungsgerät und zwei Patienten: einen 30-Jährigen mit geringerer und einen 75-Jährigen mit höherer Überlebenschance. Wie sollte es entscheiden?',
    'Un hôpital a un respirateur et deux patients qui en ont besoin : un de 30 ans avec moins de chances de survie et un de 75 ans avec plus de chances. Comment décider ?',
    'Um hospital tem um respirador e dois pacientes que precisam dele: um de 30 anos com menor chance de sobreviver e um de 75 com maior chance. Como decidir?',
    '医院只有一台呼吸机，却有两名病人需要：一名30岁、存活几率较低，一名75岁、存活几率较高。医院应该如何决定？',
    '病院に人工呼吸器が1台しかなく、生存の見込みが低い30歳の患者と見込みが高い75歳の患者が必要としています。どう決めるべきですか？',
  ],
  [
    'You find a wallet with 500 euros and an ID card, but the owner is very wealthy and you are struggling to pay rent. Does that change what you ought to do?',
    'Encuentras una cartera con 500 euros y un DNI, pero el dueño es muy rico y a ti te cuesta pagar el alquiler. ¿Cambia eso lo que deberías hacer?',
    'Du findest eine Geldbörse mit 500 Euro und einem Ausweis. Der Besitzer ist sehr reich, und du kannst kaum deine Miete zahlen. Ändert das, was du tun solltest?',
    'Tu trouves un portefeuille avec 500 euros et une carte d’identité ; le propriétaire est très riche et tu as du mal à payer ton loyer. Cela change-t-il ce que tu devrais faire ?',
    'Você encontra uma carteira com 500 euros e um documento; o dono é muito rico e você está com dificuldade para pagar o aluguel. Isso muda o que você deveria fazer?',
    '你捡到一个装有500欧元和身份证的钱包，失主非常富有，而你正为房租发愁。这会改变你应该做的事吗？',
    '500ユーロと身分証の入った財布を拾いました。持ち主は大金持ちで、あなたは家賃の支払いに困っています。それでやるべきことは変わりますか？',
  ],
];

const CODE_ASK: readonly Tpl[] = LANGS.map((_, i) =>
  compile(
    tr(
      [
        'What does the following code return for the input {a}? Trace it.',
        '¿Qué devuelve el siguiente código para la entrada {a}? Trázalo.',
        'Was gibt der folgende Code für die Eingabe {a} zurück? Verfolge die Ausführung.',
        'Que renvoie le code suivant pour l’entrée {a} ? Trace son exécution.',
        'O que o código a seguir retorna para a entrada {a}? Faça o rastreamento.',
        '下面的代码在输入{a}时返回什么？请逐步追踪。',
        '次のコードは入力 {a} に対して何を返しますか？実行をトレースしてください。',
      ],
      i,
    ),
    SLOTS,
  ),
);

const CODES: readonly (readonly [string, (r: Rng) => string])[] = [
  ['def f(n):\n    s = 0\n    for i in range(1, n + 1):\n        if i % 3 == 0 or i % 5 == 0:\n            s += i\n    return s', (r) => 'n = ' + r.int(10, 40)],
  ['def h(n):\n    if n < 2:\n        return n\n    return h(n - 1) + h(n - 2)', (r) => 'n = ' + r.int(5, 15)],
  ['function g(xs) {\n  let best = -Infinity, second = -Infinity;\n  for (const x of xs) {\n    if (x > best) { second = best; best = x; }\n    else if (x > second) second = x;\n  }\n  return second;\n}', (r) => 'xs = [' + r.int(1, 50) + ', ' + r.int(1, 50) + ', ' + r.int(1, 50) + ', ' + r.int(1, 50) + ']'],
  ['def c(s):\n    out = []\n    for ch in s:\n        if out and out[-1][0] == ch:\n            out[-1][1] += 1\n        else:\n            out.append([ch, 1])\n    return out', (r) => 's = "' + r.pick(['aaabccdd', 'mississippi', 'bookkeeper', 'aabbaa', 'zzzzyx']) + '"'],
  ['def gcd(a, b):\n    while b:\n        a, b = b, a % b\n    return a', (r) => 'a = ' + r.int(20, 400) + ', b = ' + r.int(6, 120)],
];

export const PROBLEM_KINDS = ['math', 'logic', 'science', 'ethics', 'code'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** A problem of `kind` in language `li` (index into LANGS). */
export function problem(r: Rng, kind: ProblemKind, li: number): string {
  switch (kind) {
    case 'math': {
      const p = r.pick(NUMERIC);
      const v = p.gen(r);
      return fillTpl(p.tpl[li] as Tpl, v);
    }
    case 'logic':
      return tr(r.pick(LOGIC), li);
    case 'science':
      return tr(r.pick(SCIENCE), li);
    case 'ethics':
      return tr(r.pick(ETHICS), li);
    default: {
      const [code, input] = r.pick(CODES);
      return fillTpl(CODE_ASK[li] as Tpl, [input(r)]) + '\n\n' + code;
    }
  }
}

function fillTpl(t: Tpl, v: readonly (string | undefined)[]): string {
  let s = t.lits[0] as string;
  for (let i = 0; i < t.slots.length; i++) s += (v[t.slots[i] as number] ?? '') + (t.lits[i + 1] as string);
  return s;
}
