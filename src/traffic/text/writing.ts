/**
 * `writing`: emails, cover letters, essays, poems, and "edit my text" requests
 * with the user's own draft pasted in.
 */
import type { Rng } from '../rng.js';
import { bank, casual, chain, fill, isCjk, tokens, user, type Tpl } from './gen.js';
import { LANGS, type Lang, type TaskOptions, type TaskSource } from './types.js';

interface RawWriting {
  email: string[]; // {to} {about} {tone}
  recipients: string[];
  purposes: string[];
  tones: string[];
  cover: string[]; // {role} {company}
  roles: string[];
  companies: string[];
  essay: string[]; // {topic} {n}
  essayTopics: string[];
  poem: string[]; // {subject} {form}
  poemSubjects: string[];
  poemForms: string[];
  edit: string[]; // {goal}
  editGoals: string[];
  draft: string[];
  replies: string[];
}

const RAW: Record<Lang, RawWriting> = {
  en: {
    email: [
      'Write an email to {to} {about}. Keep it {tone}.',
      'Can you draft a {tone} email to {to} {about}?',
      'help me write an email to {to} {about}, {tone} tone',
      'I need to email {to} {about}. Make it {tone} but not too long.',
      'Draft a short message to {to} {about}. Tone: {tone}.',
      'Please write a {tone} note to {to} {about}.',
      'What is a good way to write to {to} {about}? Something {tone}.',
      'Compose an email for me: recipient is {to}, I am writing {about}. It should sound {tone}.',
    ],
    recipients: [
      'my landlord', 'my manager', 'a client', 'my child’s teacher', 'the HR department', 'a professor',
      'a supplier', 'my team', 'a former colleague', 'the city council', 'a customer who complained',
      'the conference organisers', 'my neighbours', 'a recruiter', 'my bank', 'the school principal',
      'an airline', 'our volunteers', 'a potential investor', 'the hotel',
    ],
    purposes: [
      'about the broken heating', 'asking for two days off next week', 'to follow up on an unpaid invoice',
      'to apologise for missing the meeting', 'about rescheduling our call', 'asking for an extension on my paper',
      'to decline their offer politely', 'about a refund for a cancelled flight', 'to introduce myself',
      'to thank them for their help', 'about a mistake in my bill', 'announcing that I am leaving the company',
      'to ask for a recommendation letter', 'about noise late at night', 'to confirm the project timeline',
      'asking whether the position is still open', 'to remind them about the deadline on Friday',
      'to report a bug in their website', 'inviting them to our open day', 'about changing my booking',
    ],
    tones: ['polite', 'friendly', 'firm', 'formal', 'warm', 'professional', 'apologetic', 'concise', 'upbeat', 'neutral'],
    cover: [
      'Write a cover letter for a {role} position at {company}.',
      'Can you help me with a cover letter? Applying as {role} at {company}.',
      'I am applying for {role} at {company}. Draft a one-page cover letter that sounds confident but not arrogant.',
      'cover letter for {role}, company is {company}, I have 3 years of experience',
      'Write a short motivation letter for a {role} role at {company}, highlighting teamwork.',
      'I am switching careers into {role}. Write a cover letter for {company} that explains the switch.',
    ],
    roles: [
      'junior data analyst', 'marketing coordinator', 'nurse', 'software engineer', 'UX designer',
      'project manager', 'primary school teacher', 'accountant', 'customer success manager', 'barista',
      'lab technician', 'graphic designer', 'sales representative', 'operations intern', 'content writer',
      'product manager', 'research assistant', 'logistics planner', 'social worker', 'electrician apprentice',
    ],
    companies: [
      'a small design studio', 'a hospital', 'a fintech startup', 'a public library', 'an e-commerce company',
      'a non-profit', 'a logistics firm', 'a university lab', 'a coffee chain', 'a games studio',
      'a solar energy company', 'a local newspaper', 'an architecture firm', 'a city council',
    ],
    essay: [
      'Write a {n}-word essay on {topic}.',
      'I need an essay about {topic}, around {n} words, with an introduction and conclusion.',
      'essay on {topic} pls, {n} words, high school level',
      'Can you outline and then write a {n}-word argumentative essay on {topic}?',
      'Write a persuasive essay ({n} words) about {topic}.',
      'Give me a balanced {n}-word essay discussing {topic}.',
      'Help me write the first draft of an essay on {topic} — about {n} words.',
    ],
    essayTopics: [
      'whether social media does more harm than good', 'the causes of the First World War', 'remote work and productivity',
      'why cities should invest in bike lanes', 'the role of art in society', 'the ethics of genetic engineering',
      'climate change and agriculture', 'the importance of learning a second language', 'school uniforms',
      'the history of the internet', 'universal basic income', 'the impact of tourism on small towns',
      'video games as an art form', 'space exploration funding', 'the four-day work week', 'fast fashion',
      'the influence of Shakespeare on modern English', 'privacy in the digital age', 'public transport in rural areas',
      'whether homework should be banned',
    ],
    poem: [
      'Write a {form} about {subject}.',
      'can you write me a {form} about {subject}',
      'I want a short {form} on {subject} for a card.',
      'Write a funny {form} about {subject}.',
      'Compose a melancholic {form} about {subject}.',
      'A {form} about {subject}, please — something I can read aloud at dinner.',
    ],
    poemSubjects: [
      'autumn rain', 'my grandmother’s kitchen', 'the first day of school', 'a cat who hates Mondays', 'the ocean at night',
      'moving to a new city', 'coffee', 'friendship', 'a retired teacher', 'the city at 5am', 'a lost umbrella',
      'my dog turning ten', 'the last day of summer', 'snow in the mountains', 'a long train journey', 'spring cleaning',
    ],
    poemForms: ['poem', 'haiku', 'sonnet', 'limerick', 'short rhyming poem', 'free verse poem', 'ballad', 'acrostic poem'],
    edit: [
      'Can you proofread this and make it {goal}?',
      'Please edit the text below to make it {goal}:',
      'make this {goal} pls',
      'Here is my draft. Improve it so it is {goal}, but keep my voice.',
      'Rewrite this paragraph to be {goal}.',
      'Fix grammar and make it {goal}:',
      'Could you polish this for me? I want it {goal}.',
      'Edit this. Goal: {goal}. Do not add new information.',
    ],
    editGoals: [
      'more concise', 'more professional', 'friendlier', 'clearer', 'more formal', 'less repetitive',
      'easier to read', 'more persuasive', 'shorter by half', 'suitable for LinkedIn', 'more confident', 'less stiff',
    ],
    draft: [
      'I am writing to let you know that the project will be delayed by about two weeks.',
      'We have been working really hard on this and we think the results are very good.',
      'Last summer I volunteered at a community garden, which taught me a lot about patience.',
      'The meeting is moved to Thursday because a lot of people could not make it on Tuesday.',
      'Our team has grown from three to twelve people in the last year.',
      'I think that the new policy is not fair to people who work part time.',
      'Please find attached the documents you asked for, let me know if something is missing.',
      'In conclusion, there is many reasons why this approach is better then the old one.',
      'The event was a big success and we want to thank everybody who helped.',
      'I have always been passionate about helping people and solving problems.',
      'Due to the weather the trip was cancelled, we will refund everyone within 5 days.',
      'Our new app lets you track your spending in a simple way without spreadsheets.',
      'My responsibilities included managing the schedule and talking to customers every day.',
      'The results show that most participants preferred the second option.',
      'We apologise for any inconvenience this may have caused to you and your family.',
      'Honestly I was not sure if I should apply but a friend told me to go for it.',
      'The library will be closed on Monday for maintenance work on the heating.',
      'This essay will discuss the advantages and disadvantages of working from home.',
    ],
    replies: [
      'Here is a draft you can adapt.', 'Sure — here is a polished version that keeps your tone.',
      'Here is a version that is clearer and more concise.', 'Here is a first draft; tell me what to adjust.',
      'Happy to help. Below is the revised text.',
    ],
  },
  es: {
    email: ['Escribe un correo a {to} {about}. Tono {tone}.', '¿Me redactas un correo {tone} para {to} {about}?', 'Necesito escribir a {to} {about}. Tono {tone}, no muy largo.', 'Redacta un mensaje breve para {to} {about}. Tono: {tone}.'],
    recipients: ['mi casero', 'mi jefa', 'un cliente', 'la profesora de mi hijo', 'recursos humanos', 'un proveedor', 'mi equipo', 'el ayuntamiento', 'una aerolínea', 'el hotel', 'mi banco', 'los vecinos'],
    purposes: ['por la calefacción estropeada', 'para pedir dos días libres', 'para reclamar una factura pendiente', 'para disculparme por faltar a la reunión', 'para cambiar la fecha de la llamada', 'para pedir una prórroga', 'para rechazar su oferta con educación', 'por el reembolso de un vuelo cancelado', 'para darles las gracias', 'por un error en la factura'],
    tones: ['educado', 'cercano', 'firme', 'formal', 'profesional', 'breve'],
    cover: ['Escribe una carta de presentación para un puesto de {role} en {company}.', 'Me postulo como {role} en {company}. ¿Me ayudas con la carta de motivación?', 'Carta de presentación para {role} en {company}, tengo tres años de experiencia.'],
    roles: ['analista de datos junior', 'enfermera', 'ingeniero de software', 'diseñadora UX', 'jefe de proyecto', 'maestra de primaria', 'contable', 'comercial', 'técnico de laboratorio', 'redactora'],
    companies: ['un estudio de diseño', 'un hospital', 'una startup', 'una biblioteca pública', 'una ONG', 'una empresa de logística', 'un laboratorio universitario'],
    essay: ['Escribe un ensayo de {n} palabras sobre {topic}.', 'Necesito un ensayo sobre {topic}, unas {n} palabras, con introducción y conclusión.', 'Ensayo argumentativo de {n} palabras sobre {topic}, por favor.'],
    essayTopics: ['si las redes sociales hacen más mal que bien', 'el teletrabajo y la productividad', 'los carriles bici en las ciudades', 'la ética de la ingeniería genética', 'el cambio climático y la agricultura', 'la renta básica universal', 'el turismo en los pueblos pequeños', 'la semana laboral de cuatro días', 'la moda rápida', 'la privacidad en la era digital'],
    poem: ['Escribe un {form} sobre {subject}.', '¿Me escribes un {form} sobre {subject}?', 'Un {form} divertido sobre {subject}, por favor.'],
    poemSubjects: ['la lluvia de otoño', 'la cocina de mi abuela', 'el primer día de colegio', 'el mar de noche', 'el café', 'la amistad', 'la ciudad al amanecer', 'el último día del verano'],
    poemForms: ['poema', 'haiku', 'soneto', 'poema corto con rima', 'verso libre'],
    edit: ['¿Puedes corregir este texto y hacerlo {goal}?', 'Edita el siguiente texto para que sea {goal}:', 'Este es mi borrador. Mejóralo para que sea {goal}, sin perder mi estilo.', 'Corrige la gramática y hazlo {goal}:'],
    editGoals: ['más conciso', 'más profesional', 'más cercano', 'más claro', 'más formal', 'menos repetitivo', 'más persuasivo'],
    draft: [
      'Les escribo para informarles de que el proyecto se retrasará unas dos semanas.', 'Hemos trabajado mucho en esto y creemos que los resultados son muy buenos.',
      'La reunión pasa al jueves porque mucha gente no podía el martes.', 'Nuestro equipo ha pasado de tres a doce personas en un año.',
      'Adjunto los documentos que me pidieron, avísenme si falta algo.', 'El evento fue un éxito y queremos agradecer a todos los que ayudaron.',
      'Por el mal tiempo se canceló la excursión, devolveremos el dinero en cinco días.', 'Siempre me ha apasionado ayudar a la gente y resolver problemas.',
      'Los resultados muestran que la mayoría prefirió la segunda opción.', 'Pedimos disculpas por las molestias que esto haya podido causar.',
    ],
    replies: ['Aquí tienes un borrador que puedes adaptar.', 'Claro, aquí va una versión pulida que mantiene tu tono.', 'Aquí tienes una versión más clara y concisa.'],
  },
  de: {
    email: ['Schreib eine E-Mail an {to} {about}. Bitte {tone}.', 'Kannst du eine E-Mail an {to} {about} entwerfen? Ton: {tone}.', 'Ich muss {to} schreiben, {about}. Ton: {tone}, nicht zu lang.', 'Entwirf eine kurze Nachricht an {to} {about}. Tonfall: {tone}.'],
    recipients: ['meinen Vermieter', 'meine Chefin', 'einen Kunden', 'die Lehrerin meines Sohnes', 'die Personalabteilung', 'einen Lieferanten', 'mein Team', 'die Stadtverwaltung', 'eine Airline', 'das Hotel', 'meine Bank', 'die Nachbarn'],
    purposes: ['wegen der kaputten Heizung', 'mit der Bitte um zwei Tage Urlaub', 'wegen einer unbezahlten Rechnung', 'um mich für das verpasste Meeting zu entschuldigen', 'um unseren Termin zu verschieben', 'mit der Bitte um Fristverlängerung', 'um ihr Angebot höflich abzulehnen', 'wegen einer Erstattung für einen gestrichenen Flug', 'um mich zu bedanken', 'wegen eines Fehlers in der Abrechnung'],
    tones: ['höflich', 'freundlich', 'bestimmt', 'formell', 'professionell', 'knapp'],
    cover: ['Schreib ein Anschreiben für eine Stelle als {role} bei {company}.', 'Ich bewerbe mich als {role} bei {company}. Hilfst du mir mit dem Anschreiben?', 'Motivationsschreiben für {role} bei {company}, ich habe drei Jahre Erfahrung.'],
    roles: ['Junior-Datenanalyst', 'Pflegefachkraft', 'Softwareentwickler', 'UX-Designerin', 'Projektleiter', 'Grundschullehrerin', 'Buchhalter', 'Vertriebsmitarbeiterin', 'Laborant', 'Redakteurin'],
    companies: ['einem Designstudio', 'einem Krankenhaus', 'einem Start-up', 'einer Stadtbibliothek', 'einer gemeinnützigen Organisation', 'einer Spedition', 'einem Uni-Labor'],
    essay: ['Schreib einen Aufsatz mit {n} Wörtern über {topic}.', 'Ich brauche einen Essay über {topic}, etwa {n} Wörter, mit Einleitung und Schluss.', 'Erörterung zu {topic}, ungefähr {n} Wörter, bitte.'],
    essayTopics: ['ob soziale Medien mehr schaden als nützen', 'Homeoffice und Produktivität', 'Radwege in Städten', 'die Ethik der Gentechnik', 'Klimawandel und Landwirtschaft', 'das bedingungslose Grundeinkommen', 'Tourismus in kleinen Orten', 'die Vier-Tage-Woche', 'Fast Fashion', 'Datenschutz im digitalen Zeitalter'],
    poem: ['Schreib ein {form} über {subject}.', 'Kannst du mir ein {form} über {subject} schreiben?', 'Ein lustiges {form} über {subject}, bitte.'],
    poemSubjects: ['Herbstregen', 'die Küche meiner Oma', 'den ersten Schultag', 'das Meer bei Nacht', 'Kaffee', 'Freundschaft', 'die Stadt im Morgengrauen', 'den letzten Sommertag'],
    poemForms: ['Gedicht', 'Haiku', 'Sonett', 'kurzes Reimgedicht', 'Gedicht in freien Versen'],
    edit: ['Kannst du diesen Text korrigieren und {goal} machen?', 'Überarbeite den folgenden Text, damit er {goal} wird:', 'Hier ist mein Entwurf. Mach ihn {goal}, aber behalte meinen Stil.', 'Korrigiere die Grammatik und mach ihn {goal}:'],
    editGoals: ['kürzer', 'professioneller', 'freundlicher', 'klarer', 'formeller', 'weniger repetitiv', 'überzeugender'],
    draft: [
      'Hiermit teile ich Ihnen mit, dass sich das Projekt um etwa zwei Wochen verzögert.', 'Wir haben viel Arbeit hineingesteckt und finden die Ergebnisse sehr gut.',
      'Das Meeting wird auf Donnerstag verschoben, weil am Dienstag viele nicht konnten.', 'Unser Team ist in einem Jahr von drei auf zwölf Personen gewachsen.',
      'Anbei die gewünschten Unterlagen, sagen Sie Bescheid, falls etwas fehlt.', 'Die Veranstaltung war ein großer Erfolg und wir danken allen Helfern.',
      'Wegen des Wetters wurde der Ausflug abgesagt, das Geld wird innerhalb von fünf Tagen erstattet.', 'Es hat mir schon immer Freude gemacht, Menschen zu helfen und Probleme zu lösen.',
      'Die Ergebnisse zeigen, dass die meisten die zweite Option bevorzugt haben.', 'Wir entschuldigen uns für die entstandenen Unannehmlichkeiten.',
    ],
    replies: ['Hier ist ein Entwurf, den du anpassen kannst.', 'Gern – hier eine überarbeitete Fassung, die deinen Ton beibehält.', 'Hier eine klarere und kürzere Version.'],
  },
  fr: {
    email: ['Écris un e-mail à {to} {about}. Reste {tone}.', 'Tu peux rédiger un mail {tone} pour {to} {about} ?', 'Je dois écrire à {to} {about}. Ton {tone}, pas trop long.', 'Rédige un court message pour {to} {about}. Ton : {tone}.'],
    recipients: ['mon propriétaire', 'ma responsable', 'un client', 'la maîtresse de mon fils', 'les RH', 'un fournisseur', 'mon équipe', 'la mairie', 'une compagnie aérienne', 'l’hôtel', 'ma banque', 'mes voisins'],
    purposes: ['au sujet du chauffage en panne', 'pour demander deux jours de congé', 'pour relancer une facture impayée', 'pour m’excuser d’avoir manqué la réunion', 'pour décaler notre appel', 'pour demander un délai', 'pour décliner poliment leur offre', 'pour un remboursement de vol annulé', 'pour les remercier', 'au sujet d’une erreur de facturation'],
    tones: ['poli', 'chaleureux', 'ferme', 'formel', 'professionnel', 'concis'],
    cover: ['Écris une lettre de motivation pour un poste de {role} chez {company}.', 'Je postule comme {role} chez {company}. Tu m’aides pour la lettre ?', 'Lettre de motivation pour {role} chez {company}, j’ai trois ans d’expérience.'],
    roles: ['analyste de données junior', 'infirmière', 'développeur', 'designer UX', 'chef de projet', 'professeure des écoles', 'comptable', 'commercial', 'technicien de laboratoire', 'rédactrice'],
    companies: ['un studio de design', 'un hôpital', 'une start-up', 'une médiathèque', 'une association', 'une entreprise de logistique', 'un laboratoire universitaire'],
    essay: ['Écris une dissertation de {n} mots sur {topic}.', 'J’ai besoin d’un essai sur {topic}, environ {n} mots, avec introduction et conclusion.', 'Essai argumentatif de {n} mots sur {topic}, s’il te plaît.'],
    essayTopics: ['les réseaux sociaux font-ils plus de mal que de bien', 'le télétravail et la productivité', 'les pistes cyclables en ville', 'l’éthique du génie génétique', 'le changement climatique et l’agriculture', 'le revenu universel', 'le tourisme dans les petites villes', 'la semaine de quatre jours', 'la fast fashion', 'la vie privée à l’ère numérique'],
    poem: ['Écris un {form} sur {subject}.', 'Tu peux m’écrire un {form} sur {subject} ?', 'Un {form} drôle sur {subject}, s’il te plaît.'],
    poemSubjects: ['la pluie d’automne', 'la cuisine de ma grand-mère', 'la rentrée des classes', 'la mer la nuit', 'le café', 'l’amitié', 'la ville à l’aube', 'le dernier jour de l’été'],
    poemForms: ['poème', 'haïku', 'sonnet', 'petit poème rimé', 'poème en vers libres'],
    edit: ['Tu peux corriger ce texte et le rendre {goal} ?', 'Retravaille le texte ci-dessous pour qu’il soit {goal} :', 'Voici mon brouillon. Rends-le {goal} en gardant mon style.', 'Corrige la grammaire et rends-le {goal} :'],
    editGoals: ['plus concis', 'plus professionnel', 'plus chaleureux', 'plus clair', 'plus formel', 'moins répétitif', 'plus convaincant'],
    draft: [
      'Je vous écris pour vous informer que le projet aura environ deux semaines de retard.', 'Nous avons beaucoup travaillé et nous pensons que les résultats sont très bons.',
      'La réunion est déplacée à jeudi car beaucoup de personnes ne pouvaient pas mardi.', 'Notre équipe est passée de trois à douze personnes en un an.',
      'Vous trouverez ci-joint les documents demandés, dites-moi s’il manque quelque chose.', 'L’événement a été un grand succès et nous remercions tous les bénévoles.',
      'À cause de la météo, la sortie est annulée, nous rembourserons tout le monde sous cinq jours.', 'J’ai toujours aimé aider les gens et résoudre des problèmes.',
      'Les résultats montrent que la plupart des participants ont préféré la deuxième option.', 'Nous nous excusons pour la gêne occasionnée.',
    ],
    replies: ['Voici un brouillon que tu peux adapter.', 'Bien sûr, voici une version retravaillée qui garde ton ton.', 'Voici une version plus claire et plus concise.'],
  },
  pt: {
    email: ['Escreva um e-mail {tone} para {to} {about}.', 'Pode redigir um e-mail {tone} para {to} {about}?', 'Preciso escrever para {to} {about}. Tom {tone}, sem ser longo.', 'Redija uma mensagem curta para {to} {about}. Tom: {tone}.'],
    recipients: ['meu senhorio', 'minha gerente', 'um cliente', 'a professora do meu filho', 'o RH', 'um fornecedor', 'minha equipe', 'a prefeitura', 'uma companhia aérea', 'o hotel', 'meu banco', 'os vizinhos'],
    purposes: ['sobre o aquecedor quebrado', 'pedindo dois dias de folga', 'cobrando uma fatura em aberto', 'pedindo desculpas por faltar à reunião', 'para remarcar nossa ligação', 'pedindo mais prazo', 'recusando a proposta com educação', 'sobre o reembolso de um voo cancelado', 'para agradecer', 'sobre um erro na cobrança'],
    tones: ['educado', 'simpático', 'firme', 'formal', 'profissional', 'direto'],
    cover: ['Escreva uma carta de apresentação para a vaga de {role} em {company}.', 'Estou me candidatando a {role} em {company}. Me ajuda com a carta?', 'Carta de apresentação para {role} em {company}, tenho três anos de experiência.'],
    roles: ['analista de dados júnior', 'enfermeira', 'desenvolvedor', 'designer UX', 'gerente de projetos', 'professora do ensino fundamental', 'contador', 'vendedor', 'técnico de laboratório', 'redatora'],
    companies: ['um estúdio de design', 'um hospital', 'uma startup', 'uma biblioteca pública', 'uma ONG', 'uma transportadora', 'um laboratório da universidade'],
    essay: ['Escreva uma redação de {n} palavras sobre {topic}.', 'Preciso de um texto dissertativo sobre {topic}, umas {n} palavras, com introdução e conclusão.', 'Redação argumentativa de {n} palavras sobre {topic}, por favor.'],
    essayTopics: ['se as redes sociais fazem mais mal do que bem', 'o trabalho remoto e a produtividade', 'ciclovias nas cidades', 'a ética da engenharia genética', 'mudanças climáticas e agricultura', 'a renda básica universal', 'o turismo em cidades pequenas', 'a semana de quatro dias', 'a moda rápida', 'a privacidade na era digital'],
    poem: ['Escreva um {form} sobre {subject}.', 'Pode me escrever um {form} sobre {subject}?', 'Um {form} engraçado sobre {subject}, por favor.'],
    poemSubjects: ['a chuva de outono', 'a cozinha da minha avó', 'o primeiro dia de aula', 'o mar à noite', 'o café', 'a amizade', 'a cidade de madrugada', 'o último dia do verão'],
    poemForms: ['poema', 'haicai', 'soneto', 'poema curto rimado', 'poema em verso livre'],
    edit: ['Pode revisar este texto e deixá-lo {goal}?', 'Edite o texto abaixo para ficar {goal}:', 'Este é meu rascunho. Deixe-o {goal}, mas mantenha meu estilo.', 'Corrija a gramática e deixe {goal}:'],
    editGoals: ['mais conciso', 'mais profissional', 'mais simpático', 'mais claro', 'mais formal', 'menos repetitivo', 'mais persuasivo'],
    draft: [
      'Escrevo para informar que o projeto vai atrasar cerca de duas semanas.', 'Trabalhamos muito nisso e achamos que os resultados estão ótimos.',
      'A reunião passou para quinta porque muita gente não podia na terça.', 'Nossa equipe cresceu de três para doze pessoas em um ano.',
      'Segue em anexo a documentação solicitada, me avise se faltar algo.', 'O evento foi um sucesso e agradecemos a todos que ajudaram.',
      'Por causa do tempo o passeio foi cancelado, vamos reembolsar todos em cinco dias.', 'Sempre gostei de ajudar as pessoas e resolver problemas.',
      'Os resultados mostram que a maioria preferiu a segunda opção.', 'Pedimos desculpas por qualquer transtorno causado.',
    ],
    replies: ['Aqui está um rascunho que você pode adaptar.', 'Claro, aqui vai uma versão revisada que mantém seu tom.', 'Aqui está uma versão mais clara e concisa.'],
  },
  zh: {
    email: ['帮我给{to}写一封邮件，{about}。语气要{tone}。', '能帮我起草一封给{to}的{tone}邮件吗？内容是{about}。', '我需要给{to}发邮件，{about}，语气{tone}，别太长。'],
    recipients: ['房东', '经理', '客户', '孩子的老师', '人事部', '供应商', '团队', '航空公司', '酒店', '银行', '邻居'],
    purposes: ['说暖气坏了', '请两天假', '催一张未付的发票', '为错过会议道歉', '改约通话时间', '申请延期', '礼貌地拒绝他们的邀请', '申请取消航班的退款', '表示感谢', '指出账单上的错误'],
    tones: ['礼貌', '友好', '坚定', '正式', '专业', '简洁'],
    cover: ['帮我写一封应聘{company}{role}职位的求职信。', '我要申请{company}的{role}，能帮我写求职信吗？', '{company}{role}岗位的求职信，我有三年工作经验。'],
    roles: ['初级数据分析师', '护士', '软件工程师', 'UX设计师', '项目经理', '小学老师', '会计', '销售代表', '实验室技术员', '文案'],
    companies: ['一家设计工作室', '一家医院', '一家初创公司', '一家公共图书馆', '一家公益组织', '一家物流公司', '一个大学实验室'],
    essay: ['写一篇关于{topic}的文章，{n}字左右。', '我需要一篇关于{topic}的议论文，大约{n}字，要有开头和结尾。', '请以{topic}为题写一篇{n}字的作文。'],
    essayTopics: ['社交媒体是否弊大于利', '远程办公与效率', '城市是否应该修建自行车道', '基因工程的伦理', '气候变化与农业', '全民基本收入', '旅游业对小城镇的影响', '四天工作制', '快时尚', '数字时代的隐私'],
    poem: ['写一首关于{subject}的{form}。', '能帮我写一首{subject}主题的{form}吗？', '来一首有趣的{form}，写{subject}。'],
    poemSubjects: ['秋雨', '外婆的厨房', '开学第一天', '夜晚的大海', '咖啡', '友情', '清晨的城市', '夏天的最后一天'],
    poemForms: ['诗', '现代诗', '五言绝句', '短诗', '打油诗'],
    edit: ['帮我修改一下这段文字，让它{goal}：', '请润色下面的文字，使其{goal}。', '这是我的草稿，请改得{goal}，但保留我的风格：'],
    editGoals: ['更简洁', '更专业', '更亲切', '更清楚', '更正式', '不那么啰嗦'],
    draft: ['特此通知，项目将推迟大约两周。', '我们在这件事上投入了很多精力，结果非常好。', '会议改到周四，因为周二很多人来不了。', '我们的团队一年内从三个人增加到十二个人。', '附件是您要的文件，如有缺漏请告知。', '活动非常成功，感谢所有帮忙的人。', '因天气原因活动取消，费用将在五天内退还。', '结果显示，大多数参与者更喜欢第二个方案。'],
    replies: ['这是一份草稿，你可以根据需要修改。', '好的，下面是润色后的版本，保留了你的语气。', '这是一个更清晰简洁的版本。'],
  },
  ja: {
    email: ['{to}宛てに{about}メールを書いてください。{tone}トーンでお願いします。', '{to}に{about}{tone}メールの下書きを作ってもらえますか？', '{to}に{about}連絡したいです。{tone}感じで、短めに。'],
    recipients: ['大家さん', '上司', '取引先', '子どもの担任の先生', '人事部', '仕入れ先', 'チームのみんな', '航空会社', 'ホテル', '銀行', '近所の方'],
    purposes: ['暖房の故障について', '二日間の休暇をお願いする', '未払いの請求書について催促する', '会議を欠席したお詫びの', '打ち合わせの日程変更の', '締め切り延長をお願いする', 'オファーを丁寧にお断りする', '欠航便の返金について', 'お礼の', '請求の誤りについて'],
    tones: ['丁寧な', '親しみやすい', 'はっきりした', 'フォーマルな', 'ビジネスらしい', '簡潔な'],
    cover: ['{company}の{role}職に応募するカバーレターを書いてください。', '{company}の{role}に応募します。志望動機の文章を手伝ってもらえますか？', '{company}の{role}向けの志望動機を書いてください。経験は3年です。'],
    roles: ['ジュニアデータアナリスト', '看護師', 'ソフトウェアエンジニア', 'UXデザイナー', 'プロジェクトマネージャー', '小学校教員', '経理担当', '営業', '研究補助員', 'ライター'],
    companies: ['デザイン事務所', '病院', 'スタートアップ', '公立図書館', 'NPO法人', '物流会社', '大学の研究室'],
    essay: ['{topic}について{n}字程度の小論文を書いてください。', '{topic}をテーマに、序論と結論のある{n}字くらいの作文が必要です。', '{topic}について賛否を論じる{n}字の文章をお願いします。'],
    essayTopics: ['SNSは害の方が大きいか', 'リモートワークと生産性', '都市に自転車レーンを増やすべきか', '遺伝子工学の倫理', '気候変動と農業', 'ベーシックインカム', '観光が小さな町に与える影響', '週休3日制', 'ファストファッション', 'デジタル時代のプライバシー'],
    poem: ['{subject}についての{form}を書いてください。', '{subject}をテーマにした{form}をお願いします。', '{subject}について面白い{form}を作ってください。'],
    poemSubjects: ['秋の雨', '祖母の台所', '入学式の日', '夜の海', 'コーヒー', '友情', '夜明けの街', '夏の終わり'],
    poemForms: ['詩', '俳句', '短歌', '短い詩', '自由詩'],
    edit: ['この文章を添削して、{goal}してもらえますか？', '次の文章を{goal}書き直してください：', '下書きです。私らしさを残しつつ{goal}してください：'],
    editGoals: ['もっと簡潔に', 'もっとビジネス向けに', 'もっと柔らかく', '分かりやすく', 'もっとフォーマルに', '重複を減らして'],
    draft: ['プロジェクトが約2週間遅れることをお知らせいたします。', 'この件には全力で取り組み、良い結果が出たと考えています。', '火曜日は都合の悪い方が多かったため、会議を木曜日に変更します。', 'チームは1年で3人から12人に増えました。', 'ご依頼の書類を添付します。不足があればお知らせください。', 'イベントは大成功で、手伝ってくれた皆さんに感謝しています。', '天候のため遠足は中止となり、5日以内に返金いたします。', '結果から、多くの参加者が2番目の案を好んだことが分かりました。'],
    replies: ['下書きを作成しました。必要に応じて調整してください。', 'もちろんです。トーンを保ったまま整えた版はこちらです。', 'より分かりやすく簡潔にした版です。'],
  },
};

