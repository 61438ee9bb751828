/**
 * `chat`: ordinary people asking everyday questions — explanations, advice,
 * trivia, travel, cooking, health information — short or long, sometimes as a
 * follow-up in a running conversation, sometimes typed carelessly.
 */
import type { Rng } from '../rng.js';
import { assistant, bank, casual, fill, isCjk, join, tokens, user, type Tpl } from './gen.js';
import { LANGS, type ChatMessage, type Lang, type TaskOptions, type TaskSource } from './types.js';

interface RawChat {
  greet: string[];
  explainAsk: string[]; // {t}
  explainTopics: string[];
  adviceAsk: string[]; // {s}
  situations: string[];
  travelAsk: string[]; // {place} {n}
  places: string[];
  cookAsk: string[]; // {dish}
  dishes: string[];
  healthAsk: string[]; // {t}
  healthTopics: string[];
  trivia: string[];
  context: string[];
  closers: string[];
  followups: string[];
  replies: string[];
}

const RAW: Record<Lang, RawChat> = {
  en: {
    greet: ['hi', 'hey', 'Hello!', 'hey there', 'Hi,', 'ok so', 'Quick one:', 'Morning!', 'yo', 'Hello,', 'Hi there,', 'So,'],
    explainAsk: [
      'Can you explain {t}?',
      'quick explainer on {t}?',
      'ELI5: {t}',
      'I never understood {t}. Could you break it down?',
      'What is the simplest way to understand {t}?',
      'Explain {t} like I am 12.',
      'can someone tell me {t}',
      'I keep hearing about {t} — can you put it in plain English?',
      'Give me a short explanation of {t}.',
      'What should a normal person know about {t}?',
      'Could you explain {t} with an everyday example?',
      'could someone explain {t}?? never made sense to me',
      'Help me understand {t}, please.',
      'Explain in two or three paragraphs {t}.',
      'My kid asked me about {t} and I had no idea. Help?',
    ],
    explainTopics: [
      'how vaccines train the immune system', 'why the sky is blue', 'how compound interest works',
      'what inflation actually is', 'how noise-cancelling headphones work', 'why we have leap years',
      'how a credit score is calculated', 'what a black hole is', 'how tides work',
      'why airplanes can fly', 'how a heat pump heats a house', 'what the stock market does',
      'how GPS knows where I am', 'why onions make you cry', 'how a bill becomes law',
      'what causes the seasons', 'how microwaves heat food', 'why ice floats',
      'how solar panels make electricity', 'what a recession is', 'how bees make honey',
      'why cats purr', 'how index funds work', 'why the moon has phases',
      'what jet lag does to your body', 'how rainbows form', 'how encryption keeps messages private',
      'why bread rises', 'what a mortgage rate is tied to', 'how earthquakes are measured',
      'how the electoral college works', 'why we dream', 'how a refrigerator keeps things cold',
      'what carbon offsets are', 'how caffeine wakes you up', 'why some people are left-handed',
      'how a car engine works', 'what the ozone layer does', 'how antibiotics kill bacteria',
      'why time zones exist', 'how lightning forms', 'what blockchain is without the hype',
      'how hearing aids work', 'why yawning is contagious', 'how wind turbines work',
    ],
    adviceAsk: [
      '{s}. Any tips?',
      '{s} — what should I do?',
      'Need advice: {s}.',
      '{s}. How would you handle it?',
      'what would you suggest? {s}',
      '{s}. Is that normal, and how can I fix it?',
      'Looking for practical ideas. {s}.',
      '{s}. Where do I even start?',
      'Honest opinion please: {s}.',
      '{s}. What are my options?',
    ],
    situations: [
      'I can not fall asleep before 2am lately', 'my roommate never does the dishes',
      'I want to start running but I get bored after 10 minutes', 'I procrastinate on everything at work',
      'my houseplants keep dying', 'I have a job interview on Friday and I am nervous',
      'I want to save money but I always overspend on food delivery', 'my dog barks at every noise at night',
      'I need to give a speech at my sister’s wedding', 'I feel stuck learning Spanish',
      'my laptop is getting really slow', 'I want to ask my manager for a raise',
      'I moved to a new city and do not know anyone', 'my teenager is on the phone all day',
      'I keep forgetting birthdays', 'I have too many browser tabs and too many tasks',
      'I want to learn to cook but only have 20 minutes a day', 'my neighbour plays loud music late',
      'I need to choose between two job offers', 'my kitchen always smells like garbage',
      'I want to read more books this year', 'I get headaches after long screen days',
      'I want to get back into shape after an injury', 'my group project partner is not doing anything',
      'I have to plan a birthday party on a small budget', 'I am anxious about flying next month',
      'I want to reduce my plastic use', 'my cat scratches the sofa', 'I spend too much time on my phone',
      'I want to start journaling but never stick with it',
    ],
    travelAsk: [
      'Planning {n} days in {place}. What should I not miss?',
      'going to {place} for {n} days, any recommendations?',
      'What is a good {n}-day itinerary for {place}?',
      'Is {n} days enough for {place}? What would you prioritise?',
      'first time in {place} ({n} days) — tips on food and getting around?',
      'Best neighbourhoods to stay in {place} for a {n}-night trip?',
      'I have {n} days in {place} with two kids. Ideas?',
      'What is the weather usually like in {place}, and what should I pack for {n} days?',
      'Cheap things to do in {place}? We are there {n} days.',
      'Day trips from {place}? I have {n} days total.',
    ],
    places: [
      'Lisbon', 'Kyoto', 'Mexico City', 'Edinburgh', 'Vienna', 'Seoul', 'Buenos Aires', 'Istanbul',
      'Cape Town', 'Montreal', 'Hanoi', 'Copenhagen', 'Marrakech', 'Prague', 'Vancouver', 'Barcelona',
      'Singapore', 'Oaxaca', 'Dublin', 'Tokyo', 'Porto', 'Budapest', 'Chicago', 'Athens', 'Bangkok',
    ],
    cookAsk: [
      'How do I make {dish}?',
      'easy recipe for {dish}?',
      'What is the secret to really good {dish}?',
      'Can I make {dish} without an oven?',
      'I want to make {dish} for 6 people tonight. Shopping list?',
      'my {dish} always turns out bland. what am I doing wrong',
      'Vegetarian version of {dish}?',
      'How long does {dish} keep in the fridge?',
      'What can I serve with {dish}?',
      'Can {dish} be made ahead and frozen?',
    ],
    dishes: [
      'banana bread', 'pad thai', 'shakshuka', 'lasagna', 'chicken curry', 'risotto', 'guacamole',
      'sourdough bread', 'ramen broth', 'chili con carne', 'falafel', 'pancakes', 'paella', 'tiramisu',
      'tomato soup', 'fried rice', 'lentil soup', 'mac and cheese', 'apple pie', 'dumplings',
      'chocolate chip cookies', 'hummus', 'carbonara', 'French onion soup', 'tacos al pastor',
      'roast chicken', 'vegetable stir fry', 'cheesecake', 'minestrone', 'potato gratin',
    ],
    healthAsk: [
      'Is it true that {t}?',
      'general question, not medical advice needed: {t}?',
      'What does the research say about {t}?',
      'How much should I worry about {t}?',
      'Can you give me the basics on {t}?',
      'My doctor mentioned {t}. What does that mean in general?',
      'quick health question — {t}?',
      'What are common myths about {t}?',
    ],
    healthTopics: [
      'how much water a person should drink per day', 'you need 10,000 steps a day',
      'coffee dehydrates you', 'what a normal resting heart rate is', 'how much sleep adults need',
      'vitamin D in winter', 'how long a cold usually lasts', 'what high cholesterol means',
      'stretching before running', 'screen time and eye strain', 'intermittent fasting',
      'how sunscreen SPF works', 'what blood pressure numbers mean', 'protein needs for beginners at the gym',
      'allergies getting worse with age', 'how flu shots are updated each year', 'the benefits of walking after meals',
      'what BMI does and does not measure', 'why muscles are sore two days after exercise', 'sugar and energy crashes',
    ],
    trivia: [
      'What is the tallest mountain in South America?', 'Who invented the telephone, really?',
      'how many bones are in the human body', 'Why is a marathon 42.195 km?',
      'Which planet has the most moons right now?', 'What language has the most native speakers?',
      'when was the printing press invented', 'What is the deepest lake in the world?',
      'Why do we say OK?', 'How many time zones does Russia have?', 'Which country has the most islands?',
      'What was the first video game?', 'Why are flamingos pink?', 'How old is the oldest tree?',
      'What is the smallest country in the world?', 'Who painted the ceiling of the Sistine Chapel?',
      'how fast does a cheetah run', 'Why is the Dead Sea so salty?', 'What is the longest river in Europe?',
      'How many languages are spoken in India?', 'When did humans first reach Australia?',
      'What does DNA stand for?', 'Why do we have fingerprints?', 'Which is the hottest planet?',
      'How did the Olympic rings get their colours?', 'What is the speed of sound at sea level?',
      'Which element is the most abundant in the universe?', 'Why is Pluto not a planet anymore?',
      'who wrote the first novel', 'How big is the Sahara compared to the US?',
      'What is the rarest blood type?', 'Why do leaves change colour in autumn?',
      'How many hearts does an octopus have?', 'What was the Library of Alexandria?',
      'How long is the Great Wall of China?',
    ],
    context: [
      'Asking because we had an argument about it at dinner.', 'I tried googling but got confused.',
      'I am not an expert at all, so keep it simple.', 'I read something about this yesterday.',
      'This came up at work today.', 'My friend insists she is right about this.',
      'I have a bit of time on a train, so curious.', 'I want to explain it to my parents.',
      'Long time wondering about this.', 'Saw a video about it and now I am curious.',
      'I need to sound smart at a family thing this weekend.', 'Just curious, nothing serious.',
      'I know basically nothing about this topic.', 'Please no jargon.', 'Sorry if this is a dumb question.',
    ],
    closers: ['thanks!', 'Thank you!', 'thx', 'Cheers.', 'Appreciate it.', 'Thanks so much.', 'ty', 'Thanks in advance.'],
    followups: [
      'can you make that shorter?', 'What about in winter?', 'ok and why is that?', 'Can you give an example?',
      'wait, I did not get the second part', 'Is that the same everywhere?', 'thanks! what else should I know?',
      'Could you put that in a list?', 'hmm, are you sure about that?', 'And what would you do in my place?',
      'What if I only have half the time?', 'simpler please', 'Any good books or videos about it?',
      'How does that compare to ten years ago?', 'Nice. What is the most common mistake?',
      'Can you explain it to a 10-year-old?', 'ok last question: what is the cheapest option?',
      'interesting, tell me more', 'What are the downsides?', 'Great, can you summarise in one sentence?',
    ],
    replies: [
      'Sure! Here is a short overview.', 'Good question — the short answer is that it depends, but here is the gist.',
      'Here are a few practical ideas to start with.', 'Happy to help. Let me break it down step by step.',
      'Great question! In simple terms, it works like this.', 'Here is a quick summary with the key points.',
      'That is a common worry; here is what is generally known.', 'Here is a simple way to think about it.',
      'Absolutely — a few tips that usually work well.', 'Let me explain it with an everyday example.',
    ],
  },
  es: {
    greet: ['hola', '¡Hola!', 'Buenas,', 'Oye,', 'Hola, una pregunta:', 'Buenos días.', ''],
    explainAsk: [
      '¿Me puedes explicar {t}?', '¿Me explicas de forma sencilla {t}?', 'Explícame {t} como si tuviera 12 años.',
      'Nunca he entendido {t}. ¿Me lo explicas?', '¿Cuál es la forma más sencilla de entender {t}?',
      'Dame una explicación corta de {t}.', '¿Qué debería saber una persona normal sobre {t}?',
      'Mi hijo me preguntó por {t} y no supe qué decir. ¿Ayuda?',
    ],
    explainTopics: [
      'cómo funcionan las vacunas', 'por qué el cielo es azul', 'cómo funciona el interés compuesto', 'qué es la inflación',
      'cómo funcionan los auriculares con cancelación de ruido', 'por qué hay años bisiestos', 'qué es un agujero negro',
      'cómo se forman las mareas', 'por qué vuelan los aviones', 'cómo funciona una bomba de calor', 'cómo funciona el GPS',
      'qué causa las estaciones del año', 'por qué el hielo flota', 'cómo funcionan los paneles solares',
      'qué es una recesión', 'cómo hacen miel las abejas', 'por qué ronronean los gatos', 'cómo funcionan los fondos indexados',
      'por qué la luna tiene fases', 'cómo se forma el arcoíris', 'cómo se miden los terremotos', 'por qué soñamos',
    ],
    adviceAsk: ['{s}. ¿Algún consejo?', '{s}. ¿Qué hago?', 'Necesito consejo: {s}.', '{s}. ¿Cómo lo manejarías tú?', '{s}. ¿Por dónde empiezo?', '{s}. ¿Qué opciones tengo?'],
    situations: [
      'últimamente no consigo dormirme antes de las 2', 'mi compañero de piso nunca friega los platos',
      'quiero empezar a correr pero me aburro enseguida', 'lo dejo todo para el último momento en el trabajo',
      'se me mueren todas las plantas', 'tengo una entrevista de trabajo el viernes y estoy nervioso',
      'quiero ahorrar pero gasto demasiado en comida a domicilio', 'mi perro ladra por la noche a cualquier ruido',
      'tengo que dar un discurso en la boda de mi hermana', 'me he mudado a otra ciudad y no conozco a nadie',
      'quiero pedirle un aumento a mi jefa', 'paso demasiado tiempo con el móvil', 'tengo que elegir entre dos ofertas de trabajo',
      'quiero leer más libros este año', 'mi gato araña el sofá',
    ],
    travelAsk: [
      'Voy {n} días a {place}. ¿Qué no me puedo perder?', '¿Un buen itinerario de {n} días para {place}?',
      'Primera vez en {place} ({n} días): ¿consejos de comida y transporte?', '¿Dónde alojarse en {place} para {n} noches?',
      'Tengo {n} días en {place} con niños. ¿Ideas?', '¿Excursiones de un día desde {place}? Tengo {n} días.',
    ],
    places: ['Lisboa', 'Kioto', 'Ciudad de México', 'Viena', 'Seúl', 'Buenos Aires', 'Estambul', 'Praga', 'Cartagena', 'Oporto', 'Roma', 'Tokio', 'Cusco', 'Budapest'],
    cookAsk: [
      '¿Cómo se hace {dish}?', '¿Una receta fácil para {dish}?', '¿Algún truco para que me salga bien {dish}?',
      'Quiero hacer {dish} para 6 personas esta noche. ¿Lista de la compra?', '¿Se puede hacer {dish} en versión vegetariana?',
      '¿Cuánto dura {dish} en la nevera?', '¿Con qué acompaño {dish}?',
    ],
    dishes: ['la tortilla de patatas', 'la paella', 'el gazpacho', 'el pan de plátano', 'las lentejas', 'el arroz frito', 'el guacamole', 'las croquetas', 'el flan', 'el pollo al curry', 'la lasaña', 'los churros', 'las empanadas', 'el salmorejo', 'el risotto'],
    healthAsk: ['¿Es verdad que {t}?', '¿Qué dice la investigación sobre {t}?', 'Pregunta general de salud: ¿{t}?', '¿Cuáles son los mitos más comunes sobre {t}?'],
    healthTopics: [
      'hay que beber dos litros de agua al día', 'hacen falta 10.000 pasos diarios', 'el café deshidrata',
      'cuántas horas de sueño necesita un adulto', 'la vitamina D en invierno', 'el ayuno intermitente funciona',
      'cuánto dura un resfriado normal', 'estirar antes de correr evita lesiones', 'qué significa tener el colesterol alto',
    ],
    trivia: [
      '¿Cuál es la montaña más alta de Sudamérica?', '¿Cuántos huesos tiene el cuerpo humano?', '¿Por qué un maratón mide 42,195 km?',
      '¿Qué planeta tiene más lunas?', '¿Cuál es el lago más profundo del mundo?', '¿Por qué los flamencos son rosas?',
      '¿Cuál es el país más pequeño del mundo?', '¿Cuántos corazones tiene un pulpo?', '¿Por qué Plutón ya no es un planeta?',
      '¿Cuál es el río más largo de Europa?', '¿Por qué las hojas cambian de color en otoño?', '¿Cuándo se inventó la imprenta?',
    ],
    context: ['Lo pregunto porque discutimos sobre esto en la cena.', 'Busqué en internet pero me lío.', 'No soy experto, así que sencillo, porfa.', 'Salió el tema hoy en el trabajo.', 'Sin tecnicismos, por favor.', 'Perdón si es una pregunta tonta.'],
    closers: ['¡gracias!', 'Mil gracias.', 'Gracias de antemano.', 'Te lo agradezco.', 'grax'],
    followups: ['¿puedes resumirlo más?', '¿Y en invierno?', 'vale, ¿y por qué?', '¿Me das un ejemplo?', '¿Es igual en todas partes?', '¿Me lo pones en una lista?', '¿Seguro?', '¿Qué harías tú en mi lugar?', '¿Cuáles son las desventajas?'],
    replies: ['¡Claro! Aquí tienes un resumen breve.', 'Buena pregunta: en resumen, depende, pero esta es la idea.', 'Aquí van algunas ideas prácticas para empezar.', 'Te lo explico paso a paso.', 'En pocas palabras, funciona así.'],
  },
  de: {
    greet: ['hallo', 'Hallo!', 'Hi,', 'Moin,', 'Guten Morgen.', 'Kurze Frage:', ''],
    explainAsk: [
      'Kannst du mir {t} erklären?', 'kannst du {t} einfach erklären?', 'Erklär mir {t}, als wäre ich 12.',
      'Ich habe {t} nie verstanden. Kannst du es aufschlüsseln?', 'Was ist der einfachste Weg, {t} zu verstehen?',
      'Gib mir eine kurze Erklärung für {t}.', 'Was sollte ein normaler Mensch über {t} wissen?',
      'Mein Kind will {t} verstehen und ich kann es nicht erklären. Hilfe?',
    ],
    explainTopics: [
      'die Wirkung von Impfungen', 'die blaue Farbe des Himmels', 'den Zinseszins', 'Inflation',
      'Kopfhörer mit Geräuschunterdrückung', 'Schaltjahre', 'Schwarze Löcher', 'Ebbe und Flut', 'den Auftrieb bei Flugzeugen',
      'Wärmepumpen', 'GPS', 'die Entstehung der Jahreszeiten', 'die Anomalie des Wassers', 'Solarzellen', 'eine Rezession',
      'die Honigproduktion der Bienen', 'das Schnurren von Katzen', 'ETFs', 'die Mondphasen', 'die Entstehung von Regenbögen',
      'die Messung von Erdbeben', 'den Sinn von Träumen',
    ],
    adviceAsk: ['{s}. Irgendwelche Tipps?', '{s}. Was soll ich tun?', 'Brauche Rat: {s}.', '{s}. Wie würdest du das angehen?', '{s}. Wo fange ich an?', '{s}. Welche Möglichkeiten habe ich?'],
    situations: [
      'ich kann seit Wochen nicht vor 2 Uhr einschlafen', 'mein Mitbewohner spült nie ab', 'ich will mit dem Laufen anfangen, aber mir wird schnell langweilig',
      'ich schiebe bei der Arbeit alles auf', 'meine Zimmerpflanzen gehen ständig ein', 'ich habe am Freitag ein Vorstellungsgespräch und bin nervös',
      'ich will sparen, bestelle aber dauernd Essen', 'mein Hund bellt nachts bei jedem Geräusch', 'ich muss auf der Hochzeit meiner Schwester eine Rede halten',
      'ich bin in eine neue Stadt gezogen und kenne niemanden', 'ich möchte meine Chefin um eine Gehaltserhöhung bitten', 'ich hänge zu viel am Handy',
      'ich muss mich zwischen zwei Jobangeboten entscheiden', 'ich möchte dieses Jahr mehr lesen', 'meine Katze zerkratzt das Sofa',
    ],
    travelAsk: [
      'Ich plane {n} Tage in {place}. Was darf ich nicht verpassen?', 'Guter Reiseplan für {n} Tage {place}?',
      'Zum ersten Mal in {place} ({n} Tage): Tipps zu Essen und Nahverkehr?', 'Wo übernachtet man in {place} am besten für {n} Nächte?',
      'Ich habe {n} Tage in {place} mit Kindern. Ideen?', 'Tagesausflüge ab {place}? Ich habe insgesamt {n} Tage.',
    ],
    places: ['Lissabon', 'Kyoto', 'Wien', 'Prag', 'Kopenhagen', 'Edinburgh', 'Istanbul', 'Seoul', 'Rom', 'Budapest', 'Porto', 'Tokio', 'Krakau', 'Barcelona'],
    cookAsk: [
      'Wie mache ich {dish}?', 'Einfaches Rezept für {dish}?', 'Was ist der Trick bei {dish}?',
      'Ich will heute Abend {dish} für 6 Personen machen. Einkaufsliste?', 'Vegetarische Variante von {dish}?',
      'Wie lange hält sich {dish} im Kühlschrank?', 'Was passt als Beilage zu {dish}?',
    ],
    dishes: ['Bananenbrot', 'Käsespätzle', 'Linsensuppe', 'Lasagne', 'Hühnchen-Curry', 'Risotto', 'Kartoffelsalat', 'Apfelstrudel', 'Gulasch', 'Pfannkuchen', 'Bratreis', 'Sauerteigbrot', 'Käsekuchen', 'Flammkuchen'],
    healthAsk: ['Stimmt es, dass {t}?', 'Was sagt die Forschung dazu, dass {t}?', 'Allgemeine Gesundheitsfrage: {t}?', 'Welche Mythen gibt es darüber, dass {t}?'],
    healthTopics: [
      'man zwei Liter Wasser am Tag trinken muss', 'man 10.000 Schritte am Tag braucht', 'Kaffee dem Körper Wasser entzieht',
      'Erwachsene acht Stunden Schlaf brauchen', 'man im Winter Vitamin D nehmen sollte', 'Intervallfasten beim Abnehmen hilft',
      'eine Erkältung eine Woche dauert', 'Dehnen vor dem Laufen Verletzungen verhindert',
    ],
    trivia: [
      'Was ist der höchste Berg Südamerikas?', 'Wie viele Knochen hat der Mensch?', 'Warum ist ein Marathon 42,195 km lang?',
      'Welcher Planet hat die meisten Monde?', 'Was ist der tiefste See der Welt?', 'Warum sind Flamingos rosa?',
      'Was ist das kleinste Land der Welt?', 'Wie viele Herzen hat ein Oktopus?', 'Warum ist Pluto kein Planet mehr?',
      'Was ist der längste Fluss Europas?', 'Warum verfärben sich Blätter im Herbst?', 'Wann wurde der Buchdruck erfunden?',
    ],
    context: ['Frage, weil wir beim Abendessen darüber gestritten haben.', 'Ich habe gegoogelt, bin aber nur verwirrter.', 'Bin kein Experte, also bitte einfach.', 'Kam heute bei der Arbeit auf.', 'Bitte ohne Fachchinesisch.', 'Sorry, falls die Frage dumm ist.'],
    closers: ['danke!', 'Vielen Dank.', 'Danke im Voraus.', 'Merci!', 'dankeschön'],
    followups: ['geht das kürzer?', 'Und im Winter?', 'ok, und warum?', 'Hast du ein Beispiel?', 'Ist das überall so?', 'Kannst du das als Liste machen?', 'Bist du sicher?', 'Was würdest du an meiner Stelle tun?', 'Was sind die Nachteile?'],
    replies: ['Klar! Hier ein kurzer Überblick.', 'Gute Frage – kurz gesagt: Es kommt darauf an, aber im Kern ist es so.', 'Hier ein paar praktische Ideen für den Anfang.', 'Ich erkläre es Schritt für Schritt.', 'Vereinfacht gesagt funktioniert es so.'],
  },
  fr: {
    greet: ['salut', 'Bonjour !', 'Coucou,', 'Bonsoir,', 'Petite question :', ''],
    explainAsk: [
      'Tu peux m’expliquer {t} ?', 'Tu peux m’expliquer simplement {t} ?', 'Explique-moi {t} comme si j’avais 12 ans.',
      'Je n’ai jamais compris {t}. Tu peux détailler ?', 'Quelle est la façon la plus simple de comprendre {t} ?',
      'Explique-moi en bref {t}.', 'Que devrait savoir une personne normale sur {t} ?',
      'Mon fils m’a demandé {t} et je n’ai pas su répondre. De l’aide ?',
    ],
    explainTopics: [
      'comment les vaccins entraînent le système immunitaire', 'pourquoi le ciel est bleu', 'les intérêts composés', 'ce qu’est vraiment l’inflation',
      'comment marchent les casques à réduction de bruit', 'pourquoi il y a des années bissextiles', 'ce qu’est un trou noir', 'comment se forment les marées',
      'pourquoi les avions volent', 'comment une pompe à chaleur chauffe une maison', 'comment marche le GPS', 'ce qui cause les saisons',
      'pourquoi la glace flotte', 'comment les panneaux solaires produisent de l’électricité', 'ce qu’est une récession', 'comment les abeilles font le miel',
      'pourquoi les chats ronronnent', 'comment fonctionnent les ETF', 'pourquoi la lune a des phases', 'comment se forme un arc-en-ciel',
    ],
    adviceAsk: ['{s}. Des conseils ?', '{s}. Je fais quoi ?', 'Besoin d’un avis : {s}.', '{s}. Tu gérerais ça comment ?', '{s}. Par où commencer ?', '{s}. Quelles sont mes options ?'],
    situations: [
      'je n’arrive plus à m’endormir avant 2 h', 'mon colocataire ne fait jamais la vaisselle', 'je veux commencer à courir mais je m’ennuie vite',
      'je repousse tout au travail', 'mes plantes meurent toutes', 'j’ai un entretien d’embauche vendredi et je stresse',
      'je veux économiser mais je commande trop de repas', 'mon chien aboie la nuit au moindre bruit', 'je dois faire un discours au mariage de ma sœur',
      'j’ai déménagé et je ne connais personne', 'je veux demander une augmentation', 'je passe trop de temps sur mon téléphone',
      'je dois choisir entre deux offres d’emploi', 'je veux lire plus cette année', 'mon chat griffe le canapé',
    ],
    travelAsk: [
      'Je pars {n} jours à {place}. Qu’est-ce qu’il ne faut pas rater ?', 'Un bon itinéraire de {n} jours à {place} ?',
      'Première fois à {place} ({n} jours) : conseils pour manger et se déplacer ?', 'Où loger à {place} pour {n} nuits ?',
      'J’ai {n} jours à {place} avec des enfants. Des idées ?', 'Excursions à la journée depuis {place} ? J’ai {n} jours.',
    ],
    places: ['Lisbonne', 'Kyoto', 'Vienne', 'Prague', 'Montréal', 'Édimbourg', 'Istanbul', 'Séoul', 'Rome', 'Marrakech', 'Porto', 'Tokyo', 'Dakar', 'Barcelone'],
    cookAsk: [
      'Comment on fait {dish} ?', 'Une recette facile pour {dish} ?', 'C’est quoi le secret pour réussir {dish} ?',
      'Je veux faire {dish} pour 6 ce soir. Liste de courses ?', 'Il existe une version végétarienne pour {dish} ?',
      'Combien de temps se garde {dish} au frigo ?', 'Qu’est-ce que je sers avec {dish} ?',
    ],
    dishes: ['un gratin dauphinois', 'une quiche lorraine', 'un bœuf bourguignon', 'des crêpes', 'une ratatouille', 'un risotto', 'un cake à la banane', 'une soupe à l’oignon', 'un curry de poulet', 'une tarte aux pommes', 'un couscous', 'des lasagnes', 'une mousse au chocolat'],
    healthAsk: ['C’est vrai que {t} ?', 'Que dit la recherche sur le fait que {t} ?', 'Question santé générale : {t} ?', 'Quelles idées reçues circulent sur le fait que {t} ?'],
    healthTopics: [
      'il faut boire deux litres d’eau par jour', 'il faut 10 000 pas par jour', 'le café déshydrate', 'un adulte a besoin de huit heures de sommeil',
      'il faut prendre de la vitamine D en hiver', 'le jeûne intermittent aide à maigrir', 's’étirer avant de courir évite les blessures',
    ],
    trivia: [
      'Quelle est la plus haute montagne d’Amérique du Sud ?', 'Combien d’os compte le corps humain ?', 'Pourquoi un marathon fait 42,195 km ?',
      'Quelle planète a le plus de lunes ?', 'Quel est le lac le plus profond du monde ?', 'Pourquoi les flamants sont roses ?',
      'Quel est le plus petit pays du monde ?', 'Combien de cœurs a une pieuvre ?', 'Pourquoi Pluton n’est plus une planète ?',
      'Quel est le plus long fleuve d’Europe ?', 'Pourquoi les feuilles changent de couleur en automne ?',
    ],
    context: ['Je demande parce qu’on en a débattu au dîner.', 'J’ai cherché sur internet mais je m’y perds.', 'Je ne suis pas expert, donc simple svp.', 'Le sujet est venu au boulot aujourd’hui.', 'Sans jargon, s’il te plaît.', 'Désolé si la question est bête.'],
    closers: ['merci !', 'Merci beaucoup.', 'Merci d’avance.', 'mci'],
    followups: ['tu peux faire plus court ?', 'Et en hiver ?', 'ok, et pourquoi ?', 'Tu as un exemple ?', 'C’est pareil partout ?', 'Tu peux faire une liste ?', 'Tu es sûr ?', 'Tu ferais quoi à ma place ?', 'Quels sont les inconvénients ?'],
    replies: ['Bien sûr ! Voici un bref aperçu.', 'Bonne question : en bref, ça dépend, mais voici l’essentiel.', 'Voici quelques idées pratiques pour commencer.', 'Je t’explique étape par étape.', 'En termes simples, ça marche comme ça.'],
  },
  pt: {
    greet: ['oi', 'Olá!', 'Bom dia,', 'E aí,', 'Uma dúvida:', ''],
    explainAsk: [
      'Pode me explicar {t}?', 'Me explica de um jeito simples {t}?', 'Me explica {t} como se eu tivesse 12 anos.',
      'Nunca entendi {t}. Pode detalhar?', 'Qual é o jeito mais simples de entender {t}?',
      'Me dá uma explicação curta sobre {t}.', 'O que uma pessoa comum deveria saber sobre {t}?',
      'Meu filho me perguntou sobre {t} e eu não soube responder. Ajuda?',
    ],
    explainTopics: [
      'como as vacinas treinam o sistema imunológico', 'por que o céu é azul', 'os juros compostos', 'o que é inflação de verdade',
      'como funcionam os fones com cancelamento de ruído', 'por que existem anos bissextos', 'o que é um buraco negro', 'como se formam as marés',
      'por que os aviões voam', 'como uma bomba de calor aquece a casa', 'como funciona o GPS', 'o que causa as estações do ano',
      'por que o gelo flutua', 'como os painéis solares geram energia', 'o que é uma recessão', 'como as abelhas fazem mel',
      'por que os gatos ronronam', 'como funcionam os fundos de índice', 'por que a lua tem fases', 'como se forma o arco-íris',
    ],
    adviceAsk: ['{s}. Alguma dica?', '{s}. O que eu faço?', 'Preciso de conselho: {s}.', '{s}. Como você lidaria com isso?', '{s}. Por onde começo?', '{s}. Quais são minhas opções?'],
    situations: [
      'não consigo dormir antes das 2 da manhã', 'meu colega de apartamento nunca lava a louça', 'quero começar a correr mas fico entediado rápido',
      'procrastino tudo no trabalho', 'minhas plantas vivem morrendo', 'tenho uma entrevista de emprego na sexta e estou nervoso',
      'quero economizar mas gasto muito com delivery', 'meu cachorro late a noite toda', 'preciso fazer um discurso no casamento da minha irmã',
      'me mudei de cidade e não conheço ninguém', 'quero pedir um aumento', 'passo tempo demais no celular',
      'preciso escolher entre duas propostas de emprego', 'quero ler mais livros este ano', 'meu gato arranha o sofá',
    ],
    travelAsk: [
      'Vou passar {n} dias em {place}. O que não posso perder?', 'Um bom roteiro de {n} dias em {place}?',
      'Primeira vez em {place} ({n} dias): dicas de comida e transporte?', 'Onde ficar em {place} por {n} noites?',
      'Tenho {n} dias em {place} com crianças. Ideias?', 'Bate-voltas saindo de {place}? Tenho {n} dias.',
    ],
    places: ['Lisboa', 'Quioto', 'Buenos Aires', 'Santiago', 'Roma', 'Paris', 'Porto', 'Tóquio', 'Salvador', 'Florianópolis', 'Madri', 'Praga', 'Montevidéu', 'Cusco'],
    cookAsk: [
      'Como faço {dish}?', 'Receita fácil de {dish}?', 'Alguma dica para acertar {dish}?',
      'Quero fazer {dish} para 6 pessoas hoje. Lista de compras?', 'Versão vegetariana de {dish}?',
      'Quanto tempo {dish} dura na geladeira?', 'O que sirvo com {dish}?',
    ],
    dishes: ['pão de queijo', 'feijoada', 'moqueca', 'bolo de banana', 'brigadeiro', 'risoto', 'arroz de forno', 'escondidinho', 'frango ao curry', 'lasanha', 'pudim', 'coxinha', 'caldo verde', 'bacalhau à Brás'],
    healthAsk: ['É verdade que {t}?', 'O que a pesquisa diz sobre {t}?', 'Dúvida geral de saúde: {t}?', 'Quais mitos existem sobre {t}?'],
    healthTopics: [
      'é preciso beber dois litros de água por dia', 'precisamos de 10 mil passos por dia', 'café desidrata', 'adultos precisam de oito horas de sono',
      'devemos tomar vitamina D no inverno', 'o jejum intermitente ajuda a emagrecer', 'alongar antes de correr evita lesões',
    ],
    trivia: [
      'Qual é a montanha mais alta da América do Sul?', 'Quantos ossos tem o corpo humano?', 'Por que uma maratona tem 42,195 km?',
      'Qual planeta tem mais luas?', 'Qual é o lago mais profundo do mundo?', 'Por que os flamingos são cor-de-rosa?',
      'Qual é o menor país do mundo?', 'Quantos corações tem um polvo?', 'Por que Plutão não é mais planeta?',
      'Qual é o rio mais longo da Europa?', 'Por que as folhas mudam de cor no outono?',
    ],
    context: ['Pergunto porque discutimos isso no jantar.', 'Pesquisei na internet mas fiquei confuso.', 'Não sou especialista, então simples, por favor.', 'O assunto surgiu hoje no trabalho.', 'Sem jargão, por favor.', 'Desculpa se a pergunta for boba.'],
    closers: ['valeu!', 'Muito obrigado.', 'Obrigada desde já.', 'vlw'],
    followups: ['pode resumir mais?', 'E no inverno?', 'ok, e por quê?', 'Tem um exemplo?', 'É igual em todo lugar?', 'Pode fazer em lista?', 'Tem certeza?', 'O que você faria no meu lugar?', 'Quais são as desvantagens?'],
    replies: ['Claro! Aqui vai um resumo rápido.', 'Boa pergunta: resumindo, depende, mas a ideia é esta.', 'Aqui vão algumas ideias práticas para começar.', 'Vou explicar passo a passo.', 'Em termos simples, funciona assim.'],
  },
  zh: {
    greet: ['你好，', '嗨，', '请问，', '问个问题：', ''],
    explainAsk: ['能给我解释一下{t}吗？', '{t}到底是怎么回事？', '用小学生能听懂的话解释一下{t}。', '我一直没弄懂{t}，能拆开讲讲吗？', '简单说说{t}吧。', '普通人应该了解{t}的哪些方面？', '孩子问我{t}，我答不上来，求助。'],
    explainTopics: [
      '疫苗是如何训练免疫系统的', '天空为什么是蓝色的', '复利', '通货膨胀', '降噪耳机的原理', '为什么会有闰年', '黑洞', '潮汐的形成',
      '飞机为什么能飞', '热泵怎么给房子供暖', 'GPS的工作原理', '四季的成因', '冰为什么会浮在水上', '太阳能板如何发电', '经济衰退',
      '蜜蜂怎么酿蜜', '猫为什么会打呼噜', '指数基金', '月相变化', '彩虹的形成',
    ],
    adviceAsk: ['{s}，有什么建议吗？', '{s}，我该怎么办？', '求建议：{s}。', '{s}，换作你会怎么处理？', '{s}，该从哪里开始？'],
    situations: [
      '最近总是凌晨两点后才睡着', '室友从来不洗碗', '想开始跑步但总是坚持不下来', '工作上什么事都拖延', '家里的绿植总是养死',
      '周五有面试，很紧张', '想存钱但外卖花太多', '狗晚上听到一点声音就叫', '要在姐姐的婚礼上致辞', '刚搬到新城市，谁也不认识',
      '想跟领导提加薪', '每天刷手机时间太长', '要在两个工作机会之间做选择', '今年想多读点书',
    ],
    travelAsk: ['打算在{place}玩{n}天，有哪些不能错过的？', '{place}{n}日游怎么安排比较好？', '第一次去{place}（{n}天），吃和交通有什么建议？', '在{place}住{n}晚，住哪个区方便？', '带孩子去{place}玩{n}天，有什么推荐？'],
    places: ['京都', '东京', '成都', '西安', '大理', '首尔', '新加坡', '曼谷', '巴黎', '伊斯坦布尔', '厦门', '杭州'],
    cookAsk: ['{dish}怎么做？', '有没有简单的{dish}做法？', '{dish}怎样才能做得好吃？', '今晚想给6个人做{dish}，需要买什么？', '{dish}能放冰箱多久？'],
    dishes: ['红烧肉', '番茄炒蛋', '宫保鸡丁', '麻婆豆腐', '饺子', '酸菜鱼', '蛋炒饭', '香蕉面包', '可乐鸡翅', '糖醋排骨', '皮蛋瘦肉粥', '咖喱鸡'],
    healthAsk: ['{t}，是真的吗？', '关于{t}，研究怎么说？', '一般性健康问题：{t}？', '关于{t}有哪些常见误区？'],
    healthTopics: ['每天要喝八杯水', '每天要走一万步', '喝咖啡会脱水', '成年人需要睡八小时', '冬天要补维生素D', '间歇性断食能减肥', '跑步前拉伸能防止受伤'],
    trivia: ['南美洲最高的山是哪座？', '人体有多少块骨头？', '马拉松为什么是42.195公里？', '哪颗行星的卫星最多？', '世界上最深的湖是哪个？', '火烈鸟为什么是粉色的？', '世界上最小的国家是哪个？', '章鱼有几颗心脏？', '冥王星为什么不算行星了？', '秋天树叶为什么会变色？'],
    context: ['吃饭时我们为这个争论了半天。', '网上查了但越看越糊涂。', '我完全是外行，请讲简单点。', '今天上班时聊到了这个。', '请不要用太多专业术语。', '如果问题很傻请见谅。'],
    closers: ['谢谢！', '多谢。', '先谢过了。', '感谢~'],
    followups: ['能再简短一点吗？', '那冬天呢？', '好的，为什么呢？', '能举个例子吗？', '各地都一样吗？', '能列成清单吗？', '你确定吗？', '换作你会怎么做？', '有什么缺点？'],
    replies: ['当然！下面是一个简短的概述。', '好问题——简单来说要看情况，但核心是这样的。', '这里有几个实用的建议可以先试试。', '我来一步一步解释。', '简单地说，它是这样运作的。'],
  },
  ja: {
    greet: ['こんにちは。', 'すみません、', '質問です。', 'ちょっと聞きたいんですが、', ''],
    explainAsk: ['{t}について説明してもらえますか？', '{t}って、実際のところどうなんですか？', '{t}を小学生にも分かるように教えてください。', '{t}がずっと理解できません。分解して説明してください。', '{t}を簡単にまとめてください。', '普通の人が{t}について知っておくべきことは？', '子どもに{t}を聞かれて答えられませんでした。助けてください。'],
    explainTopics: [
      'ワクチンが免疫をつくる仕組み', '空が青い理由', '複利', 'インフレ', 'ノイズキャンセリングの仕組み', 'うるう年がある理由', 'ブラックホール', '潮の満ち引き',
      '飛行機が飛べる理由', 'ヒートポンプの仕組み', 'GPSの仕組み', '季節が生まれる理由', '氷が水に浮く理由', '太陽光パネルの発電', '景気後退',
      'ミツバチがはちみつを作る方法', '猫がゴロゴロ鳴く理由', 'インデックスファンド', '月の満ち欠け', '虹ができる仕組み',
    ],
    adviceAsk: ['{s}。何かアドバイスはありますか？', '{s}。どうしたらいいでしょう？', '相談です：{s}。', '{s}。あなたならどうしますか？', '{s}。何から始めればいいですか？'],
    situations: [
      '最近、夜2時まで眠れない', 'ルームメイトが皿洗いをしない', 'ランニングを始めたいけど続かない', '仕事を先延ばしにしてしまう', '観葉植物がすぐ枯れる',
      '金曜に面接があって緊張している', '貯金したいのにデリバリーに使いすぎる', '犬が夜に物音で吠える', '姉の結婚式でスピーチをする', '引っ越したばかりで知り合いがいない',
      '上司に昇給をお願いしたい', 'スマホを見すぎている', '二つの内定で迷っている', '今年はもっと本を読みたい',
    ],
    travelAsk: ['{place}に{n}日間行きます。見逃せない場所は？', '{place}の{n}日間のおすすめプランは？', '初めての{place}（{n}日間）、食事と移動のコツは？', '{place}で{n}泊するならどのエリアがいいですか？', '子連れで{place}に{n}日間。おすすめは？'],
    places: ['京都', '金沢', '札幌', '那覇', 'ソウル', '台北', 'バンコク', 'パリ', 'ウィーン', 'リスボン', 'ホノルル', 'シンガポール'],
    cookAsk: ['{dish}の作り方を教えてください。', '簡単な{dish}のレシピは？', '{dish}をおいしく作るコツは？', '今夜6人分の{dish}を作りたいです。買い物リストは？', '{dish}は冷蔵庫で何日もちますか？'],
    dishes: ['肉じゃが', '親子丼', 'カレーライス', '餃子', '味噌汁', 'チャーハン', 'バナナブレッド', '唐揚げ', 'お好み焼き', '茶碗蒸し', 'ハンバーグ', '豚の生姜焼き'],
    healthAsk: ['{t}って本当ですか？', '{t}について研究では何と言われていますか？', '一般的な健康の質問です：{t}？', '{t}についてよくある誤解は？'],
    healthTopics: ['一日2リットルの水を飲むべき', '一日一万歩歩くべき', 'コーヒーは脱水を起こす', '大人は8時間寝る必要がある', '冬はビタミンDを摂るべき', '断続的断食でやせられる', '走る前のストレッチでけがを防げる'],
    trivia: ['南米で一番高い山は？', '人間の骨は何本ありますか？', 'マラソンはなぜ42.195キロなのですか？', '衛星が一番多い惑星は？', '世界で一番深い湖は？', 'フラミンゴはなぜピンク色なのですか？', '世界で一番小さい国は？', 'タコの心臓はいくつ？', '冥王星はなぜ惑星ではなくなったのですか？', '秋に葉の色が変わるのはなぜ？'],
    context: ['夕食のときにこの話で盛り上がりました。', 'ネットで調べたけどよく分かりませんでした。', '素人なので簡単にお願いします。', '今日職場で話題になりました。', '専門用語なしでお願いします。', 'くだらない質問だったらすみません。'],
    closers: ['ありがとう！', 'よろしくお願いします。', '助かります。', 'ありがとうございます。'],
    followups: ['もっと短くできますか？', '冬の場合は？', 'なるほど、それはなぜ？', '例を挙げてもらえますか？', 'どこでも同じですか？', '箇条書きにしてもらえますか？', '本当ですか？', 'あなたならどうしますか？', 'デメリットは？'],
    replies: ['もちろんです！簡単にまとめます。', 'いい質問ですね。結論から言うと場合によりますが、要点はこうです。', 'まずは試せる実用的なアイデアをいくつか紹介します。', '順を追って説明します。', '簡単に言うと、次のような仕組みです。'],
  },
};

