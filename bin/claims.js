#!/usr/bin/env node
// Entry for `npx claims …`: registers tsx so the TypeScript sources run as they are, then hands over.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { main } = await import(pathToFileURL(path.join(here, '..', 'pipeline', 'cli', 'main.ts')).href);
process.exitCode = await main(process.argv);
