/**
 * Code snippets with realistic bugs and the errors they raise, in several
 * languages, plus "how do I" tasks. Identifiers come from small banks so the
 * same bug reappears with different names. Used by `coding_help` and
 * `power_user`.
 */
import type { Rng } from '../rng.js';
import { bank, casual, fill, tokens, user, type Tpl } from './gen.js';
import type { TaskOptions, TaskSource } from './types.js';

/** [snake_case, camelCase] function names. */
const FNS: readonly (readonly [string, string])[] = [
  ['load_users', 'loadUsers'], ['parse_config', 'parseConfig'], ['compute_total', 'computeTotal'],
  ['fetch_orders', 'fetchOrders'], ['normalize_scores', 'normalizeScores'], ['merge_records', 'mergeRecords'],
  ['get_average', 'getAverage'], ['build_index', 'buildIndex'], ['filter_active', 'filterActive'],
  ['send_report', 'sendReport'], ['calc_discount', 'calcDiscount'], ['sync_inventory', 'syncInventory'],
  ['group_by_month', 'groupByMonth'], ['process_batch', 'processBatch'], ['update_prices', 'updatePrices'],
  ['summarize', 'summarize'], ['handle_upload', 'handleUpload'], ['apply_coupon', 'applyCoupon'],
];

/** [plural, singular, PascalCase singular] nouns. */
const NOUNS: readonly (readonly [string, string, string])[] = [
  ['users', 'user', 'User'], ['orders', 'order', 'Order'], ['items', 'item', 'Item'], ['scores', 'score', 'Score'],
  ['records', 'record', 'Record'], ['events', 'event', 'Event'], ['products', 'product', 'Product'],
  ['invoices', 'invoice', 'Invoice'], ['tickets', 'ticket', 'Ticket'], ['payments', 'payment', 'Payment'],
  ['bookings', 'booking', 'Booking'], ['students', 'student', 'Student'], ['sensors', 'sensor', 'Sensor'],
];

const FIELDS = ['price', 'amount', 'score', 'age', 'total', 'count', 'duration', 'weight', 'quantity', 'rating', 'balance', 'distance'];

interface Snippet {
  lang: string;
  camel: boolean;
  code: Tpl;
  error: Tpl;
  symptom: string;
}

const SLOTS = ['FN', 'NOUN', 'FIELD', 'ITEM', 'CLS'];

function snip(lang: string, camel: boolean, code: string, error: string, symptom: string): Snippet {
  return { lang, camel, code: compileLoose(code), error: compileLoose(error), symptom };
}

function compileLoose(s: string): Tpl {
  return bank(SLOTS, [s], false)[0] as Tpl;
}

