/**
 * The default worker (./worker.ts and everything it imports), compiled once to
 * one plain JavaScript file, so worker threads start without tsx. Under
 * `--import tsx` every worker registers tsx's loader hooks and sends each of its
 * ~150 modules through them (a hooks thread, a cache read and a message round
 * trip per module): about 2 s of CPU per worker on the benchmark machine,
 * spent again by every worker of every run. The bundle is made by esbuild (the
 * compiler tsx itself uses, so the code is transformed the same way), with
 * packages left as imports, and kept under node_modules/.cache keyed by a hash
 * of the sources: a re-run with unchanged code reuses it, an edited file makes
 * a new one (the packages it bundles are pinned by package-lock.json; the hash
 * covers the lock file too). Written to a temporary folder and renamed, so concurrent runs never
 * see half a bundle.
 *
 * The stages find their data files from their own location (core/data.ts:
 * LANG_DIR = <module>/../lang/en); the bundle's folder has a `lang` link to the
 * sources' pipeline/lang, so those paths hold. Anything that goes wrong (no
 * esbuild, a read-only node_modules, a failed build) returns undefined and the
 * runner falls back to the TypeScript worker under tsx: same output, slower start.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bump when the way the bundle is made changes. */
const BUNDLE_VERSION = '2';

/**
 * Packages the bundle leaves as imports. Everything else (remark and its ~100
 * micromark modules, compromise, yaml, zod, …) is bundled in: resolving and
 * loading each package module separately cost a worker ~740 ms of CPU at start,
 * the single bundle ~400 ms. Native addons cannot be bundled, and the wink model
 * (4 MB of tables) loads faster as its own module than parsed inside the bundle.
 */
const EXTERNAL_PACKAGES = ['better-sqlite3', 'wink-eng-lite-web-model', 'esbuild', 'piscina'];

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) tsFiles(full, out);
    else if (e.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Hash of every .ts file under the pipeline folder (path and content), the folder itself and the toolchain. */
function sourcesHash(pipelineDir: string, esbuildVersion: string): string {
  const h = createHash('sha256');
  h.update(`${BUNDLE_VERSION}\u0000${process.version}\u0000${esbuildVersion}\u0000${pipelineDir}\u0000`);
  for (const f of tsFiles(pipelineDir).sort()) {
    h.update(`${path.relative(pipelineDir, f)}\u0000`);
    h.update(readFileSync(f));
    h.update('\u0000');
  }
  // The bundled packages' versions: an npm install that changes them makes a new bundle.
  const lock = path.join(path.dirname(pipelineDir), 'package-lock.json');
  if (existsSync(lock)) h.update(readFileSync(lock));
  return h.digest('hex').slice(0, 20);
}

/**
 * Remove bundles whose sources are gone (their `lang` link dangles: e.g. the benchmark's
 * temporary snapshots), and older bundles of the same sources (code edited since) once
 * they are an hour old: a run still going may start new workers from its bundle.
 */
function pruneStale(cacheDir: string, keep: string, pipelineDir: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const e of readdirSync(cacheDir)) {
    const dir = path.join(cacheDir, e);
    if (dir === keep || !e.startsWith('worker-') || e.includes('.tmp-')) continue;
    const lang = path.join(dir, 'lang');
    let stale = !existsSync(lang);
    if (!stale) {
      try {
        stale = readlinkSync(lang) === path.join(pipelineDir, 'lang') && lstatSync(dir).mtimeMs < hourAgo;
      } catch {
        stale = false;
      }
    }
    if (stale) rmSync(dir, { recursive: true, force: true });
  }
}

interface Esbuild {
  version: string;
  build(opts: Record<string, unknown>): Promise<{ errors: unknown[] }>;
}

/**
 * The compiled worker's file URL for the TypeScript worker at `workerFile` (a file URL),
 * building it when needed; undefined when it cannot be made (the caller keeps tsx).
 */
export async function compiledWorker(workerFile: string): Promise<string | undefined> {
  try {
    const workerTs = fileURLToPath(workerFile);
    const pipelineDir = path.resolve(path.dirname(workerTs), '..');
    const modules = path.join(path.dirname(pipelineDir), 'node_modules');
    if (!existsSync(path.join(pipelineDir, 'lang')) || !existsSync(modules)) return undefined;
    const esbuild = (await import('esbuild')) as unknown as Esbuild;
    const cacheDir = path.join(modules, '.cache', 'claims-pipeline');
    const dir = path.join(cacheDir, `worker-${sourcesHash(pipelineDir, esbuild.version)}`);
    const rel = path.join(path.basename(path.dirname(workerTs)), `${path.basename(workerTs, '.ts')}.mjs`);
    const out = path.join(dir, rel);
    if (existsSync(out)) return pathToFileURL(out).href;
    mkdirSync(cacheDir, { recursive: true });
    const tsconfig = path.join(path.dirname(pipelineDir), 'tsconfig.json');
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    try {
      const res = await esbuild.build({
        entryPoints: [workerTs],
        outfile: path.join(tmp, rel),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: `node${process.versions.node.split('.')[0]}`,
        // The few packages left as imports resolve from node_modules above the cache, as from the sources.
        external: EXTERNAL_PACKAGES,
        // Bundled CommonJS packages call require() (of node: built-ins): give the ES module one.
        banner: { js: "import { createRequire as __claimsCreateRequire } from 'node:module'; const require = __claimsCreateRequire(import.meta.url);" },
        ...(existsSync(tsconfig) ? { tsconfig } : {}),
        logLevel: 'silent',
      });
      if (res.errors.length > 0) return undefined;
      symlinkSync(path.join(pipelineDir, 'lang'), path.join(tmp, 'lang'), 'dir');
      try {
        renameSync(tmp, dir);
      } catch {
        // Another run made the same bundle meanwhile: use theirs.
        if (!existsSync(out)) return undefined;
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    pruneStale(cacheDir, dir, pipelineDir);
    return pathToFileURL(out).href;
  } catch {
    return undefined;
  }
}
