import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WardenError } from '../errors.js';
import { ADMIN_TOKEN_PREFIX, generateAdminToken, parseKeyId } from '../identity/keys.js';

export const ADMIN_TOKEN_FILE = 'admin-token';

export interface AdminToken {
  token: string;
  source: 'env' | 'file' | 'generated';
  /** Where the token lives when it came from (or went to) a file. */
  file?: string;
}

/**
 * The admin token comes from the configured environment variable; failing
 * that, from `<dataDir>/admin-token`, created (mode 0600) on first start. It
 * is never printed: operators read the file.
 */
export function resolveAdminToken(dataDir: string, envName: string, env: NodeJS.ProcessEnv = process.env): AdminToken {
  const fromEnv = env[envName];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < 24) throw new WardenError('WARDEN_ERR_CONFIG', `${envName} must be at least 24 characters long`);
    if (parseKeyId(fromEnv) !== null) throw new WardenError('WARDEN_ERR_CONFIG', `${envName} must not be an API key`);
    return { token: fromEnv, source: 'env' };
  }
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (!token.startsWith(ADMIN_TOKEN_PREFIX)) throw new WardenError('WARDEN_ERR_CONFIG', `${file} does not hold a Warden admin token`);
    return { token, source: 'file', file };
  }
  mkdirSync(dataDir, { recursive: true });
  const token = generateAdminToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { token, source: 'generated', file };
}

/** For CLI clients of a local server: the token from the environment or the data dir, if any. */
export function readAdminToken(dataDir: string, envName: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env[envName];
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