const SNIPPETS: readonly Snippet[] = [
  snip('python', false, `def {FN}({NOUN}):
    total = 0
    for {ITEM} in {NOUN}:
        total += {ITEM}["{FIELD}"]
    return total / len({NOUN})`, `ZeroDivisionError: division by zero`, 'it crashes when the list is empty'),
  snip('python', false, `import csv

def {FN}(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return sum(float(r["{FIELD}"]) for r in rows)`, `KeyError: '{FIELD}'`, 'it works on my file but not on the one from the client'),
  snip('python', false, `def {FN}({ITEM}, seen=[]):
    seen.append({ITEM})
    return len(seen)`, `(no error, but the count keeps growing between calls)`, 'the result is wrong on the second call'),
  snip('python', false, `for {ITEM} in {NOUN}:
    if {ITEM}["{FIELD}"] < 0:
        {NOUN}.remove({ITEM})`, `(no error, but some negative {NOUN} are still in the list)`, 'it skips some elements'),
  snip('python', false, `def {FN}({ITEM}):
    return "Total {FIELD}: " + {ITEM}["{FIELD}"]`, `TypeError: can only concatenate str (not "int") to str`, 'I get a TypeError'),
  snip('python', false, `import asyncio

async def {FN}(client, ids):
    results = []
    for i in ids:
        results.append(client.get(f"/{NOUN}/{i}"))
    return results`, `RuntimeWarning: coroutine 'AsyncClient.get' was never awaited`, 'the results are coroutine objects instead of responses'),
  snip('python', false, `df = pd.read_csv("{NOUN}.csv")
subset = df[df["{FIELD}"] > 10]
subset["{FIELD}_scaled"] = subset["{FIELD}"] / 100`, `SettingWithCopyWarning: A value is trying to be set on a copy of a slice from a DataFrame.`, 'pandas keeps warning me'),
  snip('javascript', true, `function {FN}({NOUN}) {
  return {NOUN}.map((x) => x.details.{FIELD} * 2);
}`, `TypeError: Cannot read properties of undefined (reading '{FIELD}')`, 'it fails for some records'),
  snip('javascript', true, `async function {FN}(ids) {
  const out = [];
  ids.forEach(async (id) => {
    const res = await fetch(\`/api/{NOUN}/\${id}\`);
    out.push(await res.json());
  });
  return out;
}`, `(no error, but the returned array is always empty)`, 'the array comes back empty'),
  snip('typescript', true, `interface {CLS} { id: string; {FIELD}?: number }

function {FN}(x: {CLS}): number {
  const v: number = x.{FIELD};
  return v * 1.2;
}`, `error TS2322: Type 'number | undefined' is not assignable to type 'number'.`, 'TypeScript will not compile it'),
  snip('typescript', true, `useEffect(() => {
  setFiltered({NOUN}.filter((x) => x.{FIELD} > 0));
}, [{NOUN}, filtered]);`, `Warning: Maximum update depth exceeded.`, 'my React component re-renders forever'),
  snip('javascript', true, `class {CLS}Store {
  constructor() { this.{NOUN} = []; }
  add({ITEM}) { this.{NOUN}.push({ITEM}); }
  start() { setInterval(function () { this.add({ {FIELD}: 1 }); }, 1000); }
}`, `TypeError: Cannot read properties of undefined (reading 'push')`, 'it breaks inside setInterval'),
  snip('java', true, `public double {FN}(List<{CLS}> {NOUN}) {
    double sum = 0;
    for ({CLS} {ITEM} : {NOUN}) {
        sum += {ITEM}.get{CLS}Info().getValue();
    }
    return sum;
}`, `Exception in thread "main" java.lang.NullPointerException: Cannot invoke "{CLS}Info.getValue()" because the return value of "{CLS}.get{CLS}Info()" is null`, 'I get a NullPointerException'),
  snip('java', true, `for ({CLS} {ITEM} : {NOUN}) {
    if ({ITEM}.get{CLS}Status().equals("inactive")) {
        {NOUN}.remove({ITEM});
    }
}`, `java.util.ConcurrentModificationException
\tat java.base/java.util.ArrayList$Itr.checkForComodification(ArrayList.java:1095)`, 'it throws when I remove elements'),
  snip('java', true, `if ({ITEM}.getType() == "premium") {
    applyDiscount({ITEM});
}`, `(no error, but the discount is never applied)`, 'the if branch never runs'),
  snip('go', true, `func {FN}({NOUN} []{CLS}) map[string]int {
	var counts map[string]int
	for _, {ITEM} := range {NOUN} {
		counts[{ITEM}.Category]++
	}
	return counts
}`, `panic: assignment to entry in nil map`, 'it panics on the first element'),
  snip('go', true, `func {FN}(ch chan {CLS}) {
	results := make(chan int)
	for {ITEM} := range ch {
		results <- {ITEM}.{FIELD}
	}
	close(results)
}`, `fatal error: all goroutines are asleep - deadlock!`, 'the program hangs and then crashes'),
  snip('rust', false, `fn {FN}({NOUN}: &mut Vec<{CLS}>) {
    let first = &{NOUN}[0];
    {NOUN}.push(first.clone());
}`, `error[E0502]: cannot borrow \`*{NOUN}\` as mutable because it is also borrowed as immutable`, 'the borrow checker complains'),
  snip('rust', false, `let {NOUN} = load();
let totals = summarize({NOUN});
println!("{} {NOUN}", {NOUN}.len());`, `error[E0382]: borrow of moved value: \`{NOUN}\``, 'I do not understand the moved value error'),
  snip('csharp', true, `public async void {FN}()
{
    var {NOUN} = await _repo.GetAllAsync();
    foreach (var {ITEM} in {NOUN}) Total += {ITEM}.{FIELD};
}`, `System.NullReferenceException: Object reference not set to an instance of an object.`, 'it crashes randomly and the exception is not caught'),
  snip('sql', false, `SELECT customer_id, {FIELD}, COUNT(*)
FROM {NOUN}
GROUP BY customer_id;`, `ERROR: column "{NOUN}.{FIELD}" must appear in the GROUP BY clause or be used in an aggregate function`, 'Postgres rejects my query'),
  snip('bash', false, `for f in $(ls ~/{NOUN}/*.csv); do
  wc -l $f
done`, `wc: /home/me/{NOUN}/Q1: No such file or directory
wc: report.csv: No such file or directory`, 'it breaks on file names with spaces'),
  snip('cpp', false, `std::vector<int> {NOUN};
{NOUN}.reserve(10);
for (int i = 0; i < 10; ++i) {NOUN}[i] = i * 2;
std::cout << {NOUN}.size() << std::endl;`, `(prints 0, and sometimes Segmentation fault (core dumped))`, 'the size is 0 and it sometimes segfaults'),
];

