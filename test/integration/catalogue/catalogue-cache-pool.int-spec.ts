import { Transactions } from '../../../src/database';
import { CatalogueService } from '../../../src/modules/catalogue';
import { databaseLabel, dropTestSchema, onPostgres, testConfig } from '../../setup/test-database';
import { CatalogueHarness, SHIPPED_FORMS, SHIPPED_PROCESSES, startCatalogue } from './catalogue-harness';

/**
 * Regression: a click day hung with every pool connection "idle in transaction" after the case
 * insert. The filing's transactions read the procedure through the catalogue cache and waited for
 * a load a request had started outside any transaction; that load waited for a free connection,
 * and none was ever freed. PostgreSQL only: PGlite serves one connection, so two transactions
 * never hold connections at once there.
 */
describe(`catalogue reads inside transactions with every pool connection taken on ${databaseLabel()}`, () => {
  const config = testConfig({ CATALOGUE_LOAD: 'true', PROCESSES_DIR: SHIPPED_PROCESSES, FORMS_DIR: SHIPPED_FORMS, DATABASE_POOL_SIZE: '2' });
  let h: CatalogueHarness;

  beforeAll(async () => {
    h = await startCatalogue(config);
  });
  afterAll(async () => {
    await h?.close();
    await dropTestSchema(config);
  });

  (onPostgres() ? it : it.skip)('given both connections held by transactions and a catalogue load started outside one, when the transactions read the procedure, then all three go on', async () => {
    // given: the cache is empty (a deploy clears it) and two transactions hold the pool's two connections
    const catalogue = h.app.get(CatalogueService);
    const tx = h.app.get(Transactions);
    await catalogue.deploy({ processesDir: SHIPPED_PROCESSES, formsDir: SHIPPED_FORMS });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let opened = 0;
    let bothOpen!: () => void;
    const open = new Promise<void>((r) => (bothOpen = r));
    const filing = () =>
      tx.run(async (em) => {
        await em.query('select 1');
        if (++opened === 2) bothOpen();
        await held;
        return (await catalogue.get('certificato-residenza')).title;
      });
    const a = filing();
    const b = filing();
    await open;
    // when: a request outside any transaction starts the load (it waits for a connection), then the transactions read
    const outside = catalogue.get('certificato-residenza').then((p) => p.title);
    release();
    // then
    await expect(Promise.all([a, b, outside])).resolves.toEqual(['Certificato di residenza', 'Certificato di residenza', 'Certificato di residenza']);
  });
});
