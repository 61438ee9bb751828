/**
 * `agentic_trace` (extraction campaign): harvesting tool-use behaviour. The
 * campaign fixes a tool set and agent system prompt from `shared`; each
 * request is a computer-use or repository task with the trace so far — the
 * assistant's tool calls (JSON arguments) and the tools' results — ending on a
 * tool result or a new user instruction.
 */
import { Rng } from '../rng.js';
import { assistant, callMsg, isoDate, sample, toolCall, toolMsg, tokens, user } from './gen.js';
import { def } from './tooldef.js';
import type { ChatMessage, TaskOptions, TaskSource, ToolCall, ToolDef } from './types.js';

const TOOLS: Record<string, ToolDef> = {
  bash: def('bash', 'Run a shell command and return stdout and stderr.', { command: ['string', 'The command to run'] }, ['command']),
  read_file: def('read_file', 'Read a text file.', { path: ['string', 'File path'] }, ['path']),
  write_file: def('write_file', 'Write a text file, replacing its content.', { path: ['string', 'File path'], content: ['string', 'New content'] }, ['path', 'content']),
  run_tests: def('run_tests', 'Run the project test suite.', { path: ['string', 'Optional test path'] }),
  list_files: def('list_files', 'List files in a directory.', { path: ['string', 'Directory'] }, ['path']),
  browser_navigate: def('browser_navigate', 'Open a URL in the browser.', { url: ['string', 'URL'] }, ['url']),
  click: def('click', 'Click an element on the page.', { selector: ['string', 'CSS selector or visible text'] }, ['selector']),
  type_text: def('type_text', 'Type text into the focused or selected element.', { selector: ['string', 'Target element'], text: ['string', 'Text to type'] }, ['text']),
  screenshot: def('screenshot', 'Take a screenshot of the current screen.', {}),
  scroll: def('scroll', 'Scroll the page.', { direction: ['string', 'up or down'], amount: ['integer', 'Pixels'] }, ['direction']),
  key_press: def('key_press', 'Press a key combination.', { keys: ['string', 'e.g. ctrl+s'] }, ['keys']),
  search_web: def('search_web', 'Search the web.', { query: ['string', 'Query'] }, ['query']),
  http_request: def('http_request', 'Make an HTTP request.', { method: ['string', 'GET or POST'], url: ['string', 'URL'] }, ['method', 'url']),
  python_exec: def('python_exec', 'Execute Python code and return the output.', { code: ['string', 'Python source'] }, ['code']),
};

const UI_CORE = ['browser_navigate', 'click', 'type_text', 'screenshot'];
const DEV_CORE = ['bash', 'read_file', 'write_file', 'run_tests'];
const EXTRAS = ['list_files', 'scroll', 'key_press', 'search_web', 'http_request', 'python_exec'];

const SYSTEMS = [
  'You are an autonomous agent that completes tasks on a computer. Use the tools to act; think about each step; verify results before reporting completion.',
  'You are a helpful assistant with access to a computer. Complete the user’s task end to end using the available tools. Prefer small, verifiable steps.',
  'You operate a Linux workstation with a browser. Carry out the task, call one tool at a time, and summarize what you did when finished.',
  'Agent mode. You can run commands, edit files and control a browser. Do not ask for confirmation unless an action is irreversible.',
];

const APPS = [
  ['https://app.example.com/settings', 'Settings – Example App'], ['https://crm.example.org/admin', 'Admin – Example CRM'],
  ['https://portal.example.net/account', 'Account – Example Portal'], ['https://mail.example.com/preferences', 'Preferences – Example Mail'],
  ['https://shop.example.com/dashboard', 'Dashboard – Example Shop'],
] as const;
const LANGUAGES = ['French', 'German', 'Spanish', 'Japanese', 'Portuguese', 'Italian', 'Dutch', 'Korean', 'Polish'];
const REPOS = ['invoice-service', 'weather-cli', 'todo-api', 'image-resizer', 'budget-tracker', 'docs-site', 'chat-bot', 'etl-jobs', 'pdf-tools', 'auth-service', 'scheduler', 'metrics-exporter'];
const FILES = ['src/parser.py', 'src/utils/dates.ts', 'lib/client.js', 'app/models.py', 'src/main.rs', 'internal/api/handler.go', 'src/config.ts'];
const TESTS = ['tests/test_parser.py::test_empty_input', 'test/dates.test.ts > parses offsets', 'tests/test_models.py::test_total', 'api_test.go:TestHandleCreate'];
const FORM_NAMES = ['Alex Example', 'Sam Sample', 'Robin Test'];

