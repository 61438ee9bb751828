/**
 * Business documents that callers paste into prompts: support tickets,
 * invoices, product reviews, inbound emails, product specs. Names are
 * invented first names with an initial; addresses use example.com.
 */
import type { Rng } from '../rng.js';
import { chain, isoDate } from './gen.js';

const FIRST = [
  'Maria', 'James', 'Aiko', 'Lukas', 'Sofia', 'Omar', 'Chloe', 'Ravi', 'Elena', 'Tom', 'Ines', 'Kwame',
  'Yuki', 'Lea', 'Diego', 'Hannah', 'Mei', 'Noah', 'Amara', 'Pavel', 'Zoe', 'Felix', 'Nadia', 'Sam',
];
const INITIALS = 'ABCDEFGHJKLMNPRSTVW';
const VENDORS = [
  'Northwind Supplies Ltd', 'Bluebird Office GmbH', 'Example Logistics SARL', 'Harbor Print Co.', 'Pinecrest Software Inc.',
  'Lumen Facilities BV', 'Granite Cloud Services', 'Orchard Catering Ltd', 'Riverside Electric', 'Atlas Freight AG',
];
const CLIENTS = ['Example Corp', 'Example Retail GmbH', 'Sample Health Clinic', 'Demo Foods Ltd', 'Example University', 'Test Mobility SA'];
const LINE_ITEMS = [
  'Printer paper A4 (box)', 'Consulting hours', 'Cloud hosting – monthly', 'Office chairs', 'Freight Rotterdam–Hamburg',
  'Software licence (annual)', 'Catering for 25 people', 'Laptop docking station', 'Cleaning service', 'Translation (per page)',
  'Maintenance visit', 'Toner cartridge', 'Support plan – premium', 'Domain renewal', 'Shipping pallets',
];
const PRODUCTS = [
  'wireless earbuds', 'standing desk', 'espresso machine', 'running shoes', 'air purifier', 'backpack', 'e-reader',
  'robot vacuum', 'electric kettle', 'yoga mat', 'phone case', 'gaming mouse', 'winter jacket', 'blender', 'bike helmet',
  'smart watch', 'desk lamp', 'suitcase', 'mechanical keyboard', 'baby monitor',
];

export function personName(r: Rng): string {
  return r.pick(FIRST) + ' ' + INITIALS.charAt(r.int(0, INITIALS.length - 1)) + '.';
}

export function emailOf(r: Rng, name: string): string {
  let local = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) local += String.fromCharCode(c + 32);
    else if (c >= 97 && c <= 122) local += name.charAt(i);
    else if (c === 32) local += '.';
  }
  return local + r.int(1, 99) + '@example.com';
}

interface Issue {
  category: string;
  subjects: readonly string[];
  body: readonly string[];
}

const ISSUES: readonly Issue[] = [
  {
    category: 'shipping',
    subjects: ['Where is my order?', 'Order not arrived', 'Delivery delayed again', 'Tracking not updating'],
    body: [
      'I ordered a {p} ten days ago and it still has not arrived.', 'The tracking page has said "in transit" since Monday.',
      'The courier claims it was delivered but nothing was left at my door.', 'I need it before the weekend, it is a gift.',
    ],
  },
  {
    category: 'damaged',
    subjects: ['Item arrived broken', 'Damaged product', 'Wrong item received', 'Missing parts'],
    body: [
      'The {p} arrived with a cracked casing.', 'The box was crushed and the {p} does not turn on.',
      'I received a different colour than the one I ordered.', 'Two screws and the manual are missing from the package.',
    ],
  },
  {
    category: 'billing',
    subjects: ['Charged twice', 'Wrong amount on invoice', 'Refund not received', 'Question about my bill'],
    body: [
      'My card was charged twice for the same order.', 'The invoice shows a higher price than the checkout page did.',
      'You confirmed a refund three weeks ago but I have not seen the money.', 'I do not recognise the subscription fee on my statement.',
    ],
  },
  {
    category: 'account',
    subjects: ['Cannot log in', 'Password reset not working', 'Account locked', 'Change my email address'],
    body: [
      'I have tried resetting my password three times and never get the email.', 'The app says my account is locked after one wrong attempt.',
      'I want to change the email on my account to my new work address.', 'Two-factor codes are rejected even though the time on my phone is correct.',
    ],
  },
  {
    category: 'technical',
    subjects: ['App keeps crashing', 'Sync error', 'Device not connecting', 'Bug in latest update'],
    body: [
      'Since the last update the app crashes as soon as I open settings.', 'My {p} will not pair with the app over Bluetooth anymore.',
      'Data from yesterday is missing after the sync finished.', 'The export button does nothing on the web version.',
    ],
  },
  {
    category: 'cancellation',
    subjects: ['Cancel my subscription', 'Cancel order please', 'Stop automatic renewal'],
    body: [
      'Please cancel my subscription at the end of this month.', 'I placed an order by mistake, please cancel it before it ships.',
      'I did not want the plan to renew automatically and would like a refund for this period.',
    ],
  },
];

