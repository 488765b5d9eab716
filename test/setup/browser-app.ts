import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/config';
import { ARTIFACTS, describeViolations, launchBrowser, PortalPage } from '../support/browser';
import { dropTestSchema } from './test-database';
import { startTestApp, TestApp } from './test-app';

export interface BrowserAppOptions {
  /** Where `check` writes its screenshots (default test/artifacts/portal). */
  artifacts?: string;
  /** Put before every screenshot name. */
  screenshotPrefix?: string;
  /** `check` also asserts no horizontal overflow at 390 px (the public pages). */
  overflowAt390?: boolean;
  /**
   * Failed loads with these statuses that a page may log to its console without failing the test
   * (the pages that answer them on purpose); every other console error, page error and failed
   * request fails the test in afterEach.
   */
  expectedStatuses?: number[];
  /** Listens on the port PUBLIC_BASE_URL names (pages that send the browser back there) instead of any free one. */
  listenOnPublicBaseUrl?: boolean;
}

export interface BrowserApp {
  /** The app, usable from the tests and hooks once the suite's beforeAll has booted it. */
  readonly t: TestApp;
  /** http://127.0.0.1:<port> of the listening app. */
  readonly base: string;
  readonly browser: Browser;
  /** A new page (own context) at `width` px, closed and checked for problems after the test. */
  open(width?: number): Promise<PortalPage>;
  /** 0 axe violations at WCAG 2.1 AA (and no overflow at 390 px if asked for), then screenshots at 1280 and 390 px. */
  check(p: PortalPage, name: string): Promise<void>;
  /** The development login (`/accesso/sviluppo?<query>`), back to `back`. */
  devLogin(p: PortalPage, query: string, back: string): Promise<unknown>;
  /** Rows of a query on the app's database. */
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * The set-up of a browser test file, called in its `describe`: boots the whole app on `config`
 * (or a function making it, called in beforeAll) listening on 127.0.0.1, launches chromium, and after each test
 * closes the pages it opened and fails on any problem they recorded; after all, closes the
 * browser and the app and drops the test database.
 */
export function useBrowserApp(config: AppConfig | (() => Promise<AppConfig>), options: BrowserAppOptions = {}): BrowserApp {
  let app: TestApp | undefined;
  let resolved: AppConfig | undefined;
  let browser: Browser | undefined;
  let base = '';
  const opened: PortalPage[] = [];
  const booted = (): TestApp => {
    if (!app) throw new Error('the app is not booted yet: use it in a test or a hook after useBrowserApp');
    return app;
  };
  const t: TestApp = {
    get app() {
      return booted().app;
    },
    http: () => booted().http(),
    token: (p) => booted().token(p),
    close: () => booted().close(),
  };
  const expected = options.expectedStatuses?.length ? new RegExp(`status of (${options.expectedStatuses.join('|')})`) : undefined;

  beforeAll(async () => {
    resolved = typeof config === 'function' ? await config() : config;
    app = await startTestApp(resolved);
    await app.app.listen(options.listenOnPublicBaseUrl ? Number(new URL(resolved.PUBLIC_BASE_URL).port) : 0, '127.0.0.1');
    base = (await app.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  });
  afterEach(async () => {
    const problems = opened.flatMap((p) => p.problems.filter((m) => !expected?.test(m)));
    await Promise.all(opened.splice(0).map((p) => p.close()));
    expect(problems).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (resolved) await dropTestSchema(resolved);
  });

  return {
    t,
    get base() {
      return base;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet: use it in a test or a hook after useBrowserApp');
      return browser;
    },
    async open(width = 1280) {
      if (!browser) throw new Error('the browser is not launched yet: use it in a test or a hook after useBrowserApp');
      const p = await PortalPage.open(browser, base, width);
      opened.push(p);
      return p;
    },
    async check(p, name) {
      expect(describeViolations(await p.axe())).toBe('');
      // no horizontal scrolling on a phone: scrollWidth <= innerWidth at 390 px
      if (options.overflowAt390) expect(await p.overflowAt(390)).toBe('');
      await p.screenshot(`${options.screenshotPrefix ?? ''}${name}`, options.artifacts ?? ARTIFACTS);
    },
    devLogin: (p, query, back) => p.page.goto(`/accesso/sviluppo?${query}&ritorno=${encodeURIComponent(back)}`),
    rows: async <T>(sql: string, params: unknown[] = []) => (await booted().app.get(DataSource).query(sql, params)) as T[],
  };
}
