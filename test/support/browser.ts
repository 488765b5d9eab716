import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's chromium (never a downloaded browser), headless, no network besides the app. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const ARTIFACTS = join(__dirname, '..', 'artifacts', 'portal');
export const CONSOLE_ARTIFACTS = join(__dirname, '..', 'artifacts', 'console');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/**
 * A page that records what a person would notice: console errors (CSP violations among them)
 * and failed requests. Axe is evaluated through the DevTools protocol, which the page's CSP does
 * not govern, so the CSP stays as strict in the test as in production.
 */
export class PortalPage {
  readonly problems: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => this.problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  }

  static async open(browser: Browser, baseURL: string, width = 1280): Promise<PortalPage> {
    const context = await browser.newContext({ baseURL, viewport: { width, height: 900 }, locale: 'it-IT' });
    return new PortalPage(context, await context.newPage());
  }

  async axe(): Promise<AxeViolation[]> {
    await this.page.evaluate(AXE_SOURCE);
    // A string, evaluated in the page: the test's TypeScript has no DOM types.
    const result = (await this.page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
    )) as { violations: AxeViolation[] };
    return result.violations;
  }

  /** Full-page screenshots at 1280 px and 390 px into test/artifacts/portal, or `dir` (git-ignored). */
  async screenshot(name: string, dir: string = ARTIFACTS): Promise<void> {
    mkdirSync(dir, { recursive: true });
    const original = this.page.viewportSize() ?? { width: 1280, height: 900 };
    for (const width of [1280, 390]) {
      await this.page.setViewportSize({ width, height: 900 });
      await this.page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
    }
    await this.page.setViewportSize(original);
  }

  /**
   * Horizontal overflow at a viewport width: '' when `document.documentElement.scrollWidth <=
   * innerWidth`, else the overflow in px and the widest elements that stick out (to fix them).
   */
  async overflowAt(width: number): Promise<string> {
    const original = this.page.viewportSize() ?? { width: 1280, height: 900 };
    await this.page.setViewportSize({ width, height: 900 });
    // A string, evaluated in the page: the test's TypeScript has no DOM types.
    const found = (await this.page.evaluate(`(() => {
      const html = document.documentElement;
      if (html.scrollWidth <= innerWidth) return '';
      const out = [...document.querySelectorAll('body *')]
        .map((e) => ({ e, right: e.getBoundingClientRect().right }))
        .filter((x) => x.right > innerWidth + 0.5)
        .slice(-5)
        .map((x) => x.e.tagName.toLowerCase() + (x.e.id ? '#' + x.e.id : '') + (x.e.className && typeof x.e.className === 'string' ? '.' + x.e.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(x.right));
      return (html.scrollWidth - innerWidth) + ' px over ' + innerWidth + ': ' + out.join(', ');
    })()`)) as string;
    await this.page.setViewportSize(original);
    return found;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

export const describeViolations = (violations: AxeViolation[]): string =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`).join('\n');
