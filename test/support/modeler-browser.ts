import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_ANALYSTS } from '../../src/modules/identity';
import { dropTestSchema, testConfig } from '../setup/test-database';
import { startTestApp, TestApp } from '../setup/test-app';
import { launchBrowser } from './browser';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const MODELER_ARTIFACTS = join(__dirname, '..', 'artifacts', 'modeler');

/** The app on a port with the shipped catalogue, a browser, and a page logged in as a demo analyst that records script errors. */
export interface ModelerSession {
  t: TestApp;
  ds: DataSource;
  base: string;
  browser: Browser;
  page: Page;
  /** Console errors (CSP violations among them, refused 4xx calls not) and uncaught page errors. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openModeler(dataDir: string): Promise<ModelerSession> {
  if (!existsSync(join(__dirname, '../../modeler-ui/dist/index.html'))) throw new Error('modeler-ui is not built: run npm run build first');
  const config = testConfig({ CATALOGUE_LOAD: 'true', DATA_DIR: dataDir });
  const t = await startTestApp(config);
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  const page = await (await browser.newContext({ locale: 'it-IT', viewport: { width: 1280, height: 900 } })).newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // A refused call (4xx problem, shown to the analyst) is logged by Chromium as a failed resource: not a script error.
  page.on('console', (message) => void (message.type() === 'error' && !message.text().includes('status of 4') && pageErrors.push(message.text())));
  const analyst = DEMO_ANALYSTS[0];
  await page.goto(`${base}/accesso/sviluppo?utente=${analyst.kind === 'analyst' ? analyst.userId : ''}&ruolo=analista&ritorno=/modeler`);
  return {
    t,
    ds: t.app.get(DataSource),
    base,
    browser,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await t.close();
      await dropTestSchema(config);
    },
  };
}

/** axe-core limited to the given selectors (the modeler's own chrome), evaluated through the DevTools protocol so the page's CSP stays strict. */
export async function axeIn(page: Page, include: string[]): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (selectors) => {
    const w = globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } };
    const result = await w.axe.run({ include: selectors.map((s) => [s]) }, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, include);
}

/** A call from the page as modeler-ui makes it: same origin, the session's cookie and CSRF token. */
export function fromPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ([m, url, payload]) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
      const headers = { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': token };
      const res = await fetch(url as string, { method: m as string, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
      return { status: res.status, body: await res.json() };
    },
    [method, path, body] as const,
  ) as Promise<{ status: number; body: T }>;
}
