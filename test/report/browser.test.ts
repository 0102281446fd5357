/**
 * The HTML report in headless Chromium: the index and a document page load
 * offline without console errors and ask for nothing outside the report's
 * folder; every link on every page (in-page #anchors, relative links between
 * the index and the document pages, with or without a fragment) resolves to
 * a page that loads and an element that exists; following a claim link from
 * a disagreement lands on the highlighted claim. Screenshots go to
 * test-results/report/ (not committed).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../pipeline/report/index.ts';
import { DOCS, LEDGER } from '../fixtures/report/corpus.ts';
import { launchBrowser } from '../helpers/browser.ts';

const shots = path.resolve('test-results/report');

describe('report.html and report/docs/*.html in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let indexUrl: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'report-'));
    const files = writeReport(dir, LEDGER, DOCS);
    indexUrl = pathToFileURL(files.html).href;
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Open a page, recording console errors and warnings and every request. */
  async function open(url: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    const res = await page.goto(url, { waitUntil: 'load' });
    expect(res === null || res.ok()).toBe(true);
    return { page, errors, requests };
  }

  /** Every a[href] on the page, resolved by the browser to an absolute URL. */
  const linksOf = (page: Page): Promise<{ href: string; url: string }[]> =>
    page.$$eval('a[href]', (as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', url: (a as HTMLAnchorElement).href })));

  it('the index loads without console errors or outside requests, and holds no document text', async () => {
    const { page, errors, requests } = await open(indexUrl);
    expect(errors).toEqual([]);
    expect(requests).toEqual([indexUrl]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('article.dis').count()).toBe(LEDGER.disagreements.length);
    expect(await page.locator('mark').count()).toBe(0);
    expect(await page.locator('#documents tbody tr').count()).toBe(DOCS.length);
    await page.screenshot({ path: path.join(shots, 'report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(shots, 'report-print.png'), fullPage: true });
    await page.close();
  });

  it('a document page loads without console errors, shows its hostile text as text, and highlights every claim', async () => {
    const doc = DOCS.find((d) => d.id === 'harbour-01')!;
    const url = new URL(`report/docs/${doc.id}.html`, indexUrl).href;
    const { page, errors, requests } = await open(url);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('.text').innerText()).toContain('<script>alert("x")</script>');
    expect(await page.locator('mark.c[id]').count()).toBe(doc.claims.length);
    const ids = await page.$$eval('[id]', (els) => els.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    await page.screenshot({ path: path.join(shots, 'report-doc.png'), fullPage: true });
    await page.close();
  });

  it('every link on the index and on every document page resolves: the file loads and the #anchor exists', async () => {
    const root = pathToFileURL(`${dir}/`).href;
    const pages = [indexUrl, ...DOCS.map((d) => new URL(`report/docs/${d.id}.html`, indexUrl).href)];
    const idsByPage = new Map<string, Set<string>>();
    const idsOf = async (url: string): Promise<Set<string> | null> => {
      if (idsByPage.has(url)) return idsByPage.get(url)!;
      const { page, errors } = await open(url).catch(() => ({ page: null, errors: ['failed to load'] }));
      if (!page) return null;
      const ids = new Set(await page.$$eval('[id]', (els) => els.map((e) => e.id)));
      await page.close();
      if (errors.length > 0) return null;
      idsByPage.set(url, ids);
      return ids;
    };
    const broken: string[] = [];
    let count = 0;
    let crossPage = 0;
    for (const from of pages) {
      const { page } = await open(from);
      const links = await linksOf(page);
      await page.close();
      for (const l of links) {
        count++;
        const u = new URL(l.url);
        const fragment = decodeURIComponent(u.hash.slice(1));
        u.hash = '';
        if (!u.href.startsWith(root)) {
          broken.push(`${from}: ${l.href} leaves the report folder`);
          continue;
        }
        if (u.href !== from) crossPage++;
        const ids = await idsOf(u.href);
        if (ids === null) broken.push(`${from}: ${l.href} does not load`);
        else if (fragment !== '' && !ids.has(fragment)) broken.push(`${from}: ${l.href} has no #${fragment}`);
      }
    }
    expect(count).toBeGreaterThan(40);
    expect(crossPage).toBeGreaterThan(20);
    expect(broken).toEqual([]);
  });

  it('following a disagreement’s claim link lands on the highlighted claim on its page, and its link back returns to the disagreement', async () => {
    const { page } = await open(indexUrl);
    const first = page.locator('article.dis a[href*="#c-"]').first();
    const href = (await first.getAttribute('href')) as string;
    await first.click();
    await page.waitForLoadState('load');
    const landed = new URL(page.url());
    expect(`${landed.pathname.split('/').slice(-3).join('/')}${landed.hash}`).toBe(href);
    const mark = page.locator(`mark[id="${landed.hash.slice(1)}"]`);
    expect((await mark.innerText()).length).toBeGreaterThan(10);
    const back = page.locator('a.flag[href^="../../report.html#dis-"]').first();
    const backHref = (await back.getAttribute('href')) as string;
    await back.click();
    await page.waitForLoadState('load');
    expect(page.url()).toBe(`${indexUrl}${backHref.slice(backHref.indexOf('#'))}`);
    expect(await page.locator(`article.dis[id="${backHref.split('#')[1]}"]`).count()).toBe(1);
    await page.close();
  });
});