interface Ctx {
  url: string;
  title: string;
  repo: string;
  file: string;
  test: string;
  text: string;
}

type Step = (r: Rng, c: Ctx) => readonly [tool: string, args: Record<string, unknown>, result: string];

/** Step generators; each returns the tool it calls as its first element. */
const STEP: Record<string, Step> = {
  navigate: (r, c) => ['browser_navigate', { url: c.url }, 'Navigated to ' + c.url + ' (title: "' + c.title + '", status 200, ' + r.int(300, 1900) + ' ms)'],
  look: (r) => ['screenshot', {}, '[screenshot ' + r.pick(['1280x800', '1440x900', '1920x1080']) + '] Visible: top bar with logo and avatar; left sidebar: General, Language & Region, Notifications, Security, Billing; main panel shows a form with a "Save changes" button at (' + r.int(900, 1200) + ', ' + r.int(600, 760) + ').'],
  clickMenu: (r) => {
    const item = r.pick(['Language & Region', 'Security', 'Billing', 'Notifications', 'Export']);
    return ['click', { selector: 'text=' + item }, 'Clicked "' + item + '". Page updated (' + r.int(80, 600) + ' ms).'];
  },
  type: (r, c) => ['type_text', { selector: r.pick(['#search', 'input[name=value]', '#language-select', 'textarea#message']), text: c.text }, 'Typed ' + c.text.length + ' characters.'],
  save: (r) => ['click', { selector: r.pick(['button:has-text("Save changes")', '#save', 'text=Save', 'button[type=submit]']) }, r.pick(['Clicked. Toast: "Settings saved".', 'Clicked. Form submitted, redirected to /confirmation.', 'Clicked. Validation error: "This field is required" under Email.'])],
  scroll: (r) => ['scroll', { direction: 'down', amount: r.pick([400, 600, 800]) }, 'Scrolled down. New elements visible: table "Recent activity" with 10 rows, pagination 1 2 3 Next.'],
  keys: (r) => ['key_press', { keys: r.pick(['ctrl+s', 'Enter', 'Tab', 'ctrl+f']) }, 'OK'],
  search: (r, c) => ['search_web', { query: c.title.split(' – ')[1] + ' ' + r.pick(['change language setting', 'export data csv', 'enable two-factor', 'api rate limits']) }, '1. Help Center – How to change your settings (https://help.example.com/articles/' + r.int(100, 999) + ')\n2. Community thread: setting not saved (https://forum.example.org/t/' + r.int(1000, 9999) + ')\n3. Release notes ' + isoDate(r.int(0, 300))],
  http: (r, c) => ['http_request', { method: 'GET', url: c.url.split('/').slice(0, 3).join('/') + '/api/v1/status' }, '{"status":"ok","version":"' + r.int(1, 5) + '.' + r.int(0, 20) + '.' + r.int(0, 9) + '"}'],
  ls: (r, c) => ['bash', { command: r.pick(['ls -la', 'git status', 'git log --oneline -5', 'cat package.json | head -20']) + ' # in ~/work/' + c.repo }, r.pick(['total 48\ndrwxr-xr-x  src\ndrwxr-xr-x  tests\n-rw-r--r--  README.md\n-rw-r--r--  pyproject.toml', 'On branch main\nChanges not staged for commit:\n  modified:   ' + c.file, 'a1b2c3d Fix typo\n9f8e7d6 Add CSV export\n5c4b3a2 Bump deps\n1a2b3c4 Initial commit'])],
  listFiles: (_r, c) => ['list_files', { path: '~/work/' + c.repo }, 'src/\ntests/\nREADME.md\n' + c.file + '\nMakefile'],
  testsFail: (r, c) => ['run_tests', {}, 'FAILED ' + c.test + '\n  AssertionError: expected ' + r.int(0, 99) + ', got ' + r.int(100, 199) + '\n' + r.int(10, 80) + ' passed, 1 failed in ' + (r.int(5, 90) / 10).toFixed(1) + 's'],
  read: (r, c) => ['read_file', { path: c.file }, r.pick(['def parse(line):\n    parts = line.split(",")\n    return {"id": int(parts[0]), "amount": float(parts[1])}\n', 'export function parseDate(s: string): Date {\n  const [d, t] = s.split("T");\n  return new Date(d + "T" + t.slice(0, 8) + "Z");\n}\n', 'func Handle(w http.ResponseWriter, r *http.Request) {\n\tvar in Input\n\tjson.NewDecoder(r.Body).Decode(&in)\n\tstore.Save(in)\n}\n'])],
  write: (r, c) => ['write_file', { path: c.file, content: r.pick(['def parse(line):\n    parts = line.strip().split(",")\n    if len(parts) < 2:\n        raise ValueError("bad line")\n    return {"id": int(parts[0]), "amount": float(parts[1])}\n', 'export function parseDate(s: string): Date {\n  return new Date(s);\n}\n']) }, 'Wrote ' + r.int(120, 900) + ' bytes to ' + c.file],
  testsPass: (r) => ['run_tests', {}, r.int(10, 80) + ' passed in ' + (r.int(5, 90) / 10).toFixed(1) + 's'],
  py: (r) => ['python_exec', { code: r.pick(['import csv\nrows = list(csv.reader(open("data.csv")))\nprint(len(rows))', 'print(sum(range(' + r.int(10, 99) + ')))']) }, String(r.int(10, 5000))],
  diff: (r, c) => ['bash', { command: 'git diff --stat' }, ' ' + c.file + ' | ' + r.int(2, 30) + ' ' + '++++--\n 1 file changed, ' + r.int(1, 20) + ' insertions(+), ' + r.int(1, 9) + ' deletions(-)'],
};