interface Chat {
  raw: RawChat;
  explainAsk: Tpl[];
  adviceAsk: Tpl[];
  travelAsk: Tpl[];
  cookAsk: Tpl[];
  healthAsk: Tpl[];
}

const BANKS = {} as Record<Lang, Chat>;
for (const l of LANGS) {
  const raw = RAW[l];
  BANKS[l] = {
    raw,
    explainAsk: bank(['t'], raw.explainAsk),
    adviceAsk: bank(['s'], raw.adviceAsk),
    travelAsk: bank(['place', 'n'], raw.travelAsk),
    cookAsk: bank(['dish'], raw.cookAsk),
    healthAsk: bank(['t'], raw.healthAsk),
  };
}

const CATEGORY = [0, 1, 2, 3, 4, 5] as const;

/** One everyday question in `lang`, optionally with greeting, context and closer. */
export function chatQuestion(r: Rng, lang: Lang, interests: readonly number[], weights: readonly number[]): string {
  const b = BANKS[lang];
  const raw = b.raw;
  let q: string;
  switch (r.weighted(interests, weights)) {
    case 0:
      q = fill(r.pick(b.explainAsk), r.pick(raw.explainTopics));
      break;
    case 1:
      q = fill(r.pick(b.adviceAsk), r.pick(raw.situations));
      break;
    case 2:
      q = r.pick(raw.trivia);
      break;
    case 3:
      q = fill(r.pick(b.travelAsk), r.pick(raw.places), String(r.int(2, 12)));
      break;
    case 4:
      q = fill(r.pick(b.cookAsk), r.pick(raw.dishes));
      break;
    default:
      q = fill(r.pick(b.healthAsk), r.pick(raw.healthTopics));
  }
  if (r.chance(0.25)) {
    const c = r.pick(raw.context);
    q = r.chance(0.5) ? join(lang, c, q) : join(lang, q, c);
  }
  if (r.chance(0.3)) q = join(lang, r.pick(raw.greet), q);
  if (r.chance(0.2)) q = join(lang, q, r.pick(raw.closers));
  return q;
}

