import { Command, InvalidArgumentError, Option } from 'commander';
import { parseAuditQuery } from '../audit/query.js';
import { AuditTrail } from '../audit/trail.js';
import { loadConfig } from '../config/load.js';
import { WardenError } from '../errors.js';
import { AdminClient } from './admin-client.js';
import { DirectAuditSource, HttpAuditSource, type AuditSource } from './audit-source.js';
import { printRecord, printRows } from './output.js';

interface Common {
  config?: string;
  data?: string;
  storage?: string;
  url?: string;
  adminToken?: string;
  json?: boolean;
}

function nonNegativeInt(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a non-negative integer');
  return Number(v);
}

function withStore(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'config file (YAML)')
    .option('--data <dir>', 'data directory (holds the signing key)')
    .option('--storage <url>', 'identity storage; the audit log follows it unless audit.storage is set')
    .option('--url <url>', 'ask a running server’s admin API instead of opening the store (sees what it has committed)')
    .option('--admin-token <token>', 'admin token for --url (default: $WARDEN_ADMIN_TOKEN or <data>/admin-token)')
    .option('--json', 'machine-readable output');
}

/**
 * With --url, a running server's admin API; otherwise the configured audit
 * store, opened directly (read side; heads are signed with the data dir's key).
 */
async function withTrail(o: Common, fn: (t: AuditSource) => Promise<void>): Promise<void> {
  const client = AdminClient.fromTarget(o);
  let source: AuditSource;
  if (client) source = new HttpAuditSource(client);
  else {
    const cfg = loadConfig(o.config, { ...(o.data === undefined ? {} : { dataDir: o.data }), ...(o.storage === undefined ? {} : { storage: o.storage }) });
    source = new DirectAuditSource(await AuditTrail.openReader(cfg.auditStorage, cfg.dataDir, cfg.audit));
  }
  try {
    await fn(source);
  } finally {
    await source.close();
  }
}

const write = (s: string) =>
  new Promise<void>((resolve) => {
    if (process.stdout.write(s)) resolve();
    else process.stdout.once('drain', resolve);
  });

interface Filters extends Common {
  account?: string;
  org?: string;
  ip?: string;
  since?: string;
  until?: string;
  action?: string;
  kind?: string;
  limit?: string;
  after?: string;
}

function filterOptions(cmd: Command): Command {
  return cmd
    .option('--account <id>', 'one account')
    .option('--org <id>', 'one org')
    .option('--ip <cidr>', 'an address or CIDR block')
    .option('--since <time>', 'from (ISO 8601 or epoch ms)')
    .option('--until <time>', 'until, exclusive')
    .option('--action <action>', 'engine action (block, throttle, …) or admin action (key.revoke, …)')
    .addOption(new Option('--kind <kind>', 'request or admin entries').choices(['request', 'admission', 'admin']));
}

function queryOf(o: Filters) {
  const raw: Record<string, string> = {};
  for (const k of ['account', 'org', 'ip', 'since', 'until', 'action', 'kind', 'limit', 'after'] as const) {
    const v = o[k];
    if (v !== undefined) raw[k] = v;
  }
  return parseAuditQuery(raw);
}