const TICKET_TAIL = [
  'Order number: #{o}.', 'This is the second time I am writing about this.', 'Thanks for your help.',
  'Please get back to me as soon as possible.', 'I have attached a photo.', 'Honestly quite disappointed.',
  'I have been a customer for years and this never happened before.', 'Could someone call me back?',
];

/** Substitutes {p} (product) and {o} (order number) without a regex. */
function sub(s: string, p: string, o: string): string {
  let out = s;
  for (let i = out.indexOf('{p}'); i >= 0; i = out.indexOf('{p}')) out = out.slice(0, i) + p + out.slice(i + 3);
  for (let i = out.indexOf('{o}'); i >= 0; i = out.indexOf('{o}')) out = out.slice(0, i) + o + out.slice(i + 3);
  return out;
}

export interface Ticket {
  text: string;
  category: string;
}

export function ticket(r: Rng): Ticket {
  const issue = r.pick(ISSUES);
  const name = personName(r);
  const p = r.pick(PRODUCTS);
  const o = 'A' + r.int(100000, 999999);
  let body = sub(r.pick(issue.body), p, o);
  if (r.chance(0.7)) body += ' ' + sub(r.pick(issue.body), p, o);
  body += ' ' + sub(r.pick(TICKET_TAIL), p, o);
  if (r.chance(0.5)) body += ' ' + sub(r.pick(TICKET_TAIL), p, o);
  const text =
    'Ticket #' + r.int(10000, 99999) + '\nFrom: ' + name + ' <' + emailOf(r, name) + '>\nSubject: ' + r.pick(issue.subjects) + '\n\n' + body + '\n\n' + name;
  return { text, category: issue.category };
}

export interface Invoice {
  text: string;
  number: string;
  vendor: string;
  date: string;
  total: string;
  currency: string;
}

export function invoice(r: Rng, day: number): Invoice {
  const vendor = r.pick(VENDORS);
  const currency = r.pick(['EUR', 'USD', 'GBP', 'CHF']);
  const number = r.pick(['INV-', 'RE-', 'F', 'No. ']) + r.int(2026000, 2026999);
  const date = isoDate(day - r.int(0, 20));
  const n = r.int(1, 4);
  let lines = '';
  let subtotal = 0;
  for (let i = 0; i < n; i++) {
    const qty = r.int(1, 20);
    const price = r.int(500, 90000) / 100;
    subtotal += qty * price;
    lines += '\n' + r.pick(LINE_ITEMS) + '  ' + qty + ' x ' + price.toFixed(2) + '  ' + (qty * price).toFixed(2);
  }
  const rate = r.pick([0, 7, 10, 19, 20, 21]);
  const total = (subtotal * (1 + rate / 100)).toFixed(2);
  const head =
    r.chance(0.5)
      ? 'INVOICE ' + number + '\n' + vendor + '\nBill to: ' + r.pick(CLIENTS) + '\nDate: ' + date + '\nPayment terms: ' + r.pick(['14 days', '30 days net', 'due on receipt'])
      : vendor + ' | Invoice no. ' + number + ' | Issued ' + date + '\nCustomer: ' + r.pick(CLIENTS) + ', ref. PO-' + r.int(1000, 9999);
  const text =
    head + '\n\nDescription  Qty x Unit  Amount' + lines + '\n\nSubtotal: ' + subtotal.toFixed(2) + '\nVAT ' + rate + '%: ' +
    (subtotal * rate / 100).toFixed(2) + '\nTotal due: ' + total + ' ' + currency + '\nIBAN: XX00 0000 0000 0000 0000 00';
  return { text, number, vendor, date, total, currency };
}

