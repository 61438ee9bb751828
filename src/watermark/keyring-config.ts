import path from 'node:path';
import { WardenError } from '../errors.js';
import type { WatermarkConfig } from './config.js';
import { Keyring } from './keys.js';

export const DEFAULT_KEY_DIR = 'watermark-keys';

export function keyDirOf(cfg: Pick<WatermarkConfig, 'keyDir'>, dataDir: string): string {
  return cfg.keyDir ?? path.join(dataDir, DEFAULT_KEY_DIR);
}

/** The keyring the configuration names: an environment variable's key, or the key directory (created on first start). */
export function openKeyring(cfg: Pick<WatermarkConfig, 'keyDir' | 'keyEnv'>, dataDir: string, env: NodeJS.ProcessEnv, create = true): Keyring {
  if (cfg.keyEnv !== undefined) {
    const hex = env[cfg.keyEnv];
    if (hex === undefined || hex.trim() === '') throw new WardenError('WARDEN_ERR_CONFIG', `watermark.keyEnv names $${cfg.keyEnv}, which is not set`);
    return Keyring.fromHex(hex);
  }
  return Keyring.open(keyDirOf(cfg, dataDir), { create });
}