export function auditCommand(): Command {
  const audit = new Command('audit').description('the tamper-evident audit trail: verify, prove, query, report');

  withStore(audit.command('verify').description('recompute the tree from storage and check every entry, node and signed head'))
    .option('--from-size <n>', 'start at this size (trusting the stored tree below it as far as a signed head vouches for it)', nonNegativeInt)
    .action((o: Common & { fromSize?: number }) =>
      withTrail(o, async (t) => {
        const r = await t.verify(o.fromSize ?? 0);
        if (o.json) await write(`${JSON.stringify(r, null, 2)}\n`);
        else {
          await write(`${r.ok ? 'OK' : 'FAILED'}: ${r.entriesChecked} entries from size ${r.fromSize} (log size ${r.size}), ${r.headsChecked} signed heads, ${r.redactedPayloads} redacted payloads, ${r.truncatedIps} truncated IPs, ${r.durationMs} ms\n`);
          for (const p of r.problems) await write(`  ${p.code}${p.seq !== undefined ? ` entry ${p.seq}` : ''}: ${p.message}\n`);
          if (r.moreProblems > 0) await write(`  … and ${r.moreProblems} more\n`);
        }
        if (!r.ok) throw new WardenError('WARDEN_ERR_AUDIT_VERIFY_FAILED', `audit log verification failed with ${r.problems.length + r.moreProblems} problem(s)`);
      }),
    );

  withStore(audit.command('proof').description('inclusion proof of one entry in a signed tree head'))
    .requiredOption('--entry <id>', 'entry sequence number or request id')
    .option('--size <n>', 'prove against the signed head of this size (default: the latest)', nonNegativeInt)
    .action((o: Common & { entry: string; size?: number }) =>
      withTrail(o, async (t) => {
        const p = await t.inclusionProof(o.entry, o.size);
        if (o.json) return write(`${JSON.stringify(p, null, 2)}\n`);
        await write(`entry ${p.leafIndex} in the tree of size ${p.treeSize} (root ${p.head.root})\nleaf hash ${p.leafHash}\npath:\n${p.path.map((h) => `  ${h}`).join('\n')}\n`);
      }),
    );

  withStore(audit.command('consistency').description('consistency proof between two tree sizes'))
    .requiredOption('--old <n>', 'older size', nonNegativeInt)
    .requiredOption('--new <n>', 'newer size', nonNegativeInt)
    .action((o: Common & { old: number; new: number }) =>
      withTrail(o, async (t) => {
        const p = await t.consistencyProof(o.old, o.new);
        if (o.json) return write(`${JSON.stringify(p, null, 2)}\n`);
        await write(`size ${p.oldSize} (root ${p.oldRoot}${p.oldHead ? ', signed' : ', unsigned'}) → size ${p.newSize} (root ${p.newRoot}${p.newHead ? ', signed' : ', unsigned'})\npath:\n${p.path.map((h) => `  ${h}`).join('\n')}\n`);
      }),
    );

  withStore(audit.command('head').description('the latest signed tree head'))
    .option('--sign', 'sign a new head over the log as stored now')
    .action((o: Common & { sign?: boolean }) =>
      withTrail(o, async (t) => {
        const head = await t.head(!!o.sign);
        if (!head) throw new WardenError('WARDEN_ERR_AUDIT_NOT_FOUND', 'no tree head has been signed yet: run `warden audit head --sign`');
        printRecord(head, !!o.json);
      }),
    );

  withStore(audit.command('public-key').description('print the public key that verifies tree heads (PEM)')).action((o: Common) =>
    withTrail(o, async (t) => write(await t.publicKeyPem())),
  );

  filterOptions(withStore(audit.command('query').description('entries matching the filters, in log order')))
    .option('--limit <n>', 'at most n entries', '100')
    .option('--after <seq>', 'entries after this sequence number')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'jsonl', 'csv']))
    .action((o: Filters & { format?: string }) =>
      withTrail(o, async (t) => {
        const q = queryOf(o);
        const format = o.format ?? (o.json ? 'json' : 'table');
        if (format === 'jsonl' || format === 'csv') {
          for await (const text of t.export(q, format, q.limit ?? 100)) await write(text);
          return;
        }
        const rows = await t.query(q);
        if (format === 'json') return write(`${JSON.stringify(rows, null, 2)}\n`);
        printRows(rows.map((r) => ({ ...r, model: (r.payload as { model?: string } | null)?.model, target: (r.payload as { target?: string } | null)?.target })), ['seq', 'ts', 'kind', 'account', 'org', 'ip', 'action', 'model', 'target', 'ref'], false);
      }),
    );

  filterOptions(withStore(audit.command('export').description('every matching entry as JSONL or CSV (streamed)')))
    .addOption(new Option('--format <format>', 'jsonl or csv').choices(['jsonl', 'csv']).default('jsonl'))
    .action((o: Filters & { format: 'jsonl' | 'csv' }) =>
      withTrail(o, async (t) => {
        for await (const text of t.export(queryOf(o), o.format, Infinity)) await write(text);
      }),
    );

  withStore(audit.command('report').description('usage summary of one account: requests, tokens, models, countries, IPs, actions and reasons over time'))
    .requiredOption('--account <id>', 'account')
    .option('--since <time>', 'from (ISO 8601 or epoch ms)')
    .option('--until <time>', 'until, exclusive')
    .action((o: Filters & { account: string }) =>
      withTrail(o, async (t) => {
        const q = queryOf(o);
        const r = await t.report(o.account, { ...(q.since !== undefined ? { since: q.since } : {}), ...(q.until !== undefined ? { until: q.until } : {}) });
        if (o.json) return write(`${JSON.stringify(r, null, 2)}\n`);
        const top = (m: Record<string, number>) => Object.entries(m).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} (${v})`).join(', ') || '-';
        await write(
          `account ${r.account}${r.org ? ` (org ${r.org})` : ''}: ${r.requests} requests, ${r.tokensIn} tokens in, ${r.tokensOut} out, ${r.firstSeen ?? '-'} .. ${r.lastSeen ?? '-'}\n` +
            `models: ${top(r.models)}\ncountries: ${top(r.countries)}\nips: ${top(r.ips)}\nactions: ${top(r.actions)}\nreasons: ${top(r.reasons)}\n`,
        );
        printRows(r.days.map((d) => ({ ...d, actions: top(d.actions) })), ['day', 'requests', 'tokensIn', 'tokensOut', 'actions'], false);
      }),
    );

  withStore(audit.command('retention').description('apply the configured retention now (truncate old IPs, summarize and delete old payloads)')).action((o: Common) =>
    withTrail(o, async (t) => printRecord(await t.retention(), !!o.json)),
  );
  return audit;
}