export function chatReply(r: Rng, lang: Lang): string {
  return r.pick(BANKS[lang].raw.replies);
}

export function chatFollowup(r: Rng, lang: Lang): string {
  return r.pick(BANKS[lang].raw.followups);
}

export function createChat(shared: Rng, opts: TaskOptions): TaskSource {
  const lang = opts.lang;
  // An account's interests: each category weighted differently, fixed per account.
  const weights = CATEGORY.map(() => shared.next() + (shared.chance(0.3) ? 1.5 : 0.1));
  const typoRate = isCjk(lang) ? 0 : shared.next() * 0.5;
  const multiTurnRate = 0.1 + shared.next() * 0.3;
  return {
    next(ctx) {
      const r = ctx.rng;
      const messages: ChatMessage[] = [];
      messages.push(user(casual(r, chatQuestion(r, lang, CATEGORY, weights), typoRate)));
      if (r.chance(multiTurnRate)) {
        const extra = r.int(1, 2);
        for (let i = 0; i < extra; i++) {
          messages.push(assistant(chatReply(r, lang)));
          messages.push(user(casual(r, chatFollowup(r, lang), typoRate)));
        }
      }
      return { messages, response: chatReply(r, lang), completionTokens: tokens(r, 180, 0.6, 50, 600) };
    },
  };
}
