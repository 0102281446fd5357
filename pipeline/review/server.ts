/**
 * The review server: a local page to accept, reject and correct items, saving
 * each decision at once into annotations/<id>.json.
 *
 * Plain node:http, no framework: the server has five routes, and every
 * security check below has to be explicit and visible anyway (a framework
 * would add dependencies without removing any of them).
 *
 * Treated as exposed to a hostile page in the same browser:
 * - binds 127.0.0.1 only, and refuses any Host header that is not loopback
 *   with our port (DNS rebinding);
 * - every /api request needs the per-server random token (in the page's meta
 *   tag, sent back as X-Review-Token); writes also need a same-origin Origin
 *   and Content-Type application/json (no simple cross-site form posts);
 * - document ids match /^[A-Za-z0-9_.-]+$/ and must exist; files are only
 *   ever opened as <annotations>/<id>.json and <out>/documents/<id>.json;
 *   static assets come from a fixed table, not from the URL;
 * - bodies are size-limited and zod-validated;
 * - a write names the file version (sha256) the page loaded; a mismatch is a
 *   409 and nothing is written.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { addItem, applyDecision, DecisionError, DecisionSchema, NewItemSchema } from '../annotate/decide.ts';
import { AnnotationFileError, readAnnotations, writeAnnotations } from '../annotate/format.ts';
import { disagreementsInvolving, readDocument, readLedgerDisagreements } from '../annotate/items.ts';
import { isSafeDocId } from '../annotate/schema.ts';
import { sha256 } from '../core/ids.ts';
import { annotatedIds, outputIds } from '../annotate/update.ts';

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');
const ASSETS: Record<string, { file: string; type: string }> = {
  '/static/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/static/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

export interface ReviewServerOptions {
  outDir: string;
  annotationsDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Recorded as the reviewer of each decision. */
  reviewer?: string;
  /** Largest request body accepted, in bytes. */
  maxBody?: number;
  /** Fixed token (tests); random otherwise. */
  token?: string;
}

export interface ReviewServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const DecisionBodySchema = z.object({ version: z.string().length(64), decision: DecisionSchema }).strict();
export const AddBodySchema = z.object({ version: z.string().length(64), item: NewItemSchema }).strict();

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

function send(res: http.ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void {
  const data = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(data) });
  res.end(data);
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > max) {
      reject(new HttpError(413, `request body larger than ${max} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > max) {
        failed = true;
        reject(new HttpError(413, `request body larger than ${max} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => reject(e));
  });
}

