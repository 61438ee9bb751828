import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WardenError } from '../errors.js';
import { readSecretFile, writeSecretOnce } from '../util/secret-file.js';

export const SIGNING_KEY_FILE = 'audit-signing-key.pem';
export const PUBLIC_KEY_FILE = 'audit-signing-key.pub.pem';
export const HMAC_KEY_FILE = 'audit-hmac-key';

function writeSecret(file: string, content: string): void {
  writeSecretOnce(file, content, 'WARDEN_ERR_AUDIT_KEY');
}

function readFile(file: string): string {
  return readSecretFile(file, 'WARDEN_ERR_AUDIT_KEY');
}

export interface SigningKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

/** The Ed25519 key that signs tree heads: `<dataDir>/audit-signing-key.pem` (0600), generated on first use. */
export function loadOrCreateSigningKey(dataDir: string): SigningKeys {
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeSecret(file, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFile(file));
  } catch (err) {
    if (err instanceof WardenError) throw err;
    throw new WardenError('WARDEN_ERR_AUDIT_KEY', `${file} does not hold a PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new WardenError('WARDEN_ERR_AUDIT_KEY', `${file} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  // The public half is for sharing; kept next to the key so operators can hand it out.
  const pubFile = path.join(dataDir, PUBLIC_KEY_FILE);
  if (!existsSync(pubFile) || readFileSync(pubFile, 'utf8') !== publicKeyPem) writeFileSync(pubFile, publicKeyPem, { mode: 0o644 });
  return { privateKey, publicKey, publicKeyPem };
}

/** Only the public key, for verifying without the secret (a read-only data dir, an auditor's copy). */
export function loadPublicKey(dataDir: string): KeyObject | undefined {
  const priv = path.join(dataDir, SIGNING_KEY_FILE);
  if (existsSync(priv)) return loadOrCreateSigningKey(dataDir).publicKey;
  const pub = path.join(dataDir, PUBLIC_KEY_FILE);
  return existsSync(pub) ? createPublicKey(readFile(pub)) : undefined;
}

/** The key of the prompt HMAC: `<dataDir>/audit-hmac-key` (0600), 32 random bytes. */
export function loadOrCreateHmacKey(dataDir: string): Buffer {
  const file = path.join(dataDir, HMAC_KEY_FILE);
  if (!existsSync(file)) writeSecret(file, `${randomBytes(32).toString('hex')}\n`);
  const key = Buffer.from(readFile(file).trim(), 'hex');
  if (key.length < 16) throw new WardenError('WARDEN_ERR_AUDIT_KEY', `${file} does not hold a hex key of at least 16 bytes`);
  return key;
}
