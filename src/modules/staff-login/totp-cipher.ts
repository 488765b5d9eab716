import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { localSecret } from '../../common';
import type { AppConfig } from '../../config';

/** Encrypts TOTP secrets at rest (AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` base64url). */
export class TotpCipher {
  private constructor(private readonly key: Buffer) {}

  /** STAFF_TOTP_KEY, or (not production) a key file under <DATA_DIR>/keys shared by every process. */
  static fromConfig(config: AppConfig): TotpCipher {
    if (config.STAFF_TOTP_KEY) return new TotpCipher(createHash('sha256').update(config.STAFF_TOTP_KEY).digest());
    if (config.NODE_ENV === 'production') throw new Error('STAFF_TOTP_KEY: required when NODE_ENV=production');
    return new TotpCipher(createHash('sha256').update(localSecret(join(config.DATA_DIR, 'keys'), 'totp.key')).digest());
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !body) throw new Error('not a sealed TOTP secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
