import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WardenError, type ErrorCode } from '../errors.js';

/**
 * Creates a secret file once with mode 0600 and never rewrites it: the file is
 * the key's only copy. Written under a temporary name and linked into place,
 * so a process starting at the same moment sees either no file or the whole
 * key, never a half-written one. Returns false when another process put its
 * file in place first (theirs is used).
 */
export function writeSecretOnce(file: string, content: string, code: ErrorCode): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new WardenError(code, `cannot write ${file}: ${(err as Error).message}`);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // Never created.
    }
  }
}

export function readSecretFile(file: string, code: ErrorCode): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new WardenError(code, `cannot read ${file}: ${(err as Error).message}`);
  }
}