interface Writing {
  raw: RawWriting;
  email: Tpl[];
  cover: Tpl[];
  essay: Tpl[];
  poem: Tpl[];
  edit: Tpl[];
}

const BANKS = {} as Record<Lang, Writing>;
for (const l of LANGS) {
  const raw = RAW[l];
  BANKS[l] = {
    raw,
    email: bank(['to', 'about', 'tone'], raw.email),
    cover: bank(['role', 'company'], raw.cover),
    essay: bank(['topic', 'n'], raw.essay),
    poem: bank(['subject', 'form'], raw.poem),
    edit: bank(['goal'], raw.edit),
  };
}

/** A paragraph of `n` draft sentences in `lang` (the text a user pastes). */
export function draftText(r: Rng, lang: Lang, n: number): string {
  return chain(r, BANKS[lang].raw.draft, n, lang);
}

const KINDS = [0, 1, 2, 3, 4] as const;
const KIND_WEIGHTS = [0.3, 0.12, 0.2, 0.13, 0.25] as const;

export function writingRequest(r: Rng, lang: Lang): { text: string; long: boolean } {
  const b = BANKS[lang];
  const raw = b.raw;
  switch (r.weighted(KINDS, KIND_WEIGHTS)) {
    case 0:
      return { text: fill(r.pick(b.email), r.pick(raw.recipients), r.pick(raw.purposes), r.pick(raw.tones)), long: false };
    case 1:
      return { text: fill(r.pick(b.cover), r.pick(raw.roles), r.pick(raw.companies)), long: true };
    case 2:
      return { text: fill(r.pick(b.essay), r.pick(raw.essayTopics), String(r.int(3, 20) * 50)), long: true };
    case 3:
      return { text: fill(r.pick(b.poem), r.pick(raw.poemSubjects), r.pick(raw.poemForms)), long: false };
    default: {
      const ask = fill(r.pick(b.edit), r.pick(raw.editGoals));
      const sep = r.chance(0.5) ? '\n\n' : '\n---\n';
      return { text: ask + sep + draftText(r, lang, r.int(2, 7)), long: false };
    }
  }
}

export function createWriting(shared: Rng, opts: TaskOptions): TaskSource {
  const lang = opts.lang;
  const typoRate = isCjk(lang) ? 0 : shared.next() * 0.3;
  return {
    next(ctx) {
      const r = ctx.rng;
      const req = writingRequest(r, lang);
      return {
        messages: [user(casual(r, req.text, typoRate))],
        response: r.pick(BANKS[lang].raw.replies),
        completionTokens: req.long ? tokens(r, 700, 0.4, 250, 1800) : tokens(r, 280, 0.5, 60, 900),
      };
    },
  };
}
