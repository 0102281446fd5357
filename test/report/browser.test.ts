/**
 * The HTML report in headless Chromium: it loads offline without console
 * errors, asks for nothing outside the file, every in-page link resolves,
 * and a screenshot is written to test-results/report/ (not committed).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../pipeline/report/index.ts';
import { DOCS, LEDGER } from '../fixtures/report/corpus.ts';
import { launchBrowser } from '../helpers/browser.ts';

describe('report.html in headless Chromium', () => {
  let browser: Browser;
  let url: string;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'report-'));
    const files = writeReport(dir, LEDGER, DOCS);
    url = pathToFileURL(files.html).href;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads without console errors or outside requests, every #link resolves, and a screenshot is taken', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });

    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    // The hostile quote is text, not a script element.
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain('<script>alert("x")</script>');

    const links = await page.$$eval('a[href]', (as) =>
      as.map((a) => {
        const href = a.getAttribute('href') ?? '';
        const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
        return { href, internal: href.startsWith('#'), resolves: target !== null };
      }),
    );
    expect(links.length).toBeGreaterThan(20);
    expect(links.filter((l) => !l.internal)).toEqual([]);
    expect(links.filter((l) => !l.resolves)).toEqual([]);

    // Ids are unique, and each disagreement and claim has its target.
    const ids = await page.$$eval('[id]', (els) => els.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await page.locator('article.dis').count()).toBe(LEDGER.disagreements.length);
    const claimCount = DOCS.reduce((n, d) => n + d.claims.length, 0);
    expect(await page.locator('mark.c[id]').count()).toBe(claimCount);

    // Following a disagreement's link lands on the claim in the document text.
    const first = page.locator('article.dis a[href*="-c-"]').first();
    const href = (await first.getAttribute('href')) as string;
    await first.click();
    expect(await page.evaluate(() => location.hash)).toBe(href);
    const claimText = await page.locator(`[id="${href.slice(1)}"]`).innerText();
    expect(claimText.length).toBeGreaterThan(10);

    await page.evaluate(() => window.scrollTo(0, 0));
    const shots = path.resolve('test-results/report');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(shots, 'report-print.png'), fullPage: true });
    await page.close();
  });
});