const BUG_ASK = bank(['lang', 'symptom'], [
  'Why does this {lang} code fail? {symptom}.',
  'what is wrong with my code? {symptom}',
  'I am stuck on this bug ({lang}): {symptom}.',
  '{symptom}. I have been staring at this for an hour.',
  'Can you help me debug this? {symptom}.',
  'this works locally but not in CI — {symptom}',
  'Beginner here. {symptom}. What am I doing wrong?',
  'Any idea why {symptom}? Using {lang}.',
  'Code review request: {symptom}, and I would also like general feedback.',
  'I get this error and I do not understand it. {symptom}.',
  'Help! {symptom}',
  '{lang} question: {symptom}. How do I fix it properly?',
]);

const EXPLAIN_ASK = [
  'Can you explain what this code does, line by line?',
  'what does this do?',
  'I found this in our codebase. Is it doing what the name says?',
  'Explain this snippet to me like I am new to the language.',
  'Is there anything wrong with this, or can it be written more cleanly?',
  'How would you refactor this?',
  'What is the time complexity of this?',
  'Can you add comments to this code?',
];

const PLANGS = ['Python', 'JavaScript', 'TypeScript', 'Java', 'Go', 'Rust', 'C#', 'C++', 'Kotlin', 'Ruby', 'PHP', 'Swift', 'Bash'];

const HOW_ASK = bank(['task', 'lang'], [
  'How do I {task} in {lang}?',
  'what is the idiomatic way to {task} in {lang}',
  '{lang}: best way to {task}?',
  'Is there a built-in way to {task} in {lang}, or do I need a library?',
  'Quick {lang} question — how can I {task}?',
  'How would you {task} in {lang}? Show a short example.',
  'I need to {task}. We use {lang}. What is the cleanest approach?',
  'in {lang} how to {task}',
]);

const TASKS = [
  'read a CSV file', 'sort a list of objects by a field', 'make an HTTP request with a timeout', 'parse JSON from a file',
  'run two tasks in parallel', 'remove duplicates from a list while keeping order', 'format a date as ISO 8601',
  'write a unit test for a function that calls an API', 'read environment variables with defaults', 'debounce a function',
  'connect to Postgres', 'hash a password securely', 'paginate query results', 'retry a request with exponential backoff',
  'deep copy an object', 'check if a file exists', 'convert a string to a number safely', 'handle Ctrl+C gracefully',
  'write logs to a file with rotation', 'stream a large file line by line', 'measure how long a function takes',
  'validate an email address', 'generate a random UUID', 'merge two dictionaries', 'read a file into a string',
  'spawn a child process and capture its output', 'cache the results of a slow function', 'flatten a nested list',
  'compare two dates ignoring the time', 'serve static files', 'limit concurrency to 5 requests at a time',
];