const PROBE: Ctx = { url: 'https://app.example.com/x', title: 'x – y', repo: 'r', file: 'f', test: 't', text: 'x' };

/** The tool each step calls (probed once at load with a throwaway generator). */
const STEP_TOOL: Record<string, string> = {};
{
  const probe = new Rng(1);
  for (const k of Object.keys(STEP)) STEP_TOOL[k] = STEP[k]!(probe, PROBE)[0];
}

interface Task {
  kind: 'ui' | 'dev';
  text: (r: Rng, c: Ctx) => string;
  script: readonly string[];
}

const TASKS: readonly Task[] = [
  { kind: 'ui', text: (r, c) => 'Open ' + c.url + ' and change the default language to ' + r.pick(LANGUAGES) + '.', script: ['navigate', 'look', 'clickMenu', 'type', 'save', 'look'] },
  { kind: 'ui', text: (r) => 'Fill in the contact form on https://www.example.com/contact with name "' + r.pick(FORM_NAMES) + '", email test' + r.int(1, 99) + '@example.com and a short message asking for a demo.', script: ['navigate', 'look', 'type', 'type', 'save', 'look'] },
  { kind: 'ui', text: (_r, c) => 'In ' + c.title.split(' – ')[1] + ', turn on two-factor authentication for my account and tell me the recovery steps shown.', script: ['navigate', 'clickMenu', 'look', 'scroll', 'save', 'look'] },
  { kind: 'ui', text: (r) => 'Find the cheapest ' + r.pick(['USB-C hub', 'desk lamp', 'notebook pack', 'HDMI cable', 'monitor arm', 'webcam', 'label printer', 'ergonomic mouse', '1 TB SSD']) + ' on https://shop.example.com and add it to the cart.', script: ['navigate', 'type', 'keys', 'look', 'scroll', 'save'] },
  { kind: 'ui', text: (_r, c) => 'Export the activity table from ' + c.url + ' as CSV and save it to ~/Downloads.', script: ['navigate', 'look', 'clickMenu', 'save', 'look'] },
  { kind: 'ui', text: (r) => 'Create an event "Quarterly review" on ' + isoDate(r.int(30, 200)) + ' at 10:00 in the web calendar and invite the team list.', script: ['navigate', 'look', 'clickMenu', 'type', 'type', 'save'] },
  { kind: 'dev', text: (_r, c) => 'Fix the failing test in the repo at ~/work/' + c.repo + '. Run the tests to confirm.', script: ['ls', 'testsFail', 'read', 'write', 'testsPass', 'diff'] },
  { kind: 'dev', text: (_r, c) => 'Running the tests in ~/work/' + c.repo + ' gives a failure in ' + c.test + '. Find the root cause and patch it.', script: ['testsFail', 'read', 'write', 'testsPass'] },
  { kind: 'dev', text: (_r, c) => 'Add input validation to ' + c.file + ' in ' + c.repo + ' so malformed lines raise a clear error, then run the tests.', script: ['listFiles', 'read', 'write', 'testsPass', 'diff'] },
  { kind: 'dev', text: (_r, c) => 'Count the rows in data.csv in ~/work/' + c.repo + ' and check that the parser handles all of them.', script: ['ls', 'py', 'read', 'testsPass'] },
  { kind: 'dev', text: (_r, c) => 'Check whether the status endpoint of ' + c.repo + ' is up and what version it runs, then update the README with it.', script: ['http', 'read', 'write', 'diff'] },
  { kind: 'ui', text: (r, c) => 'Change the notification settings at ' + c.url + ' so that only ' + r.pick(['security alerts', 'billing notices', 'weekly summaries', 'mentions']) + ' are sent by email.', script: ['navigate', 'clickMenu', 'look', 'save', 'look'] },
  { kind: 'ui', text: (r, c) => 'Update the billing address in ' + c.title.split(' – ')[1] + ' to ' + r.int(1, 99) + ' Example Street, Example City, and confirm it was saved.', script: ['navigate', 'clickMenu', 'type', 'save', 'look'] },
  { kind: 'dev', text: (_r, c) => 'Run the test suite of ' + c.repo + ' and, if anything fails, fix it and show me the diff.', script: ['testsFail', 'read', 'write', 'testsPass', 'diff'] },
  { kind: 'dev', text: (r, c) => 'Make ' + c.file + ' in ' + c.repo + ' handle ' + r.pick(['empty input', 'Windows line endings', 'unicode names', 'very large files']) + ' and add a test for it.', script: ['listFiles', 'read', 'write', 'testsPass'] },
  { kind: 'ui', text: (_r, c) => 'Look up how to change the language in ' + c.title.split(' – ')[1] + ' and then do it.', script: ['search', 'navigate', 'clickMenu', 'save', 'look'] },
];

