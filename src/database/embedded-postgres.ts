import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * PGlite served on a private unix socket, so the very same `pg`/TypeORM code path runs on the
 * embedded database and on PostgreSQL. PGlite has one backend: clients must use a pool of one.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly socketDir: string,
  ) {}

  /**
   * Opens the database in `dataDir` ("memory://": in memory). A new one starts from `template`, a
   * tarball of a data directory (PGlite's dumpDataDir) when given, else from an empty cluster (initdb).
   */
  static async start(dataDir: string, template?: string): Promise<EmbeddedPostgres> {
    const inMemory = dataDir === 'memory://';
    if (!inMemory) mkdirSync(resolve(dataDir), { recursive: true });
    const isNew = inMemory || !existsSync(join(resolve(dataDir), 'PG_VERSION'));
    const loadDataDir = template && isNew ? new Blob([readFileSync(resolve(template))]) : undefined;
    const db = new PGlite({ ...(inMemory ? {} : { dataDir: resolve(dataDir) }), ...(loadDataDir ? { loadDataDir } : {}) });
    await db.waitReady;
    const socketDir = mkdtempSync(join(tmpdir(), 'sportello-pg-'));
    const server = new PGLiteSocketServer({ db, path: join(socketDir, '.s.PGSQL.5432') });
    await server.start();
    return new EmbeddedPostgres(db, server, socketDir);
  }

  /** Connection settings for `pg`: host is the socket directory, as libpq does it. */
  connection(): { host: string; port: number; user: string; database: string } {
    return { host: this.socketDir, port: 5432, user: 'postgres', database: 'postgres' };
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    rmSync(this.socketDir, { recursive: true, force: true });
  }
}
