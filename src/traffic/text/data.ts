/**
 * `data_question`: SQL over a described schema, spreadsheet formulas,
 * statistics questions, and small CSV tables pasted with a question.
 */
import type { Rng } from '../rng.js';
import { bank, casual, fill, isoDate, tokens, user } from './gen.js';
import type { TaskOptions, TaskSource } from './types.js';

type Col = readonly [name: string, gen: (r: Rng) => string];

interface Table {
  name: string;
  cols: readonly Col[];
  /** Things to ask of this table, as SQL goals. */
  goals: readonly string[];
  /** Columns that make sense to group by, and numeric ones to aggregate. */
  groups: readonly string[];
  measures: readonly string[];
}

const REGIONS = ['North', 'South', 'East', 'West', 'Central'];
const PRODUCTS = ['Widget', 'Gadget', 'Sprocket', 'Gizmo', 'Doohickey', 'Flange'];
const DEPTS = ['Sales', 'Engineering', 'Support', 'Finance', 'Marketing', 'Ops'];
const COUNTRIES = ['DE', 'FR', 'US', 'BR', 'JP', 'ES', 'IN', 'CA'];
const STATUSES = ['paid', 'pending', 'refunded', 'shipped', 'cancelled'];
const DEVICES = ['mobile', 'desktop', 'tablet'];
const FIRST = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Fatima', 'Goro', 'Hana', 'Ivan', 'Jo', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya'];

const int = (lo: number, hi: number) => (r: Rng) => String(r.int(lo, hi));
const money = (lo: number, hi: number) => (r: Rng) => (r.int(lo * 100, hi * 100) / 100).toFixed(2);
const one = (xs: readonly string[]) => (r: Rng) => r.pick(xs);
const date = (r: Rng) => isoDate(r.int(0, 364));
const month = (r: Rng) => isoDate(r.int(0, 11) * 30 + 1).slice(0, 7);

const TABLES: readonly Table[] = [
  {
    name: 'orders',
    cols: [['order_id', int(1000, 9999)], ['customer_id', int(1, 400)], ['order_date', date], ['status', one(STATUSES)], ['amount', money(5, 900)]],
    goals: [
      'returns the top 5 customers by total amount in 2026', 'counts orders per status per month',
      'finds customers who ordered in January but not in February', 'computes a 7-day rolling sum of amount',
      'shows the share of refunded orders per month', 'finds each customer’s first order date',
      'lists days where revenue was above the monthly average',
    ],
    groups: ['status', 'customer_id'],
    measures: ['amount'],
  },
  {
    name: 'employees',
    cols: [['emp_id', int(1, 300)], ['name', one(FIRST)], ['department', one(DEPTS)], ['salary', int(38000, 145000)], ['hire_date', date]],
    goals: [
      'finds the second highest salary in each department', 'lists employees earning more than their department average',
      'counts hires per quarter', 'ranks employees by salary within department', 'finds departments with fewer than 3 people',
    ],
    groups: ['department'],
    measures: ['salary'],
  },
  {
    name: 'sales',
    cols: [['month', month], ['region', one(REGIONS)], ['product', one(PRODUCTS)], ['units', int(0, 500)], ['revenue', money(0, 25000)]],
    goals: [
      'pivots revenue by region with one column per month', 'computes month-over-month growth per product',
      'finds the best-selling product in each region', 'shows cumulative revenue per region', 'flags months where units dropped by more than 20%',
    ],
    groups: ['region', 'product', 'month'],
    measures: ['units', 'revenue'],
  },
  {
    name: 'students',
    cols: [['student_id', int(100, 999)], ['name', one(FIRST)], ['class', one(['A', 'B', 'C'])], ['test1', int(35, 100)], ['test2', int(30, 100)], ['final', int(40, 100)]],
    goals: [
      'computes the average final score per class', 'finds students whose final was lower than both tests',
      'assigns letter grades with a CASE expression', 'lists the top 3 students per class',
    ],
    groups: ['class'],
    measures: ['test1', 'test2', 'final'],
  },
  {
    name: 'sessions',
    cols: [['session_id', int(10000, 99999)], ['user_id', int(1, 2000)], ['started_at', date], ['pages', int(1, 40)], ['duration_s', int(5, 3600)], ['device', one(DEVICES)]],
    goals: [
      'computes daily active users', 'finds users with sessions on 3 consecutive days', 'computes median session duration per device',
      'calculates 30-day retention by signup week', 'finds the bounce rate (sessions with one page) per device',
    ],
    groups: ['device', 'user_id'],
    measures: ['pages', 'duration_s'],
  },
  {
    name: 'customers',
    cols: [['customer_id', int(1, 400)], ['name', one(FIRST)], ['country', one(COUNTRIES)], ['signup_date', date], ['lifetime_value', money(0, 5000)]],
    goals: [
      'counts customers per country', 'finds customers who signed up but never ordered (join with orders)',
      'shows average lifetime value by signup month', 'deduplicates customers with the same name and country',
    ],
    groups: ['country'],
    measures: ['lifetime_value'],
  },
];

/** A small CSV table (header + `rows` rows). */
export function csvTable(r: Rng, t: Table, rows: number): string {
  let s = '';
  for (let i = 0; i < t.cols.length; i++) s += (i ? ',' : '') + (t.cols[i] as Col)[0];
  for (let j = 0; j < rows; j++) {
    s += '\n';
    for (let i = 0; i < t.cols.length; i++) s += (i ? ',' : '') + (t.cols[i] as Col)[1](r);
  }
  return s;
}

export function randomCsv(r: Rng, rows: number): string {
  return csvTable(r, r.pick(TABLES), rows);
}

