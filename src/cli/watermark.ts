import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config/load.js';
import { WardenError } from '../errors.js';
import { IdentityService } from '../identity/service.js';
import { openStore } from '../store/open.js';
import { accountTable, Keyring, type MasterKey } from '../watermark/keys.js';
import { keyDirOf, openKeyring } from '../watermark/keyring-config.js';
import { lexiconFor, type Lexicon } from '../watermark/lexicon.js';
import { markText } from '../watermark/mark.js';
import { decodeTextInput, traceProvenance, traceText, type ProvenanceResult, type TraceResult } from '../watermark/trace.js';
import { AdminClient, type ServerTarget } from './admin-client.js';

interface Common {
  config?: string;
  data?: string;
  storage?: string;
}

/** detect and provenance: what they test, and where (this host's store and keys, or a running server with --url). */
interface TraceOptions extends Common, ServerTarget {
  account?: string;
  alpha: number;
  json?: boolean;
}

function probability(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n >= 1) throw new InvalidArgumentError('must be a probability between 0 and 1');
  return n;
}

function common(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'config file (YAML or JSON)')
    .option('--data <dir>', 'data directory (default ./data)')
    .option('--storage <url>', 'identity store: sqlite:<path> or postgres://…');
}

/** The options detect and provenance share: which accounts, the output, and where the test runs. */
function traced(cmd: Command, route: 'detect' | 'provenance'): Command {
  return common(cmd)
    .option('--account <id>', 'test only this account')
    .option('--json', 'machine-readable output')
    .option('--url <url>', `ask a running server (POST /admin/watermark/${route}) instead of opening the store and key files`)
    .option('--admin-token <token>', 'admin token for --url (default: $WARDEN_ADMIN_TOKEN or <data>/admin-token)');
}

function configOf(o: Common) {
  return loadConfig(o.config, {
    ...(o.data === undefined ? {} : { dataDir: o.data }),
    ...(o.storage === undefined ? {} : { storage: o.storage }),
  });
}

function readInput(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    throw new WardenError('WARDEN_ERR_WATERMARK_INPUT', `cannot read ${file}: ${(err as Error).message}`);
  }
  return decodeTextInput(bytes, file === '-' ? 'stdin' : file);
}

const write = (s: string) => new Promise<void>((resolve) => process.stdout.write(s, () => resolve()));

