/**
 * `app_assistant`: an app developer's product in front of the model. Each
 * account picks its product, brand, system prompt and (often) tool set from
 * `shared`; the end users' messages vary a lot, and some requests already
 * carry the app's tool call and its result.
 */
import type { Rng } from '../rng.js';
import { assistant, callMsg, casual, isoDate, sample, toolCall, toolMsg, tokens, user } from './gen.js';
import { def } from './tooldef.js';
import type { ChatMessage, TaskOptions, TaskSource, ToolDef } from './types.js';

interface Ask {
  text: string;
  call?: { name: string; args: Record<string, unknown>; result: string };
}

interface Product {
  brands: readonly string[];
  /** `{brand}` is replaced by the account's brand. */
  system: string;
  rules: readonly string[];
  tools: readonly ToolDef[];
  ask: (r: Rng, day: number) => Ask;
  replies: readonly string[];
}

const INGREDIENTS = ['chickpeas', 'spinach', 'leftover rice', 'eggs', 'feta', 'zucchini', 'canned tuna', 'tofu', 'sweet potatoes', 'mushrooms', 'lentils', 'chicken thighs', 'coconut milk', 'broccoli', 'halloumi', 'black beans'];
const DIETS = ['vegetarian', 'vegan', 'gluten-free', 'low-carb', 'dairy-free', 'high-protein'];
const DISHES = ['lasagna', 'brownies', 'pancakes', 'curry', 'banana bread', 'pizza dough', 'carbonara', 'chili'];
const BIKES = ['Trailhawk 29', 'CityGlide 3', 'Roadster SL', 'Volt E-Cargo', 'Kids Dash 20', 'Gravel One'];
const CITIES = ['Lisbon', 'Berlin', 'Lyon', 'Madrid', 'Vienna', 'Milan', 'Prague', 'Dublin', 'Copenhagen', 'Porto'];
const CLOTHES = ['linen shirt', 'rain jacket', 'wool sweater', 'slim jeans', 'sneakers', 'summer dress', 'chinos', 'puffer vest'];

function orderId(r: Rng): string {
  return 'A' + r.int(100000, 999999);
}

