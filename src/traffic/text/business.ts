/**
 * `business_integration`: an enterprise pipeline calling the model with one
 * fixed template per account (chosen from `shared`) around a varying pasted
 * document. Legitimately templated, high volume.
 */
import type { Rng } from '../rng.js';
import { bank, fill, tokens, user, type Tpl } from './gen.js';
import { businessEmail, invoice, personName, productSpec, review, ticket } from './docs.js';
import type { TaskOptions, TaskSource } from './types.js';

interface Doc {
  text: string;
  answer: string;
}

interface Family {
  templates: Tpl[];
  systems: readonly string[];
  doc: (r: Rng, day: number) => Doc;
  tokens: readonly [median: number, lo: number, hi: number];
}

const CATS = ['billing', 'shipping', 'technical', 'account', 'other'];

const FAMILIES: readonly Family[] = [
  {
    templates: bank(['doc'], [
      'Summarize the following support ticket in 2 sentences and list the action the customer requests.\n\n{doc}',
      'Read the ticket below and write a one-paragraph summary for the agent who picks it up.\n\n---\n{doc}\n---',
      'TICKET:\n{doc}\n\nTASK: Summarize the issue, the customer sentiment (calm/annoyed/angry) and the next step. Use bullet points.',
      'You will receive a customer support ticket. Produce a short summary (max 50 words).\n\nTicket:\n{doc}',
    ]),
    systems: ['You are a support operations assistant. Be brief and factual.', 'You summarize customer tickets for Example Corp support agents.', ''],
    doc: (r) => {
      const t = ticket(r);
      return { text: t.text, answer: 'Customer reports a ' + t.category + ' issue and asks for a quick resolution. Next step: check the order and reply within 24h.' };
    },
    tokens: [90, 30, 200],
  },
  {
    templates: bank(['doc'], [
      'Extract the following fields from the invoice as JSON: invoice_number, vendor, date, total, currency. Return only JSON.\n\nInvoice:\n{doc}',
      'Return a JSON object with keys "invoice_number", "vendor", "issue_date", "total_amount", "currency" for this document. No prose.\n\n"""\n{doc}\n"""',
      '{doc}\n\n---\nParse the invoice above into JSON ({"number": str, "vendor": str, "date": "YYYY-MM-DD", "total": number, "currency": str}).',
    ]),
    systems: ['You are a data extraction engine. Output valid JSON only.', 'Extract structured data. Never add commentary.', ''],
    doc: (r, day) => {
      const inv = invoice(r, day);
      return {
        text: inv.text,
        answer: '{"invoice_number":"' + inv.number + '","vendor":"' + inv.vendor + '","date":"' + inv.date + '","total":' + inv.total + ',"currency":"' + inv.currency + '"}',
      };
    },
    tokens: [70, 40, 140],
  },
  {
    templates: bank(['doc'], [
      'Classify the sentiment of this review as positive, negative or neutral. Answer with one word.\n\nReview: {doc}',
      'Review: "{doc}"\nSentiment (positive/negative/neutral):',
      'Label the following customer review. Output JSON {"sentiment": "positive|negative|neutral", "confidence": 0-1}.\n\n{doc}',
      'What is the sentiment of the text below? Reply with exactly one of: POSITIVE, NEGATIVE, NEUTRAL.\n\n{doc}',
    ]),
    systems: ['You are a sentiment classifier.', ''],
    doc: (r) => {
      const v = review(r);
      return { text: v.text, answer: v.sentiment };
    },
    tokens: [4, 1, 30],
  },
  {
    templates: bank(['doc', 'cats'], [
      'Assign this ticket to exactly one queue: {cats}. Respond with the queue name only.\n\n{doc}',
      'Route the following message. Allowed categories: {cats}.\nMessage:\n{doc}\nCategory:',
      'Which team should handle this? Options: {cats}. Return JSON {"queue": "..."}.\n\n{doc}',
    ]),
    systems: ['You route customer messages to support queues.', ''],
    doc: (r) => {
      const t = ticket(r);
      const cat = t.category === 'damaged' || t.category === 'cancellation' ? 'other' : t.category;
      return { text: t.text, answer: cat };
    },
    tokens: [5, 1, 30],
  },
  {
    templates: bank(['doc'], [
      'From the email below, extract sender name, company, requested dates and any amounts. Output JSON.\n\n{doc}',
      'Extract entities (PERSON, ORG, DATE, MONEY, LOCATION) from this email as a JSON list of {"type", "text"}.\n\nEmail:\n{doc}',
      'Read this inbound email and fill the CRM fields: contact_name, company, intent, due_date. JSON only.\n\n{doc}',
    ]),
    systems: ['You extract structured CRM data from emails. JSON only.', ''],
    doc: (r, day) => ({ text: businessEmail(r, day), answer: '{"contact_name":"' + personName(r) + '","company":"Example Corp","intent":"order"}' }),
    tokens: [80, 30, 200],
  },
  {
    templates: bank(['doc'], [
      'Write a 60-word product description for an online shop from these specs. Friendly tone, no exaggerations.\n\n{doc}',
      'Specs:\n{doc}\n\nGenerate: (1) a product title under 70 characters, (2) three bullet points, (3) a short description.',
      'Create SEO-friendly listing copy for this product. Keep it under 120 words.\n{doc}',
    ]),
    systems: ['You write product copy for Example Shop.', ''],
    doc: (r) => ({ text: productSpec(r), answer: 'A practical everyday companion: light, durable and easy to use, with a warranty that lets you buy with confidence.' }),
    tokens: [120, 60, 300],
  },
  {
    templates: bank(['doc'], [
      'Draft a polite reply to this customer message. Sign as "The Support Team". Do not promise refunds.\n\n{doc}',
      'Customer message:\n{doc}\n\nWrite a short, empathetic response that asks for any missing information.',
    ]),
    systems: ['You are a customer support writer for Example Corp. Keep replies under 120 words.', ''],
    doc: (r) => ({ text: ticket(r).text, answer: 'Thank you for reaching out, and sorry for the trouble. Could you confirm your order number so we can look into it right away? The Support Team' }),
    tokens: [110, 50, 250],
  },
  {
    templates: bank(['doc'], [
      'Redact all personal data (names, email addresses, phone numbers, order numbers) in the text below. Replace each with [REDACTED]. Return only the redacted text.\n\n{doc}',
      'Anonymize this message for our analytics dataset. Keep everything else unchanged.\n\n{doc}',
    ]),
    systems: ['You anonymize text. Output only the transformed text.', ''],
    doc: (r) => ({ text: ticket(r).text, answer: 'Ticket #[REDACTED]\nFrom: [REDACTED] <[REDACTED]>\n...' }),
    tokens: [150, 60, 350],
  },
];

export function createBusinessIntegration(shared: Rng, _opts: TaskOptions): TaskSource {
  const family = shared.pick(FAMILIES);
  const template = shared.pick(family.templates);
  const system = shared.pick(family.systems);
  // Route-ticket queues: the account's own list, fixed.
  const cats = shared.chance(0.5) ? CATS.join(', ') : CATS.slice(0, 4).join(' | ') + ' | other';
  const [median, lo, hi] = family.tokens;
  return {
    next(ctx) {
      const r = ctx.rng;
      const doc = family.doc(r, ctx.day);
      const ex = {
        messages: [user(fill(template, doc.text, cats))],
        response: doc.answer,
        completionTokens: tokens(r, median, 0.35, lo, hi),
      };
      return system ? { system, ...ex } : ex;
    },
  };
}
