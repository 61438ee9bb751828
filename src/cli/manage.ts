import { Command, InvalidArgumentError, Option } from 'commander';
import { KYC_LEVELS, OUTPUT_MODES, TIERS, type OutputMode, type Tier } from '../identity/types.js';
import type { UpdateAccountInput } from '../identity/validation.js';
import type { Management } from './management.js';
import { printRecord, printRows } from './output.js';
import { openManagement, type TargetOptions } from './target.js';

type Common = TargetOptions & { json?: boolean };

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

/** Adds the flags that pick where a management command acts. */
function withTarget(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'config file (YAML)')
    .option('--data <dir>', 'data directory')
    .option('--storage <url>', 'storage: sqlite:<path> or postgres://…')
    .option('--url <url>', 'act through a running server’s admin API instead of the store')
    .option('--admin-token <token>', 'admin token for --url (default: $WARDEN_ADMIN_TOKEN or <data>/admin-token)')
    .option('--json', 'machine-readable output');
}

async function run(opts: Common, action: (m: Management) => Promise<void>): Promise<void> {
  const m = await openManagement(opts);
  try {
    await action(m);
  } finally {
    await m.close();
  }
}

const ACCOUNT_COLUMNS = ['id', 'name', 'org', 'tier', 'kyc', 'country', 'status', 'outputMode', 'createdAt'];
const KEY_COLUMNS = ['id', 'name', 'status', 'createdAt', 'expiresAt', 'lastUsedAt', 'rotatedFrom'];

export function orgsCommand(): Command {
  const orgs = new Command('orgs').description('manage organisations');
  withTarget(orgs.command('create').description('create an org'))
    .requiredOption('--name <name>', 'display name')
    .option('--id <id>', 'org id (default: generated)')
    .addOption(new Option('--tier <tier>', 'default tier of its accounts').choices(TIERS))
    .action((o: Common & { name: string; id?: string; tier?: Tier }) =>
      run(o, async (m) => printRecord(await m.createOrg({ name: o.name, id: o.id, tier: o.tier }), !!o.json)),
    );
  withTarget(orgs.command('list').description('list orgs')).action((o: Common) =>
    run(o, async (m) => printRows(await m.listOrgs(), ['id', 'name', 'tier', 'createdAt'], !!o.json)),
  );
  withTarget(orgs.command('show').description('show one org').argument('<id>')).action((id: string, o: Common) =>
    run(o, async (m) => printRecord(await m.getOrg(id), !!o.json)),
  );
  return orgs;
}

interface AccountFlags extends Common {
  id?: string;
  name?: string;
  org?: string;
  tier?: Tier;
  kyc?: (typeof KYC_LEVELS)[number];
  country?: string;
  emailDomain?: string;
  paymentFingerprint?: string;
  signupIp?: string;
  status?: 'active' | 'suspended';
  outputMode?: OutputMode;
}

function accountOptions(cmd: Command): Command {
  return cmd
    .option('--name <name>', 'display name')
    .option('--org <org>', 'org id')
    .addOption(new Option('--tier <tier>', 'tier').choices(TIERS))
    .addOption(new Option('--kyc <level>', 'KYC level').choices(KYC_LEVELS))
    .option('--country <cc>', 'ISO 3166-1 alpha-2 country')
    .option('--email-domain <domain>', 'email domain (not the address)')
    .option('--payment-fingerprint <fp>', 'payment method fingerprint (not the card)')
    .addOption(new Option('--output-mode <mode>', 'degraded: apply output degrade mode to every request (see output.degrade)').choices(OUTPUT_MODES));
}