const PRODUCTS: readonly Product[] = [
  {
    brands: ['Example Kitchen', 'Pantry Pal', 'CookSmart', 'Dinnerly Demo'],
    system: 'You are the cooking assistant inside the {brand} app. Suggest recipes from the app catalogue, adapt them to dietary needs and keep answers short and friendly. Use metric units.',
    rules: ['Never give medical nutrition advice.', 'Always mention total cooking time.', 'Offer to add ingredients to the shopping list.', 'If an allergy is mentioned, flag every risky ingredient.'],
    tools: [
      def('search_recipes', 'Search the recipe catalogue.', { query: ['string', 'Free-text query'], diet: ['string', 'Dietary filter'], max_minutes: ['integer', 'Maximum total time'] }, ['query']),
      def('get_recipe', 'Fetch a recipe by id.', { recipe_id: ['string', 'Recipe id'] }, ['recipe_id']),
      def('add_to_shopping_list', 'Add ingredients to the user shopping list.', { items: ['string', 'Comma-separated ingredients'] }, ['items']),
    ],
    ask: (r) => {
      const a = r.pick(INGREDIENTS);
      const b = r.pick(INGREDIENTS);
      const diet = r.pick(DIETS);
      const mins = r.pick([15, 20, 30, 45]);
      switch (r.int(0, 5)) {
        case 0:
          return { text: 'what can I make with ' + a + ' and ' + b + '?', call: { name: 'search_recipes', args: { query: a + ' ' + b }, result: '[{"id":"r' + r.int(100, 999) + '","title":"' + a + ' skillet","minutes":' + mins + '},{"id":"r' + r.int(100, 999) + '","title":"' + b + ' bowl","minutes":' + (mins + 10) + '}]' } };
        case 1:
          return { text: diet + ' dinner ideas under ' + mins + ' minutes please', call: { name: 'search_recipes', args: { query: 'dinner', diet, max_minutes: mins }, result: '[{"id":"r' + r.int(100, 999) + '","title":"Quick ' + diet + ' stir fry","minutes":' + mins + '}]' } };
        case 2:
          return { text: 'Is there a substitute for ' + a + ' in ' + r.pick(DISHES) + '?' };
        case 3:
          return { text: 'Can you scale the ' + r.pick(DISHES) + ' recipe for ' + r.int(3, 12) + ' people?' };
        case 4:
          return { text: 'add everything for the ' + r.pick(DISHES) + ' to my list', call: { name: 'add_to_shopping_list', args: { items: a + ', ' + b + ', olive oil' }, result: '{"ok":true,"count":3}' } };
        default:
          return { text: 'My kid is allergic to nuts. Is the ' + r.pick(DISHES) + ' safe?' };
      }
    },
    replies: ['Here are a couple of recipes that fit, both under your time limit.', 'Good news: that works — here is a simple swap.', 'Done! I added the ingredients to your shopping list.'],
  },
  {
    brands: ['Example Legal Intake', 'Harbor Law Desk', 'Justice Demo Bot'],
    system: 'You are the intake assistant for {brand}, a law firm. Collect the facts of the visitor’s situation (what happened, when, who is involved, documents they have) and explain next steps in general terms. You do not give legal advice and you say so when asked for it.',
    rules: ['Ask one question at a time.', 'Offer a free 15-minute call with a lawyer at the end.', 'Do not estimate case outcomes.', 'Keep replies under 120 words.'],
    tools: [
      def('create_intake_case', 'Create an intake record for a lawyer to review.', { area: ['string', 'Area of law'], summary: ['string', 'Short summary'] }, ['area', 'summary']),
      def('check_availability', 'Find free consultation slots.', { date: ['string', 'YYYY-MM-DD'] }, ['date']),
    ],
    ask: (r, day) => {
      const issues = [
        ['tenancy', 'my landlord has not returned my deposit after ' + r.int(2, 6) + ' months'],
        ['employment', 'I was let go after ' + r.int(1, 12) + ' years without any warning'],
        ['traffic', 'I got a letter about a speeding fine but I was not driving that day'],
        ['family', 'my ex and I disagree about holiday arrangements for our kids'],
        ['consumer', 'a company keeps charging me for a gym membership I cancelled'],
        ['contract', 'a client has not paid my invoice for ' + r.int(2, 9) + ' weeks'],
        ['neighbour', 'my neighbour built a fence that I think is on my land'],
      ] as const;
      const [area, what] = r.pick(issues);
      const roll = r.int(0, 3);
      if (roll === 0) return { text: 'Hi, ' + what + '. What can I do?' };
      if (roll === 1) return { text: what + '. do I have a case??' };
      if (roll === 2) {
        const d = isoDate(day + r.int(1, 10));
        return { text: 'Can I talk to someone on ' + d + '? It is about ' + area + '.', call: { name: 'check_availability', args: { date: d }, result: '{"slots":["09:30","14:00","16:15"]}' } };
      }
      return { text: 'Hello. ' + what + ' and I have emails that prove it. How much does a consultation cost?', call: { name: 'create_intake_case', args: { area, summary: what }, result: '{"case_id":"INT-' + r.int(1000, 9999) + '","status":"received"}' } };
    },
    replies: ['Thanks for explaining. To help the lawyer prepare, when did this start?', 'I am not able to give legal advice, but I can arrange a free 15-minute call.', 'I have created an intake record; a lawyer will review it within one working day.'],
  },
  {
    brands: ['Example Bikes', 'Spoke & Chain Demo', 'Pedal Works'],
    system: 'You are the customer support assistant for {brand}, a bike shop with an online store and a repair workshop. Help with orders, stock, sizing and service bookings. Be concise and upbeat.',
    rules: ['For safety-critical repairs recommend a workshop visit.', 'Frame sizes: S, M, L, XL.', 'Workshop is closed on Sundays.', 'Never share other customers’ data.'],
    tools: [
      def('get_order_status', 'Get the status of an online order.', { order_id: ['string', 'Order number like A123456'] }, ['order_id']),
      def('check_stock', 'Check stock for a model and frame size.', { model: ['string', 'Bike model'], size: ['string', 'S, M, L or XL'] }, ['model']),
      def('book_service', 'Book a workshop slot.', { date: ['string', 'YYYY-MM-DD'], service: ['string', 'Service type'] }, ['date', 'service']),
    ],
    ask: (r, day) => {
      const o = orderId(r);
      const bike = r.pick(BIKES);
      const size = r.pick(['S', 'M', 'L', 'XL']);
      switch (r.int(0, 4)) {
        case 0:
          return { text: r.pick(['where is my order ', 'Hi, any update on order ', 'order ']) + o + r.pick(['?', ' still not here', ', it was supposed to arrive yesterday']), call: { name: 'get_order_status', args: { order_id: o }, result: '{"order_id":"' + o + '","status":"' + r.pick(['shipped', 'packing', 'delivered', 'delayed']) + '","eta":"' + isoDate(day + r.int(1, 5)) + '"}' } };
        case 1:
          return { text: 'Do you have the ' + bike + ' in size ' + size + '?', call: { name: 'check_stock', args: { model: bike, size }, result: '{"in_stock":' + r.pick(['true', 'false']) + ',"store_qty":' + r.int(0, 4) + '}' } };
        case 2: {
          const d = isoDate(day + r.int(2, 14));
          return { text: 'I would like to book a ' + r.pick(['full service', 'brake check', 'puncture repair', 'e-bike inspection']) + ' for ' + d, call: { name: 'book_service', args: { date: d, service: 'general' }, result: '{"booked":true,"time":"10:00"}' } };
        }
        case 3:
          return { text: r.pick(['my gears skip when I pedal hard', 'brakes squeal in the rain', 'the chain keeps falling off', 'e-bike battery only lasts 20 km now']) + ', what should I do?' };
        default:
          return { text: 'I am ' + r.int(155, 198) + ' cm tall, which frame size for the ' + bike + '?' };
      }
    },
    replies: ['Your order has shipped and should arrive within two days.', 'Yes, that model is in stock in your size.', 'You are booked in! Please bring the bike by 10:00.', 'That usually means the cable needs tensioning — a quick workshop job.'],
  },
  {
    brands: ['Example Lingo', 'Parla Tutor', 'WordBridge'],
    system: 'You are a friendly {target} tutor in the {brand} app. The learner is at level {level}. Correct mistakes gently, explain grammar briefly, and always end with a short practice question.',
    rules: ['Use simple vocabulary.', 'Give the translation in brackets.', 'Correct at most three mistakes per message.', 'Encourage the learner.'],
    tools: [],
    ask: (r) => {
      const phrases = ['where is the train station', 'I would like a coffee please', 'how much does this cost', 'I have been learning for six months', 'can you speak more slowly', 'we are going to the beach tomorrow', 'I forgot my keys at home', 'what time does the museum open'];
      switch (r.int(0, 4)) {
        case 0:
          return { text: 'how do I say "' + r.pick(phrases) + '"?' };
        case 1:
          return { text: 'Can you correct my sentence: "' + r.pick(['Yo soy tener hambre', 'Ich habe gegangen nach Hause', 'Je suis allé au magasin hier avec mon amis', 'Eu gosto muito de ler livros de manhãs', 'Watashi wa sushi ga tabemasu']) + '"' };
        case 2:
          return { text: 'Quiz me on ' + r.pick(['past tense', 'food vocabulary', 'numbers', 'prepositions', 'irregular verbs', 'greetings']) };
        case 3:
          return { text: 'what is the difference between ' + r.pick(['ser and estar', 'por and para', 'du and Sie', 'tu and vous', 'は and が', 'pretérito and imperfeito']) + '?' };
        default:
          return { text: r.pick(['I do not understand the subjunctive at all', 'Give me 5 words for the kitchen', 'Let’s practice a conversation at a restaurant', 'Is my pronunciation guide right for "r"?']) };
      }
    },
    replies: ['Almost! Here is the corrected sentence, with one small grammar note.', 'Great question — here is the difference, with two examples.', 'Let’s practise! First question:'],
  },
  {
    brands: ['Example Trips', 'Wanderly Demo', 'RouteMate'],
    system: 'You are the travel planning assistant of {brand}. Help users find flights and hotels using the tools, compare options clearly, and never invent prices.',
    rules: ['Prices must come from tool results.', 'Ask for dates if missing.', 'Suggest at most three options.'],
    tools: [
      def('search_flights', 'Search flights.', { origin: ['string', 'City or IATA code'], destination: ['string', 'City or IATA code'], date: ['string', 'YYYY-MM-DD'] }, ['origin', 'destination', 'date']),
      def('search_hotels', 'Search hotels.', { city: ['string', 'City'], checkin: ['string', 'YYYY-MM-DD'], nights: ['integer', 'Number of nights'] }, ['city', 'checkin', 'nights']),
    ],
    ask: (r, day) => {
      const a = r.pick(CITIES);
      let b = r.pick(CITIES);
      if (b === a) b = 'Rome';
      const d = isoDate(day + r.int(5, 90));
      const n = r.int(1, 7);
      if (r.chance(0.5)) {
        return { text: 'flights from ' + a + ' to ' + b + ' on ' + d + r.pick(['', ', morning if possible', ', cheapest please', ' for 2 adults']), call: { name: 'search_flights', args: { origin: a, destination: b, date: d }, result: '[{"flight":"EX' + r.int(100, 999) + '","dep":"07:40","price":' + r.int(39, 320) + '},{"flight":"EX' + r.int(100, 999) + '","dep":"18:05","price":' + r.int(39, 320) + '}]' } };
      }
      return { text: 'hotel in ' + b + ' for ' + n + ' nights from ' + d + r.pick(['', ', near the old town', ', with breakfast', ', pet friendly']), call: { name: 'search_hotels', args: { city: b, checkin: d, nights: n }, result: '[{"name":"Hotel Example","rating":4.3,"price_per_night":' + r.int(60, 240) + '}]' } };
    },
    replies: ['I found two good options; the morning flight is the cheapest.', 'Here is a well-rated hotel near the centre that fits your dates.'],
  },
  {
    brands: ['Example Helpdesk', 'ServiceDesk Demo'],
    system: 'You are the internal IT helpdesk assistant at {brand}. Solve common problems with the knowledge base, create tickets for anything else, and never ask for passwords.',
    rules: ['Priority P1 only for outages affecting many people.', 'Link KB articles by id.', 'Escalate hardware issues.'],
    tools: [
      def('lookup_kb', 'Search the IT knowledge base.', { query: ['string', 'Search text'] }, ['query']),
      def('create_ticket', 'Open an IT ticket.', { summary: ['string', 'Short summary'], priority: ['string', 'P1-P4'] }, ['summary', 'priority']),
    ],
    ask: (r) => {
      const probs = ['VPN disconnects every 10 minutes', 'Outlook will not sync my calendar', 'printer on floor 3 shows offline', 'I need access to the finance shared drive', 'my laptop fan is very loud', 'Teams camera not detected', 'forgot my password and MFA phone is new', 'Wi-Fi in meeting room B keeps dropping'];
      const p = r.pick(probs);
      if (r.chance(0.5)) return { text: p + r.pick(['', '. help', ' since this morning', ', anyone else?']), call: { name: 'lookup_kb', args: { query: p }, result: '[{"id":"KB' + r.int(1000, 9999) + '","title":"Troubleshooting: ' + p + '"}]' } };
      return { text: p + '. can you open a ticket', call: { name: 'create_ticket', args: { summary: p, priority: r.pick(['P2', 'P3', 'P4']) }, result: '{"ticket":"IT-' + r.int(10000, 99999) + '"}' } };
    },
    replies: ['Try the steps in this KB article first; it fixes this in most cases.', 'I opened a ticket for you; the team will reach out today.'],
  },
  {
    brands: ['Example Fashion', 'Threadline Demo'],
    system: 'You are the shopping assistant of {brand}, an online clothing store. Help with sizes, orders and returns (30-day free returns).',
    rules: ['Returns are free within 30 days.', 'Recommend measuring before ordering.', 'Be warm and concise.'],
    tools: [
      def('get_order_status', 'Order status by number.', { order_id: ['string', 'Order number'] }, ['order_id']),
      def('start_return', 'Start a return.', { order_id: ['string', 'Order number'], reason: ['string', 'Reason'] }, ['order_id', 'reason']),
      def('size_guide', 'Get the size chart for a product.', { product: ['string', 'Product name'] }, ['product']),
    ],
    ask: (r) => {
      const o = orderId(r);
      const c = r.pick(CLOTHES);
      switch (r.int(0, 2)) {
        case 0:
          return { text: 'I want to return the ' + c + ' from order ' + o + ', ' + r.pick(['too small', 'wrong colour', 'did not like the fabric', 'arrived damaged']), call: { name: 'start_return', args: { order_id: o, reason: 'size' }, result: '{"return_id":"R' + r.int(10000, 99999) + '","label_url":"https://example.com/labels/' + r.int(100000, 999999) + '"}' } };
        case 1:
          return { text: 'what size ' + c + ' should I get? I am usually ' + r.pick(['S', 'M', 'L', 'EU 40', 'UK 12']), call: { name: 'size_guide', args: { product: c }, result: '{"S":"chest 88-94","M":"chest 95-101","L":"chest 102-108"}' } };
        default:
          return { text: 'status of ' + o + '?', call: { name: 'get_order_status', args: { order_id: o }, result: '{"status":"in transit"}' } };
      }
    },
    replies: ['Your return is started — here is your free label.', 'Based on the chart, size M should fit you best.'],
  },
  {
    brands: ['Example Pets', 'PawCare Demo'],
    system: 'You are {brand}, a pet care helper. Give general care information about dogs, cats and small pets. For anything that sounds urgent, tell the user to contact a vet immediately.',
    rules: ['Never diagnose.', 'Mention a vet visit for symptoms lasting more than a day.'],
    tools: [],
    ask: (r) => ({
      text:
        r.pick(['my ', 'Our ', 'Hi! my ']) + r.pick(['puppy', 'old cat', 'rabbit', 'dog', 'kitten', 'guinea pig']) + ' ' +
        r.pick(['keeps scratching its ears', 'will not eat dry food', 'is scared of fireworks', 'pulls on the leash', 'is drinking more water than usual', 'chews the furniture', 'needs a travel crate, which size?']) +
        r.pick(['', '. what should I do?', ', is that normal?', ' — tips?']),
    }),
    replies: ['That is common; here are a few things you can try at home.', 'If it lasts more than a day, please check with your vet.'],
  },
  {
    brands: ['Example Planner', 'StudyFlow'],
    system: 'You are the study planning assistant in {brand}. Break goals into sessions and put them in the user’s calendar when asked.',
    rules: ['Sessions last 25-90 minutes.', 'Leave one free evening per week.'],
    tools: [def('create_calendar_event', 'Create a calendar event.', { title: ['string', 'Title'], start: ['string', 'ISO datetime'], minutes: ['integer', 'Duration'] }, ['title', 'start', 'minutes'])],
    ask: (r, day) => {
      const subj = r.pick(['statistics', 'organic chemistry', 'French', 'driving theory', 'linear algebra', 'my thesis chapter 2']);
      const d = isoDate(day + r.int(1, 20));
      if (r.chance(0.5)) return { text: 'I have an exam in ' + subj + ' on ' + d + '. make me a study plan' };
      return { text: 'put a ' + r.pick([45, 60, 90]) + ' min ' + subj + ' session on ' + d + ' at 18:00', call: { name: 'create_calendar_event', args: { title: 'Study: ' + subj, start: d + 'T18:00:00', minutes: 60 }, result: '{"created":true}' } };
    },
    replies: ['Here is a plan with short daily sessions and a review day before the exam.', 'Added to your calendar.'],
  },
  {
    brands: ['Example Homes', 'Nestfinder Demo'],
    system: 'You are the rental search assistant of {brand}. Find listings with the search tool and answer questions about neighbourhoods factually.',
    rules: ['Never discriminate between applicants.', 'Rents are monthly, excluding utilities unless stated.'],
    tools: [def('search_listings', 'Search rental listings.', { city: ['string', 'City'], max_rent: ['integer', 'Monthly maximum'], rooms: ['integer', 'Rooms'] }, ['city'])],
    ask: (r) => {
      const city = r.pick(CITIES);
      const rent = r.int(6, 30) * 100;
      const rooms = r.int(1, 4);
      return { text: rooms + ' room flat in ' + city + ' under ' + rent + r.pick(['', ' with balcony', ', pets allowed', ' near a metro station']), call: { name: 'search_listings', args: { city, max_rent: rent, rooms }, result: '[{"id":"L' + r.int(1000, 9999) + '","rent":' + (rent - r.int(0, 300)) + ',"area_m2":' + r.int(30, 110) + '}]' } };
    },
    replies: ['I found a few listings that match; the first one is closest to public transport.'],
  },
];