function schemaLine(t: Table): string {
  let s = t.name + '(';
  for (let i = 0; i < t.cols.length; i++) s += (i ? ', ' : '') + (t.cols[i] as Col)[0];
  return s + ')';
}
const SCHEMAS = TABLES.map(schemaLine);

const DIALECTS = ['Postgres', 'MySQL', 'SQLite', 'BigQuery', 'SQL Server', 'Snowflake'];

const SQL_ASK = bank(['goal', 'schema', 'dialect'], [
  'I have a table {schema}. Write a {dialect} query that {goal}.',
  'SQL help: table is {schema}. I need a query that {goal}.',
  'How do I write a query that {goal}? Schema: {schema}, using {dialect}.',
  'using {dialect}, table {schema} — query that {goal}?',
  'Can you write SQL that {goal}? The table looks like {schema}.',
  'My query is wrong and I am lost. Table {schema}. Goal: a query that {goal}. ({dialect})',
]);

const SHEET_ASK = bank(['goal', 'tool'], [
  'In {tool}, how do I {goal}?',
  '{tool} formula to {goal}?',
  'what formula do I use in {tool} to {goal}',
  'I am not good with spreadsheets. How can I {goal} in {tool}?',
  'Is there a way to {goal} in {tool} without a macro?',
]);
const SHEET_TOOLS = ['Excel', 'Google Sheets', 'LibreOffice Calc', 'Numbers'];
const SHEET_GOALS = [
  'count rows where column B says "Yes"', 'look up a price from another sheet by product code', 'sum sales by month',
  'highlight duplicate values in a column', 'calculate the percentage change between two columns', 'split full names into first and last name',
  'remove blank rows', 'make a pivot table of revenue by region', 'get the last non-empty value in a column',
  'convert text dates like 03/04/2026 into real dates', 'rank values within each group', 'combine two columns with a space in between',
  'show a running total', 'find the most frequent value in a range', 'calculate working days between two dates',
];

const STATS = [
  'What does a p-value of 0.03 actually mean? I keep reading different explanations.',
  'When should I use a t-test versus a Mann-Whitney U test?',
  'What is the difference between standard deviation and standard error?',
  'My regression has R² = 0.{d}. Is that good?',
  'How large does my sample need to be to detect a 5% difference in conversion rate?',
  'Correlation is 0.{d} between the two variables. Can I say one causes the other?',
  'What is a confidence interval, in plain words?',
  'Should I use the mean or the median for house prices?',
  'How do I check if my data is normally distributed?',
  'What is overfitting and how do I spot it?',
  'Which test compares the proportions of three groups?',
  'I ran 20 A/B tests and one was significant. Should I trust it?',
  'What is the difference between a Bayesian and a frequentist interval?',
  'How do I deal with outliers before computing the average?',
];
const STATS_T = bank(['d'], STATS);

const TABLE_ASK = bank(['measure', 'group'], [
  'Here is a small table. What is the average {measure} per {group}?',
  'Can you compute total {measure} by {group} from this data?',
  'What trends do you see in this data? Focus on {measure}.',
  'Which {group} has the highest {measure}? Data below.',
  'Is there anything odd in this data? Especially {measure} by {group}.',
  'Make a short summary of {measure} by {group} for my boss.',
  'I pasted my data below. How should I chart {measure} by {group}?',
]);

const NUM_ASK = [
  'Here are my numbers: ', 'Data: ', 'My measurements are ', 'Values from my experiment: ', 'Test results: ',
];
const NUM_TAIL = [
  '. What are the mean, median and standard deviation?', '. Any outliers?', '. How do I compute the 95% confidence interval for the mean?',
  '. Is the average significantly different from 50?', '. Can you show me how to compute the variance by hand?',
];

export function dataRequest(r: Rng): { text: string; long: boolean } {
  const roll = r.next();
  if (roll < 0.35) {
    const i = r.int(0, TABLES.length - 1);
    const t = TABLES[i] as Table;
    return { text: fill(r.pick(SQL_ASK), r.pick(t.goals), SCHEMAS[i] as string, r.pick(DIALECTS)), long: false };
  }
  if (roll < 0.55) return { text: fill(r.pick(SHEET_ASK), r.pick(SHEET_GOALS), r.pick(SHEET_TOOLS)), long: false };
  if (roll < 0.7) return { text: fill(r.pick(STATS_T), String(r.int(12, 89))), long: false };
  if (roll < 0.92) {
    const t = r.pick(TABLES);
    const q = fill(r.pick(TABLE_ASK), r.pick(t.measures), r.pick(t.groups));
    const csv = csvTable(r, t, r.int(4, 10));
    return { text: r.chance(0.7) ? q + '\n\n' + csv : csv + '\n\n' + q, long: true };
  }
  let nums = String(r.int(10, 99));
  const n = r.int(6, 14);
  for (let i = 1; i < n; i++) nums += ', ' + r.int(10, 99);
  return { text: r.pick(NUM_ASK) + nums + r.pick(NUM_TAIL), long: false };
}

const REPLIES = [
  'Here is a query that does that, with a short explanation.',
  'You can do it with a single formula; here is how it works.',
  'Short answer: it depends on your data, but here is a rule of thumb.',
  'From the table you pasted, here are the numbers and what stands out.',
  'Here is the calculation step by step.',
];

export function createDataQuestion(shared: Rng, _opts: TaskOptions): TaskSource {
  const typoRate = shared.next() * 0.3;
  return {
    next(ctx) {
      const r = ctx.rng;
      const q = dataRequest(r);
      return {
        messages: [user(casual(r, q.text, typoRate))],
        response: r.pick(REPLIES),
        completionTokens: q.long ? tokens(r, 400, 0.5, 120, 1400) : tokens(r, 260, 0.5, 60, 900),
      };
    },
  };
}
