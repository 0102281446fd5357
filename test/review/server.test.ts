/**
 * HTTP-level tests of the review server's refusals, and of a good write.
 * Raw node:http requests, so Host and Origin can be forged as a hostile page
 * or a DNS-rebinding attack would.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnnotations, writeAnnotations } from '../../pipeline/annotate/format.ts';
import { draftFile } from '../../pipeline/annotate/items.ts';
import { startReviewServer, type ReviewServer } from '../../pipeline/review/server.ts';
import { storyDoc, writeDoc, STORY_ID } from '../fixtures/annotate/build.ts';

let server: ReviewServer;
let out: string;
let ann: string;
let annFile: string;

function request(method: string, p: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: p, headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function writeHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'X-Review-Token': server.token, Origin: `http://127.0.0.1:${server.port}`, 'Content-Type': 'application/json', ...extra };
}

function decisionBody(version: string, itemId: string, status = 'accepted'): string {
  return JSON.stringify({ version, decision: { itemId, status } });
}

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'review-out-'));
  ann = mkdtempSync(path.join(os.tmpdir(), 'review-ann-'));
  writeDoc(out, storyDoc());
  annFile = path.join(ann, `${STORY_ID}.json`);
  writeAnnotations(annFile, draftFile(storyDoc()));
  // a file outside both folders that traversal would like to reach
  writeFileSync(path.join(path.dirname(ann), 'secret.json'), '{"secret":true}');
  server = await startReviewServer({ outDir: out, annotationsDir: ann, port: 0, maxBody: 4096, reviewer: 'tester' });
});
afterAll(async () => {
  await server.close();
});

describe('review server', () => {
  it('binds loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the page with the token and a strict CSP', async () => {
    const r = await request('GET', '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain(server.token);
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('saves a good decision and returns the new version', async () => {
    const { file, version } = readAnnotations(annFile);
    const item = file.items[0]!;
    const r = await request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders(), body: decisionBody(version, item.id) });
    expect(r.status, r.body).toBe(200);
    const after = readAnnotations(annFile);
    expect(JSON.parse(r.body).version).toBe(after.version);
    expect(after.file.items.find((i) => i.id === item.id)).toMatchObject({ status: 'accepted', reviewer: 'tester' });
  });

  const refusals: [string, () => Promise<{ status: number; body: string }>, number][] = [
    ['a foreign Host (DNS rebinding)', () => request('GET', '/', { headers: { Host: 'evil.example:80' } }), 421],
    ['a foreign Host with our port', () => request('GET', `/api/docs`, { headers: { Host: `attacker.test:${server.port}`, 'X-Review-Token': server.token } }), 421],
    ['an API read without the token', () => request('GET', `/api/doc/${STORY_ID}`), 403],
    ['an API read with a wrong token', () => request('GET', `/api/doc/${STORY_ID}`, { headers: { 'X-Review-Token': 'x'.repeat(48) } }), 403],
    ['a write from a foreign Origin', () => request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders({ Origin: 'http://evil.example' }), body: decisionBody(readAnnotations(annFile).version, 'x') }), 403],
    ['a write with no Origin', () => request('POST', `/api/doc/${STORY_ID}/decision`, { headers: { 'X-Review-Token': server.token, 'Content-Type': 'application/json' }, body: '{}' }), 403],
    ['a cross-site fetch', () => request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders({ 'Sec-Fetch-Site': 'cross-site' }), body: '{}' }), 403],
    ['a form post (not JSON)', () => request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders({ 'Content-Type': 'application/x-www-form-urlencoded' }), body: 'a=b' }), 415],
    ['a bad document id', () => request('GET', '/api/doc/bad%20id!', { headers: { 'X-Review-Token': server.token } }), 400],
    ['path traversal in the id', () => request('GET', '/api/doc/..%2F..%2Fsecret', { headers: { 'X-Review-Token': server.token } }), 400],
    ['a dot-dot id (normalised away by the URL parser)', () => request('GET', '/api/doc/..', { headers: { 'X-Review-Token': server.token } }), 404],
    ['an encoded dot-dot id', () => request('GET', '/api/doc/.%2E%2Fsecret', { headers: { 'X-Review-Token': server.token } }), 400],
    ['an unknown document', () => request('GET', '/api/doc/no-such-doc', { headers: { 'X-Review-Token': server.token } }), 404],
    ['a static path outside the table', () => request('GET', '/static/../../package.json'), 404],
    ['an oversized body', () => request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders(), body: JSON.stringify({ version: 'x', pad: 'y'.repeat(10_000) }) }), 413],
    ['a body that is not JSON', () => request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders(), body: '{not json' }), 400],
    ['a body failing the schema', () => request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders(), body: JSON.stringify({ version: readAnnotations(annFile).version, decision: { itemId: 'x', status: 'maybe' } }) }), 400],
    ['an extra key in the body', () => request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders(), body: JSON.stringify({ version: readAnnotations(annFile).version, decision: { itemId: 'x', status: 'accepted', path: '../x' } }) }), 400],
    ['an unknown item', () => request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders(), body: decisionBody(readAnnotations(annFile).version, 'q_nope') }), 400],
    ['a corrected span outside the text', () => request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders(), body: JSON.stringify({ version: readAnnotations(annFile).version, decision: { itemId: readAnnotations(annFile).file.items[0]!.id, status: 'corrected', corrected: { end: 1_000_000 } } }) }), 400],
    ['a stale version (conflict)', () => request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders(), body: decisionBody('0'.repeat(64), readAnnotations(annFile).file.items[1]!.id) }), 409],
    ['another method', () => request('DELETE', `/api/doc/${STORY_ID}`, { headers: writeHeaders() }), 405],
  ];

  it.each(refusals)('refuses %s and leaves the file as it was', async (_, send, status) => {
    const before = readFileSync(annFile, 'utf8');
    const r = await send();
    expect(r.status, r.body).toBe(status);
    expect(JSON.parse(r.body).error).toEqual(expect.any(String));
    expect(readFileSync(annFile, 'utf8')).toBe(before);
  });

  it('explains a conflict clearly', async () => {
    const r = await request('POST', `/api/doc/${STORY_ID}/decision`, { headers: writeHeaders(), body: decisionBody('0'.repeat(64), readAnnotations(annFile).file.items[1]!.id) });
    expect(JSON.parse(r.body).error).toMatch(/changed since this page loaded.*NOT saved.*reload/s);
  });

  it('adds an item a reviewer selected', async () => {
    const text = storyDoc().text;
    const start = text.indexOf('a spokesman');
    const r = await request('POST', `/api/doc/${STORY_ID}/add`, { headers: writeHeaders(), body: JSON.stringify({ version: readAnnotations(annFile).version, item: { type: 'actor', start, end: start + 11, fields: { actorId: 'person:spokesman' } } }) });
    expect(r.status, r.body).toBe(200);
    expect(readAnnotations(annFile).file.items.find((i) => i.text === 'a spokesman')).toMatchObject({ origin: 'reviewer', status: 'accepted' });
  });
});