export function watermarkCommand(): Command {
  const wm = new Command('watermark').description('per-account marks on generated text: trace leaked output, rotate keys');

  traced(wm.command('detect').description('test a text against one account or all accounts; prints the best match with an exact p-value'), 'detect')
    .argument('<file>', 'the suspect text (- for stdin)')
    .option('--alpha <p>', 'significance level for attributing the text', probability, 1e-6)
    .action(async (file: string, o: TraceOptions) => {
      const text = readInput(file);
      const result = await trace<TraceResult>(o, text, 'detect', (accounts, keys, lexicon) => traceText(text, accounts, keys, o.alpha, lexicon));
      if (o.json) return write(`${JSON.stringify(result, null, 2)}\n`);
      const lines = [`${result.words} words, ${result.choices} marked-or-markable choices in ${result.trials} independent contexts; ${result.tested} account key(s) tested`];
      if (!result.best) lines.push('no evidence: the text offers no choices the watermark uses (code, quotations or too short)');
      else {
        const b = result.best;
        lines.push(
          `best match: ${b.account} (key v${b.version}): ${Number.isInteger(b.score.score) ? b.score.score : b.score.score.toFixed(1)} of ${b.score.trials} contexts agree (${b.score.expected.toFixed(1)} expected by chance)`,
          `p = ${b.score.p.toExponential(2)} (${b.score.method}), ${result.tested > 1 ? `corrected for ${result.tested} tests: ${b.pAdjusted.toExponential(2)}` : 'one test'}`,
          result.attributed ? `ATTRIBUTED to ${b.account} at alpha ${o.alpha}` : `not attributed at alpha ${o.alpha}`,
        );
        const others = result.matches.slice(1);
        if (others.length > 0) lines.push(`also attributed (a text gathered through several accounts): ${others.map((m) => `${m.account} (p ${m.pAdjusted.toExponential(1)})`).join(', ')}`);
      }
      await write(`${lines.join('\n')}\n`);
    });

  traced(
    wm
      .command('provenance')
      .description('test text a suspect model generated: was the model trained on replies marked for one of the accounts? (needs megabytes of its output)'),
    'provenance',
  )
    .argument('<file>', "the suspect model's output (- for stdin)")
    .option('--alpha <p>', 'significance level for a finding', probability, 1e-6)
    .action(async (file: string, o: TraceOptions) => {
      const text = readInput(file);
      const result = await trace<ProvenanceResult>(o, text, 'provenance', (accounts, keys, lexicon) => traceProvenance(text, accounts, keys, o.alpha, lexicon));
      if (o.json) return write(`${JSON.stringify(result, null, 2)}\n`);
      const lines = [`${result.choices} choices in ${result.trials} contexts; ${result.tested} account key(s) tested`];
      if (!result.best) lines.push('no evidence: the text offers no choices the watermark uses');
      else {
        const b = result.best;
        lines.push(
          `strongest lean: ${b.account} (key v${b.version}): ${b.score.score.toFixed(1)} above the model's own habits`,
          `p ≤ ${b.score.p.toExponential(2)} (Chernoff bound), ${result.tested > 1 ? `corrected for ${result.tested} tests: ${b.pAdjusted.toExponential(2)}` : 'one test'}`,
          result.detected ? `DETECTED: the model learned from replies marked for ${b.account} (alpha ${o.alpha})` : `not detected at alpha ${o.alpha}`,
        );
      }
      await write(`${lines.join('\n')}\n`);
    });

  common(wm.command('mark').description('mark a text as the gateway would for an account (to check what a reply looks like)'))
    .argument('<file>', 'the text (- for stdin)')
    .requiredOption('--account <id>', 'the account')
    .action(async (file: string, o: Common & { account: string }) => {
      const text = readInput(file);
      const cfg = configOf(o);
      const keyring = openKeyring(cfg.watermark, cfg.dataDir, process.env, false);
      const marked = markText(text, accountTable(keyring.current, o.account), lexiconFor(cfg.watermark));
      await write(marked.text);
      process.stderr.write(`${marked.words} words, ${marked.altered} changed, ${marked.restyled} restyled (key v${keyring.current.version})\n`);
    });

  common(wm.command('rotate').description('add a new master key version; gateways mark with it after a restart, older versions still trace')).action(async (o: Common) => {
    const cfg = configOf(o);
    if (cfg.watermark.keyEnv !== undefined) throw new WardenError('WARDEN_ERR_CONFIG', `the watermark key comes from $${cfg.watermark.keyEnv}: rotate it where that secret is managed`);
    const version = Keyring.rotate(keyDirOf(cfg.watermark, cfg.dataDir));
    await write(`watermark key v${version} created in ${keyDirOf(cfg.watermark, cfg.dataDir)}; restart gateways to mark with it\n`);
  });

  return wm;
}

/**
 * Runs a test against --account, or every account of the identity store, under
 * every key version; with --url (or $WARDEN_URL), the server runs it.
 */
async function trace<R>(
  o: TraceOptions,
  text: string,
  route: 'detect' | 'provenance',
  test: (accounts: AsyncIterable<string> | Iterable<string>, keys: readonly MasterKey[], lexicon: Lexicon) => Promise<R>,
): Promise<R> {
  const client = AdminClient.fromTarget(o);
  if (client) return client.json<R>('POST', `/watermark/${route}`, { text, alpha: o.alpha, ...(o.account === undefined ? {} : { account: o.account }) });
  const cfg = configOf(o);
  const keyring = openKeyring(cfg.watermark, cfg.dataDir, process.env, false);
  const lexicon = lexiconFor(cfg.watermark);
  if (o.account !== undefined) return test([o.account], keyring.keys, lexicon);
  const store = await openStore(cfg.storage);
  try {
    return await test(new IdentityService(store).accountIds(), keyring.keys, lexicon);
  } finally {
    await store.close();
  }
}
