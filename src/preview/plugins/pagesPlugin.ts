/**
 * The preview's pages and what they load: the course index, each unit's page, its job aid page,
 * the built package files the lesson frame plays (`/play/<unit>/<adapter>/…`, straight from the
 * in-memory build), the job aid as HTML and printed, and the two scripts (the panel and
 * scorm-again's SCORM 1.2 API).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PLAYER_BUNDLES_DIR } from '../../compile/index.js';
import { diagnose } from '../../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../diagnostics/reporter.js';
import { indexPage, jobAidPage, messagePage, unitPage } from '../pages/previewPages.js';
import { PLAY_ADAPTERS, type PlayAdapter, type UnitBuilds, type UnitSummary } from '../unitBuilds.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.vtt': 'text/vtt; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export interface PagesOptions {
  builds: UnitBuilds;
}

export async function pagesPlugin(app: FastifyInstance, { builds }: PagesOptions): Promise<void> {
  const scripts = await loadScripts();

  const html = (reply: FastifyReply, status: number, text: string) => reply.code(status).header('content-type', TYPES['.html']).send(text);
  const unitOr404 = async (id: string, reply: FastifyReply): Promise<UnitSummary | undefined> => {
    const course = builds.course ?? (await builds.loadSummary()).summary;
    const unit = course?.units.find((u) => u.id === id);
    if (!unit) {
      const known = course?.units.map((u) => u.id).join(', ') || '(none)';
      const text = formatDiagnostics([diagnose('PREVIEW_UNIT_NOT_FOUND', { unit: id, known })], 'human', { cwd: builds.courseRoot });
      await html(reply, 404, messagePage('No such unit', text));
    }
    return unit;
  };

  app.get('/', async (_request, reply) => {
    const loaded = await builds.loadSummary();
    if (!loaded.summary) return html(reply, 500, messagePage('The course cannot be loaded', formatDiagnostics(loaded.diagnostics, 'human', { cwd: builds.courseRoot, sources: loaded.sources })));
    return html(reply, 200, indexPage(loaded.summary));
  });

  app.get<{ Params: { unit: string } }>('/units/:unit', async (request, reply) => reply.redirect(`/units/${encodeURIComponent(request.params.unit)}/`));

  app.get<{ Params: { unit: string }; Querystring: { adapter?: string } }>('/units/:unit/', async (request, reply) => {
    const unit = await unitOr404(request.params.unit, reply);
    if (!unit) return reply;
    const adapter = (PLAY_ADAPTERS as readonly string[]).includes(request.query.adapter ?? '') ? (request.query.adapter as PlayAdapter) : 'scorm12';
    // The page opens on a finished build (or its errors); later builds reach it over the event stream.
    const files = await builds.files(unit.id, adapter);
    return html(reply, 200, unitPage(builds.course!, unit, adapter, { generation: builds.state(unit.id)?.generation ?? 0, playable: files !== undefined }));
  });

  app.get<{ Params: { unit: string } }>('/units/:unit/job-aid', async (request, reply) => {
    const unit = await unitOr404(request.params.unit, reply);
    if (!unit) return reply;
    return html(reply, 200, jobAidPage(builds.course!, unit, unit.qrUrl));
  });

  app.get<{ Params: { unit: string; adapter: string; '*': string } }>('/play/:unit/:adapter/*', async (request, reply) => {
    const { unit, adapter } = request.params;
    if (!(PLAY_ADAPTERS as readonly string[]).includes(adapter) || !builds.course?.units.some((u) => u.id === unit)) return reply.code(404).send('Not found.');
    const files = await builds.files(unit, adapter as PlayAdapter);
    const body = files?.get(request.params['*']);
    if (!body) return reply.code(404).send(files ? 'Not in the package.' : 'The unit has not built yet; see the problems beside the lesson.');
    return reply.header('content-type', TYPES[path.extname(request.params['*']).toLowerCase()] ?? 'application/octet-stream').send(body);
  });

  app.get<{ Params: { file: string } }>('/job-aid/:file', async (request, reply) => {
    const id = request.params.file.replace(/\.html$/, '');
    if (id === request.params.file || !builds.course?.units.some((u) => u.id === id)) return reply.code(404).send('Not found.');
    const body = await builds.jobAid(id);
    return body ? html(reply, 200, body.toString('utf8')) : reply.code(404).send('The job aid has not built; see the problems on the unit page.');
  });

  app.get<{ Params: { unit: string; file: string } }>('/job-aid/:unit/:file', async (request, reply) => {
    const paper = request.params.file.replace(/\.pdf$/, '');
    if (!builds.course?.units.some((u) => u.id === request.params.unit) || !builds.course.papers.includes(paper as never)) return reply.code(404).send('Not found.');
    const printed = await builds.printed(request.params.unit, paper);
    if (printed.pdf) return reply.header('content-type', TYPES['.pdf']).send(printed.pdf);
    return html(reply, 503, messagePage('Not printed', printed.diagnostics.map((d) => d.text).join('\n\n') || 'The job aid could not be printed.'));
  });

  app.get('/_preview/preview.js', async (_request, reply) => reply.header('content-type', TYPES['.js']).send(scripts.panel));
  app.get('/_preview/scorm12.js', async (_request, reply) => reply.header('content-type', TYPES['.js']).send(scripts.scormAgain));
}

/** The panel script (bundled by `npm run build`) and scorm-again's SCORM 1.2 runtime, read once. */
async function loadScripts(): Promise<{ panel: Buffer; scormAgain: Buffer }> {
  const require = createRequire(import.meta.url);
  const scormAgainFile = require.resolve('scorm-again/scorm12/min');
  const panelFile = path.join(PLAYER_BUNDLES_DIR, 'preview.js');
  try {
    return { panel: await readFile(panelFile), scormAgain: await readFile(scormAgainFile) };
  } catch (error) {
    throw new Error(`The preview's scripts are missing (${panelFile}, ${scormAgainFile}); run \`npm run build\` in the Tandem folder.`, { cause: error });
  }
}
