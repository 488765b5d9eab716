import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config';
import { DocumentStorage } from './document-storage.port';
import { contentExists, contentPath, loadContent } from './content-rows';

/**
 * Bytes in content-addressed files under DOCUMENTS_DIR. The file is written and flushed before
 * the row is inserted, so a committed row always has its file; a rolled-back transaction may
 * leave a file no row names, which the next store of the same bytes overwrites.
 */
@Injectable()
export class FolderDocumentStorage implements DocumentStorage {
  readonly kind = 'folder' as const;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async store(em: EntityManager, sha256: string, bytes: Buffer): Promise<void> {
    if (await contentExists(em, sha256)) return;
    const target = contentPath(this.config.documentsDir, sha256);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    await em.query(`insert into document_content (sha256, size, storage, content) values ($1, $2, 'folder', null)`, [sha256, bytes.length]);
  }

  load(em: EntityManager, sha256: string): Promise<Buffer> {
    return loadContent(em, this.config.documentsDir, sha256);
  }

  async discard(em: EntityManager, sha256: string): Promise<void> {
    if (await contentExists(em, sha256)) return;
    await rm(contentPath(this.config.documentsDir, sha256), { force: true });
  }
}