function parseJson<T extends z.ZodType>(text: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `the body is not JSON: ${(err as Error).message}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new HttpError(400, `the body fails its schema: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Only <dir>/<id>.json, for a valid id, ever. */
function fileIn(dir: string, id: string): string {
  if (!isSafeDocId(id)) throw new HttpError(400, `not a valid document id (letters, digits, _ . - only): ${JSON.stringify(id.slice(0, 80))}`);
  const base = path.resolve(dir);
  const file = path.resolve(base, `${id}.json`);
  if (path.dirname(file) !== base) throw new HttpError(400, 'not a valid document id');
  return file;
}

export function startReviewServer(opts: ReviewServerOptions): Promise<ReviewServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const maxBody = opts.maxBody ?? 64 * 1024;
  const annDir = path.resolve(opts.annotationsDir);
  const outDir = path.resolve(opts.outDir);
  let port = 0;
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

  function loadDoc(id: string): { annFile: string } {
    const annFile = fileIn(annDir, id);
    const docFile = fileIn(path.join(outDir, 'documents'), id);
    if (!existsSync(annFile) || !existsSync(docFile)) throw new HttpError(404, `no document ${id} (needs out/documents/${id}.json and annotations/${id}.json; run \`claims annotate update\`)`);
    return { annFile };
  }

  function docPayload(id: string): unknown {
    const { annFile } = loadDoc(id);
    const { file, version } = readAnnotations(annFile);
    const doc = readDocument(outDir, id);
    let disagreements: unknown[] = [];
    try {
      disagreements = disagreementsInvolving(doc, readLedgerDisagreements(outDir));
    } catch {
      disagreements = [];
    }
    return { doc: { id: doc.id, source: doc.source, meta: doc.meta, text: doc.text }, annotations: file, version, disagreements, stale: file.textHash !== sha256(doc.text) };
  }

  function write(id: string, version: string, change: (f: ReturnType<typeof readAnnotations>['file'], textLength: number) => unknown): unknown {
    const { annFile } = loadDoc(id);
    // Read, check, apply and write synchronously: nothing can interleave in this process.
    const current = readAnnotations(annFile);
    if (current.version !== version) {
      throw new HttpError(409, 'the annotation file changed since this page loaded it (another tab, a reviewer in the terminal, or a pipeline re-run). Your decision was NOT saved: reload the page and decide again.');
    }
    const text = readDocument(outDir, id).text;
    const item = change(current.file, text.length);
    const newVersion = writeAnnotations(annFile, current.file);
    return { version: newVersion, item };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) throw new HttpError(421, `host ${JSON.stringify(host)} not allowed: this server answers to 127.0.0.1:${port} only`);
    const url = new URL(req.url ?? '/', `http://${host}`);
    const p = url.pathname;
    if (req.method === 'GET' && (p === '/' || p === '/index.html')) {
      const html = readFileSync(path.join(STATIC_DIR, 'index.html'), 'utf8').replace('__TOKEN__', token);
      send(res, 200, html, 'text/html; charset=utf-8');
      return;
    }
    if (req.method === 'GET' && p === '/favicon.ico') {
      res.writeHead(204, SECURITY_HEADERS);
      res.end();
      return;
    }
    const asset = ASSETS[p];
    if (req.method === 'GET' && asset) {
      send(res, 200, readFileSync(path.join(STATIC_DIR, asset.file), 'utf8'), asset.type);
      return;
    }
    if (!p.startsWith('/api/')) throw new HttpError(404, 'not found');
    const tok = req.headers['x-review-token'];
    if (!sameToken(typeof tok === 'string' ? tok : undefined, token)) throw new HttpError(403, 'missing or wrong review token');
    const m = /^\/api\/doc\/([^/]+)(?:\/(decision|add))?$/.exec(p);
    if (req.method === 'GET') {
      if (p === '/api/docs') {
        const ann = new Set(annotatedIds(annDir));
        const docs = outputIds(outDir)
          .filter((id) => ann.has(id))
          .map((id) => {
            try {
              const { file } = readAnnotations(fileIn(annDir, id));
              return { id, items: file.items.length, pending: file.items.filter((i) => i.status === 'pending').length };
            } catch (err) {
              return { id, error: (err as Error).message };
            }
          });
        send(res, 200, { docs, reviewer: opts.reviewer ?? null });
        return;
      }
      if (m && !m[2]) {
        send(res, 200, docPayload(decodeURIComponent(m[1]!)));
        return;
      }
      throw new HttpError(404, 'not found');
    }
    if (req.method !== 'POST') throw new HttpError(405, 'method not allowed');
    const origin = req.headers.origin;
    if (origin !== `http://${host}`) throw new HttpError(403, `cross-origin write refused (Origin ${JSON.stringify(origin ?? null)})`);
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') throw new HttpError(403, `cross-site write refused (Sec-Fetch-Site ${site})`);
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'writes must be application/json');
    if (!m || !m[2]) throw new HttpError(404, 'not found');
    const id = decodeURIComponent(m[1]!);
    fileIn(annDir, id);
    const body = await readBody(req, maxBody);
    if (m[2] === 'decision') {
      const b = parseJson(body, DecisionBodySchema);
      const d = opts.reviewer && !b.decision.reviewer ? { ...b.decision, reviewer: opts.reviewer } : b.decision;
      send(res, 200, write(id, b.version, (f, textLength) => applyDecision(f, d, { textLength })));
      return;
    }
    const b = parseJson(body, AddBodySchema);
    const n = opts.reviewer && !b.item.reviewer ? { ...b.item, reviewer: opts.reviewer } : b.item;
    send(res, 200, write(id, b.version, (f) => addItem(f, readDocument(outDir, id), n)));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return;
      if (err instanceof HttpError) send(res, err.status, { error: err.message });
      else if (err instanceof DecisionError) send(res, 400, { error: err.message });
      else if (err instanceof AnnotationFileError) send(res, 500, { error: `annotation file is broken, fix it by hand: ${err.message}` });
      else send(res, 500, { error: (err as Error).message });
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        port,
        token,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