export function accountsCommand(): Command {
  const accounts = new Command('accounts').description('manage accounts');
  accountOptions(withTarget(accounts.command('create').description('create an account')))
    .option('--id <id>', 'account id (default: generated)')
    .option('--signup-ip <ip>', 'IP address the account signed up from')
    .action((o: AccountFlags) =>
      run(o, async (m) =>
        printRecord(
          await m.createAccount({
            id: o.id,
            name: o.name,
            org: o.org,
            tier: o.tier,
            kyc: o.kyc,
            country: o.country,
            emailDomain: o.emailDomain,
            paymentFingerprint: o.paymentFingerprint,
            signupIp: o.signupIp,
            outputMode: o.outputMode,
          }),
          !!o.json,
        ),
      ),
    );
  withTarget(accounts.command('list').description('list accounts'))
    .option('--org <org>', 'only this org')
    .addOption(new Option('--tier <tier>', 'only this tier').choices(TIERS))
    .option('--limit <n>', 'at most n accounts', positiveInt, 100)
    .option('--after <id>', 'accounts after this id (pagination)')
    .action((o: Common & { org?: string; tier?: Tier; limit: number; after?: string }) =>
      run(o, async (m) => {
        const filter = { limit: o.limit, ...(o.org ? { orgId: o.org } : {}), ...(o.tier ? { tier: o.tier } : {}), ...(o.after ? { after: o.after } : {}) };
        printRows(await m.listAccounts(filter), ACCOUNT_COLUMNS, !!o.json);
      }),
    );
  withTarget(accounts.command('show').description('show one account').argument('<id>')).action((id: string, o: Common) =>
    run(o, async (m) => printRecord(await m.getAccount(id), !!o.json)),
  );
  accountOptions(withTarget(accounts.command('update').description('change an account').argument('<id>')))
    .addOption(new Option('--status <status>', 'active or suspended').choices(['active', 'suspended']))
    .action((id: string, o: AccountFlags) =>
      run(o, async (m) => {
        const patch: UpdateAccountInput = {};
        if (o.name !== undefined) patch.name = o.name;
        if (o.org !== undefined) patch.org = o.org;
        if (o.tier !== undefined) patch.tier = o.tier;
        if (o.kyc !== undefined) patch.kyc = o.kyc;
        if (o.country !== undefined) patch.country = o.country;
        if (o.emailDomain !== undefined) patch.emailDomain = o.emailDomain;
        if (o.paymentFingerprint !== undefined) patch.paymentFingerprint = o.paymentFingerprint;
        if (o.status !== undefined) patch.status = o.status;
        if (o.outputMode !== undefined) patch.outputMode = o.outputMode;
        printRecord(await m.updateAccount(id, patch), !!o.json);
      }),
    );
  return accounts;
}

export function keysCommand(): Command {
  const keys = new Command('keys').description('manage API keys');
  withTarget(keys.command('create').description('create a key; prints the secret once on stdout'))
    .requiredOption('--account <id>', 'account the key belongs to')
    .option('--name <name>', 'label')
    .option('--expires-in <seconds>', 'lifetime in seconds', positiveInt)
    .action((o: Common & { account: string; name?: string; expiresIn?: number }) =>
      run(o, async (m) => {
        const created = await m.createKey(o.account, { name: o.name, expiresInSeconds: o.expiresIn });
        if (o.json) printRecord({ ...created }, true);
        else {
          process.stdout.write(`${created.secret}\n`);
          process.stderr.write(`created key ${created.key.id} for account ${o.account}; the secret above is shown only once\n`);
        }
      }),
    );
  withTarget(keys.command('list').description('list the keys of an account (never their secrets)'))
    .requiredOption('--account <id>', 'account')
    .action((o: Common & { account: string }) => run(o, async (m) => printRows(await m.listKeys(o.account), KEY_COLUMNS, !!o.json)));
  withTarget(keys.command('show').description('show one key').argument('<id>')).action((id: string, o: Common) =>
    run(o, async (m) => printRecord(await m.getKey(id), !!o.json)),
  );
  withTarget(keys.command('rotate').description('issue a replacement key; the old one keeps working for the overlap').argument('<id>'))
    .option('--overlap <seconds>', 'how long the old key stays valid', nonNegativeInt, 86_400)
    .option('--expires-in <seconds>', 'lifetime of the new key in seconds', positiveInt)
    .action((id: string, o: Common & { overlap: number; expiresIn?: number }) =>
      run(o, async (m) => {
        const rotated = await m.rotateKey(id, { overlapSeconds: o.overlap, expiresInSeconds: o.expiresIn });
        if (o.json) printRecord({ ...rotated }, true);
        else {
          process.stdout.write(`${rotated.secret}\n`);
          process.stderr.write(`rotated ${id} -> ${rotated.key.id}; ${id} stops working at ${rotated.previous.expiresAt}\n`);
        }
      }),
    );
  withTarget(keys.command('revoke').description('revoke a key at once').argument('<id>')).action((id: string, o: Common) =>
    run(o, async (m) => printRecord(await m.revokeKey(id), !!o.json)),
  );
  return keys;
}

export function usageCommand(): Command {
  const usage = new Command('usage').description('current usage and remaining quota');
  withTarget(usage.command('show').description('usage of an account, its org and its keys'))
    .requiredOption('--account <id>', 'account')
    .action((o: Common & { account: string }) =>
      run(o, async (m) => {
        const report = await m.accountUsage(o.account);
        if (o.json) return printRecord(report, true);
        process.stdout.write(`account ${report.account} (tier ${report.tier}${report.org ? `, org ${report.org}` : ''}), limiter: ${report.backend}\n`);
        printRows(report.limits, ['rule', 'subject', 'limit', 'used', 'remaining', 'resetMs'], false);
      }),
    );
  return usage;
}
