import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config';
import { DocumentStorage } from './document-storage.port';
import { loadContent } from './content-rows';

/** The default storage: bytes in PostgreSQL (`bytea`), in the same row and transaction as the digest. */
@Injectable()
export class DatabaseDocumentStorage implements DocumentStorage {
  readonly kind = 'database' as const;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async store(em: EntityManager, sha256: string, bytes: Buffer): Promise<void> {
    await em.query(
      `insert into document_content (sha256, size, storage, content) values ($1, $2, 'database', $3) on conflict (sha256) do nothing`,
      [sha256, bytes.length, bytes],
    );
  }

  load(em: EntityManager, sha256: string): Promise<Buffer> {
    // Content written earlier by the folder adapter stays readable after switching storage.
    return loadContent(em, this.config.documentsDir, sha256);
  }

  async discard(): Promise<void> {
    // The bytes went with the row.
  }
}