const TARGETS = ['Spanish', 'French', 'German', 'Portuguese', 'Japanese', 'Italian', 'Chinese'];
const LEVELS = ['A1', 'A2', 'B1', 'B2'];

export function createAppAssistant(shared: Rng, _opts: TaskOptions): TaskSource {
  const product = shared.pick(PRODUCTS);
  const brand = shared.pick(product.brands);
  let system = product.system.split('{brand}').join(brand).split('{target}').join(shared.pick(TARGETS)).split('{level}').join(shared.pick(LEVELS));
  const rules = sample(shared, product.rules, shared.int(0, product.rules.length));
  if (rules.length) system += '\n\nRules:\n- ' + rules.join('\n- ');
  const tools = product.tools.length && shared.chance(0.7) ? product.tools.slice() : undefined;
  const typoRate = shared.next() * 0.5;
  const historyRate = shared.next() * 0.3;
  return {
    next(ctx) {
      const r = ctx.rng;
      const ask = product.ask(r, ctx.day);
      const messages: ChatMessage[] = [];
      if (r.chance(historyRate)) {
        messages.push(user(casual(r, product.ask(r, ctx.day).text, typoRate)));
        messages.push(assistant(r.pick(product.replies)));
      }
      messages.push(user(casual(r, ask.text, typoRate)));
      if (tools && ask.call && r.chance(0.5)) {
        const c = toolCall(r, ask.call.name, ask.call.args);
        messages.push(callMsg([c]));
        messages.push(toolMsg(c, ask.call.result));
      }
      const ex = { system, messages, response: r.pick(product.replies), completionTokens: tokens(r, 90, 0.5, 20, 400) };
      return tools ? { ...ex, tools } : ex;
    },
  };
}
