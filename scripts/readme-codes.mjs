#!/usr/bin/env node
/** Rewrites the README's diagnostic code table from the catalogue (npm run build first). */
import { readFileSync, writeFileSync } from 'node:fs';
import { CATALOGUE } from '../dist/diagnostics/catalogue.js';

const header = '| code | severity | meaning |\n| --- | --- | --- |\n';
const rows = Object.entries(CATALOGUE).map(([code, e]) => `| \`${code}\` | ${e.severity} | ${e.summary} |`).join('\n');
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf(header);
if (start < 0) throw new Error('README has no diagnostic code table');
const end = readme.indexOf('\n\n', start + header.length);
writeFileSync('README.md', readme.slice(0, start) + header + rows + (end < 0 ? '\n' : readme.slice(end)));
