/**
 * Where the report's files are, relative to the output folder, and the
 * links between them. The index is <out>/report.html (and report.md); each
 * document's page is <out>/report/docs/<file>.html; the manifest that makes
 * re-rendering incremental is <out>/report/manifest.json.
 */
import { idPart } from './escape.ts';

export const INDEX_HTML = 'report.html';
export const INDEX_MD = 'report.md';
export const REPORT_DIR = 'report';
export const DOCS_DIR = 'report/docs';
export const MANIFEST = 'report/manifest.json';

const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A document page's file name (without ".html"). Ids that are already safe
 * file names and URL path segments ("AFP_ENG_19970401.0006") are kept; any
 * other id becomes "~" + idPart(id). idPart is injective and a safe id never
 * starts with "~", so distinct ids never share a file.
 */
export function docFileName(docId: string): string {
  return SAFE_FILE.test(docId) && docId.length <= 200 ? docId : `~${idPart(docId)}`;
}

/** The page of a document, relative to the output folder (and to the index, which sits there). */
export function docPagePath(docId: string): string {
  return `${DOCS_DIR}/${docFileName(docId)}.html`;
}

/** The id of a claim's highlight on its document's page. */
export function pageClaimAnchor(claimId: string): string {
  return `c-${idPart(claimId)}`;
}

/** From a document page back to the index (two folders up). */
export const PAGE_TO_INDEX = '../../report.html';