const REVIEW_POS = [
  'Absolutely love this {p}.', 'Works exactly as described.', 'Great value for the price.', 'Setup took five minutes.',
  'Battery lasts for days.', 'Feels sturdy and well made.', 'Customer service was quick and helpful.', 'Would buy again.',
  'Arrived a day early.', 'My whole family uses it now.',
];
const REVIEW_NEG = [
  'Stopped working after two weeks.', 'The {p} is much smaller than it looks in the photos.', 'Way too loud.',
  'Instructions are useless.', 'Returned it.', 'Cheap plastic, it already has scratches.', 'The app keeps disconnecting.',
  'Not worth the money.', 'Took a month to arrive.', 'Support never answered my emails.',
];
const REVIEW_MIX = [
  'Does the job, nothing special.', 'Good but a bit overpriced.', 'Nice design, average performance.', 'It is okay for occasional use.',
  'Some features are great, others feel unfinished.',
];

export interface Review {
  text: string;
  sentiment: 'positive' | 'negative' | 'neutral';
}

export function review(r: Rng): Review {
  const p = r.pick(PRODUCTS);
  const roll = r.next();
  const bankOf = roll < 0.5 ? REVIEW_POS : roll < 0.8 ? REVIEW_NEG : REVIEW_MIX;
  const sentiment = roll < 0.5 ? 'positive' : roll < 0.8 ? 'negative' : 'neutral';
  let text = sub(chain(r, bankOf, r.int(2, 4), 'en'), p, '');
  if (r.chance(0.3)) text += ' ' + sub(r.pick(REVIEW_MIX), p, '');
  return { text, sentiment };
}

const MAIL_OPEN = ['Hello,', 'Hi team,', 'Dear Sir or Madam,', 'Good morning,', 'Hi,'];
const MAIL_BODY = [
  'we would like to order {n} units of your {p} for our office in {c}.',
  'could we schedule a call on {d} to discuss the renewal of our contract?',
  'our invoice {i} for {a} EUR is still open, please confirm the payment date.',
  'I am writing on behalf of {co} regarding the delivery planned for {d}.',
  'please send a quote for {n} {p}s, delivery to {c} before {d}.',
  'we need to move the workshop from {d} to the following week.',
];
const CITIES = ['Hamburg', 'Lyon', 'Porto', 'Leeds', 'Utrecht', 'Graz', 'Valencia', 'Turin'];

export function businessEmail(r: Rng, day: number): string {
  const name = personName(r);
  const co = r.pick(CLIENTS);
  let body = r.pick(MAIL_BODY);
  const slots: readonly (readonly [string, string])[] = [
    ['{n}', String(r.int(2, 200))], ['{p}', r.pick(PRODUCTS)], ['{c}', r.pick(CITIES)], ['{d}', isoDate(day + r.int(3, 40))],
    ['{i}', 'INV-' + r.int(2026000, 2026999)], ['{a}', (r.int(10000, 900000) / 100).toFixed(2)], ['{co}', co],
  ];
  for (const [k, v] of slots) {
    const i = body.indexOf(k);
    if (i >= 0) body = body.slice(0, i) + v + body.slice(i + k.length);
  }
  return (
    'From: ' + name + ' <' + emailOf(r, name) + '>\n\n' + r.pick(MAIL_OPEN) + '\n\n' + body.charAt(0).toUpperCase() + body.slice(1) +
    '\n\nBest regards,\n' + name + '\n' + co + '\nTel. +00 000 000 ' + r.int(1000, 9999)
  );
}

const SPEC_KEYS: readonly (readonly [string, (r: Rng) => string])[] = [
  ['Weight', (r) => r.int(120, 9000) + ' g'], ['Colour', (r) => r.pick(['black', 'white', 'sage green', 'navy', 'sand'])],
  ['Material', (r) => r.pick(['aluminium', 'recycled plastic', 'oak', 'stainless steel', 'cotton'])],
  ['Battery', (r) => r.int(4, 60) + ' h'], ['Warranty', (r) => r.int(1, 5) + ' years'],
  ['Dimensions', (r) => r.int(5, 80) + ' x ' + r.int(5, 80) + ' x ' + r.int(2, 40) + ' cm'],
  ['Price', (r) => r.int(15, 600) + '.99 EUR'], ['Power', (r) => r.int(5, 2200) + ' W'],
];

export function productSpec(r: Rng): string {
  let s = 'Product: ' + r.pick(PRODUCTS) + ' ' + r.pick(['Pro', 'Lite', 'X2', 'Classic', 'Go', 'Max', 'Mini']);
  const n = r.int(3, 6);
  const start = r.int(0, SPEC_KEYS.length - 1);
  for (let i = 0; i < n; i++) {
    const k = SPEC_KEYS[(start + i) % SPEC_KEYS.length] as readonly [string, (r: Rng) => string];
    s += '\n' + k[0] + ': ' + k[1](r);
  }
  return s;
}

export function productName(r: Rng): string {
  return r.pick(PRODUCTS);
}