const FOLLOWUPS = [
  'Good. Now do the same for the second account.', 'Also take a screenshot of the final state.', 'Great, now commit the change with a clear message.',
  'That did not work, the page still shows the old value. Try again.', 'Please also run the linter.', 'Continue.', 'Now revert that and try a different approach.',
];
const FINALS = ['Done: the setting is saved and verified on the page.', 'The test now passes; the bug was an unhandled empty line.', 'I completed the task and verified the result.'];

export function createAgenticTrace(shared: Rng, _opts: TaskOptions): TaskSource {
  const flavor = shared.int(0, 2); // 0 ui, 1 dev, 2 both
  const names = flavor === 0 ? UI_CORE.slice() : flavor === 1 ? DEV_CORE.slice() : UI_CORE.concat(DEV_CORE);
  for (const x of sample(shared, EXTRAS, shared.int(1, 4))) names.push(x);
  const have = new Set(names);
  const tools = shared.shuffle(names.map((n) => TOOLS[n] as ToolDef));
  const system = shared.pick(SYSTEMS);
  // Each task keeps only the steps whose tool this campaign has.
  const usable: { task: Task; steps: string[] }[] = [];
  for (const t of TASKS) {
    if (flavor !== 2 && (t.kind === 'ui') !== (flavor === 0)) continue;
    const steps = t.script.filter((s) => have.has(STEP_TOOL[s] as string));
    if (steps.length >= 2) usable.push({ task: t, steps });
  }
  return {
    next(ctx) {
      const r = ctx.rng;
      const app = r.pick(APPS);
      const c: Ctx = { url: app[0], title: app[1], repo: r.pick(REPOS), file: r.pick(FILES), test: r.pick(TESTS), text: r.pick(['French', 'example query', 'Hello, I would like a demo of your product next week.', 'Q3 report', 'en-GB']) };
      const { task, steps } = r.pick(usable);
      const messages: ChatMessage[] = [user(task.text(r, c))];
      // How far into the trace this request is: 1..5 steps done.
      const done = r.int(1, Math.min(5, steps.length));
      for (let i = 0; i < done; i++) {
        const [name, args, result] = STEP[steps[i] as string]!(r, c);
        const call: ToolCall = toolCall(r, name, args);
        messages.push(callMsg([call], r.chance(0.3) ? r.pick(['Let me check the current state first.', 'Next, I will open the relevant page.', 'I will run that now.', 'Looking at the file.']) : null));
        messages.push(toolMsg(call, result));
      }
      if (messages.length <= 9 && r.chance(0.25)) {
        messages.push(assistant(r.pick(FINALS)));
        messages.push(user(r.pick(FOLLOWUPS)));
      }
      return { system, messages, tools, response: r.pick(FINALS), completionTokens: tokens(r, 350, 0.6, 60, 1500) };
    },
  };
}