const MISC = [
  'How do I undo my last git commit but keep the changes?',
  'git says "Your branch and origin/main have diverged". What should I do?',
  'What is the difference between a process and a thread?',
  'When should I use a message queue instead of direct HTTP calls?',
  'Docker build is super slow every time. How do I make layer caching work?',
  'What does "idempotent" mean for an API endpoint?',
  'Should I use REST or GraphQL for a small internal tool?',
  'How do I squash the last 3 commits into one?',
  'What is the difference between == and === in JavaScript?',
  'npm install fails with ERESOLVE unable to resolve dependency tree. What does it mean?',
  'How do I set up a Python virtual environment properly?',
  'What is a race condition? Give a simple example.',
  'When is it worth adding an index to a database column?',
  'How do environment variables get into a Docker container?',
  'Why is my regex so slow on long strings?',
  'Explain Big-O notation with examples.',
  'What is dependency injection and why do people like it?',
  'How do I write a good commit message?',
];

export interface CodeRequest {
  text: string;
  long: boolean;
}

function snippetCode(r: Rng, s: Snippet): { code: string; error: string } {
  const fn = r.pick(FNS);
  const noun = r.pick(NOUNS);
  const field = r.pick(FIELDS);
  const name = s.camel ? fn[1] : fn[0];
  return {
    code: fill(s.code, name, noun[0], field, noun[1], noun[2]),
    error: fill(s.error, name, noun[0], field, noun[1], noun[2]),
  };
}

/** One coding question: a bug with code and error, a how-to, an explain-this, or a general question. */
export function codeRequest(r: Rng): CodeRequest {
  const roll = r.next();
  if (roll < 0.45) {
    const s = r.pick(SNIPPETS);
    const { code, error } = snippetCode(r, s);
    const ask = fill(r.pick(BUG_ASK), s.lang, s.symptom);
    const fence = r.chance(0.8) ? '```' + s.lang + '\n' + code + '\n```' : code;
    const err = r.chance(0.5) ? '\n\nError:\n' + error : '\n\n' + error;
    return { text: r.chance(0.5) ? ask + '\n\n' + fence + err : fence + err + '\n\n' + ask, long: true };
  }
  if (roll < 0.7) return { text: fill(r.pick(HOW_ASK), r.pick(TASKS), r.pick(PLANGS)), long: false };
  if (roll < 0.88) {
    const s = r.pick(SNIPPETS);
    const { code } = snippetCode(r, s);
    return { text: r.pick(EXPLAIN_ASK) + '\n\n```' + s.lang + '\n' + code + '\n```', long: false };
  }
  return { text: r.pick(MISC), long: false };
}

export const CODE_REPLIES = [
  'The problem is in the loop: here is a fixed version and why it works.',
  'This happens because the value can be undefined at that point; guard it like this.',
  'Here is an idiomatic way to do it, with a short example.',
  'Good catch — the fix is small. See the corrected snippet below.',
  'Line by line, this is what the code does.',
  'You can do this with the standard library; here is how.',
];

export function createCodingHelp(shared: Rng, _opts: TaskOptions): TaskSource {
  const typoRate = shared.next() * 0.3;
  return {
    next(ctx) {
      const r = ctx.rng;
      const q = codeRequest(r);
      return {
        messages: [user(casual(r, q.text, typoRate))],
        response: r.pick(CODE_REPLIES),
        completionTokens: q.long ? tokens(r, 450, 0.5, 120, 1600) : tokens(r, 320, 0.5, 80, 1200),
      };
    },
  };
}
