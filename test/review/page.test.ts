/**
 * The review page in headless Chromium: open a document, accept one item with
 * the keyboard, correct another through the form, reload, and find both
 * decisions in the annotation file and on the page.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnnotations, writeAnnotations } from '../../pipeline/annotate/format.ts';
import { draftFile } from '../../pipeline/annotate/items.ts';
import { startReviewServer, type ReviewServer } from '../../pipeline/review/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { storyDoc, writeDoc, STORY_ID } from '../fixtures/annotate/build.ts';

let server: ReviewServer;
let browser: Browser;
let annFile: string;

beforeAll(async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'page-out-'));
  const ann = mkdtempSync(path.join(os.tmpdir(), 'page-ann-'));
  writeDoc(out, storyDoc());
  annFile = path.join(ann, `${STORY_ID}.json`);
  writeAnnotations(annFile, draftFile(storyDoc()));
  server = await startReviewServer({ outDir: out, annotationsDir: ann, port: 0, reviewer: 'browser-test' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('review page', () => {
  it('accepts one item, corrects another, and both survive a reload', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}?doc=${STORY_ID}`);
    await page.waitForSelector('#items li');
    // The article is there, with highlighted mentions.
    expect(await page.locator('#article').textContent()).toBe(storyDoc().text);
    expect(await page.locator('#article .m-date').count()).toBeGreaterThan(0);

    // Select "Iceland" in the side list and accept it with the keyboard.
    await page.locator('#items li', { hasText: /actor\s*Iceland/ }).click();
    await page.keyboard.press('a');
    await page.waitForSelector('#banner.ok');

    // Click "2030" in the article, correct its value through the form.
    await page.locator('#article .seg', { hasText: /^2030$/ }).click();
    await page.keyboard.press('c');
    await page.locator('#correct-form input[name="value"]').fill('2030-12-31');
    await page.locator('#correct-form input[name="note"]').fill('deadline is end of year');
    await page.locator('#correct-form button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('#banner')?.textContent?.includes('corrected'));

    const file = readAnnotations(annFile).file;
    const iceland = file.items.find((i) => i.text === 'Iceland');
    const year = file.items.find((i) => i.text === '2030');
    expect(iceland).toMatchObject({ status: 'accepted', reviewer: 'browser-test' });
    expect(year).toMatchObject({ status: 'corrected', corrected: { value: '2030-12-31' }, note: 'deadline is end of year' });

    await page.reload();
    await page.waitForSelector('#items li');
    await page.locator('#show-all').check();
    await expect.poll(() => page.locator('#items li', { hasText: /actor\s*Iceland/ }).locator('.badge').textContent()).toBe('accepted');
    expect(await page.locator('#items li', { hasText: '2030-12-31' }).locator('.badge').textContent()).toBe('corrected');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds a selected span as a new item, and corrects a span from a selection', async () => {
    const page = await browser.newPage();
    page.on('dialog', (d) => void d.accept(d.message().startsWith('Add') ? 'actor' : 'person:spokesman'));
    await page.goto(`${server.url}?doc=${STORY_ID}`);
    await page.waitForSelector('#items li');
    const text = storyDoc().text;
    const select = (start: number, end: number) =>
      page.evaluate(
        ([s, e]) => {
          const segs = [...document.querySelectorAll<HTMLElement>('#article .seg')];
          const at = (off: number) => {
            const seg = segs.filter((x) => Number(x.dataset.start) <= off).pop()!;
            return [seg.firstChild!, off - Number(seg.dataset.start)] as const;
          };
          const r = document.createRange();
          r.setStart(...at(s!));
          r.setEnd(...at(e!));
          const sel = window.getSelection()!;
          sel.removeAllRanges();
          sel.addRange(r);
        },
        [start, end],
      );
    const s = text.indexOf('a spokesman');
    await select(s, s + 'a spokesman'.length);
    await page.keyboard.press('n');
    await page.waitForFunction(() => document.querySelector('#banner')?.textContent?.startsWith('Added'));
    expect(readAnnotations(annFile).file.items.find((i) => i.text === 'a spokesman')).toMatchObject({ origin: 'reviewer', status: 'accepted', output: { actorId: 'person:spokesman' } });

    // correct the quantity's span to "400 million" by selecting it
    await page.locator('#show-all').check();
    await page.locator('#items li', { hasText: /quantity/ }).click();
    await page.keyboard.press('c');
    const q = text.indexOf('400 million');
    await select(q, q + '400 million'.length);
    await page.locator('#span-from-selection').click();
    await page.locator('#correct-form button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('#banner')?.textContent?.includes('corrected'));
    expect(readAnnotations(annFile).file.items.find((i) => i.type === 'quantity')).toMatchObject({ status: 'corrected', corrected: { end: q + 11 } });
    await page.close();
  });

  it('shows a conflict instead of overwriting a file changed elsewhere', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}?doc=${STORY_ID}`);
    await page.waitForSelector('#items li');
    // Someone else writes the file after the page loaded it.
    const { file } = readAnnotations(annFile);
    file.items[0]!.note = 'changed in the terminal';
    writeAnnotations(annFile, file);
    const before = readAnnotations(annFile).version;
    await page.keyboard.press('r');
    await page.waitForFunction(() => document.querySelector('#banner')?.textContent?.includes('Not saved'));
    expect(await page.locator('#banner').textContent()).toMatch(/changed since this page loaded/);
    expect(readAnnotations(annFile).version).toBe(before);
    await page.close();
  });
});
