/**
 * `tandem preview`: a local server an author keeps open while writing. Entry module of the
 * preview area.
 *
 * It shows the course index and each unit's lesson playing inside an embedded SCORM 1.2 LMS
 * (scorm-again) or, switchable, as Tin Can / cmi5 against an in-memory LRS; a panel checks every
 * CMI call (the strict SCORM 1.2 rules of runtime/contract/scorm12Rules) and every statement (the
 * xAPI validator) live. A save rebuilds only the edited unit, in memory, with the compiler's own
 * `build()` and targets, and the page reloads itself; errors show with `tandem check`'s code frame.
 * It writes nothing: not to the course folder, not to an output folder.
 *
 * Fastify plugins, one per concern: pagesPlugin (pages, built files, job aids, scripts) and
 * trackingPlugin (LRS, launches, event stream). Around them: the password gate when a password is
 * set, and a Host check that keeps other web sites from reading a loopback preview (DNS rebinding).
 *
 * Imports: the foundations, compile through its entry, runtime/contract. Only src/cli touches the process.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { CourseWatcher } from './courseWatcher.js';
import { PreviewLrs } from './lrs/previewLrs.js';
import { pagesPlugin } from './plugins/pagesPlugin.js';
import { trackingPlugin } from './plugins/trackingPlugin.js';
import { PreviewEvents } from './previewEvents.js';
import { isLoopback, type PreviewSettings } from './previewSettings.js';
import { UnitBuilds } from './unitBuilds.js';

export { resolvePreviewSettings, DEFAULT_PREVIEW_PORT, type PreviewSettings } from './previewSettings.js';

/** One line of the preview's log: never a password, a credential or a statement. */
export type PreviewLog = (line: Record<string, unknown>) => void;

export interface RunningPreview {
  /** `http://127.0.0.1:4300` */
  url: string;
  /** Ids of the course's units. */
  units: string[];
  /** Resolves when every build started so far has finished (tests and the benchmark wait on it). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startPreview(settings: PreviewSettings, log: PreviewLog): Promise<RunningPreview> {
  const events = new PreviewEvents();
  const builds = new UnitBuilds(settings.courseRoot, (event) => {
    events.send({ type: 'build', ...event });
    if (event.status !== 'building') log({ event: 'build', unit: event.unitId, status: event.status, ms: event.ms, problems: event.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code) });
  });
  const lrs = new PreviewLrs((statement) => events.send({ type: 'statement', ...statement }));
  await builds.loadSummary();

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, forceCloseConnections: true });
  const password = settings.password;
  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (password !== undefined) {
      if (!passwordMatches(request.headers.authorization, password)) {
        return reply.code(401).header('www-authenticate', 'Basic realm="Tandem preview", charset="UTF-8"').send('The preview needs its password (any user name).');
      }
    } else if (!isLoopback(hostName(request.headers.host ?? ''))) {
      // Without a password the preview is for this machine only: a page elsewhere that points its own
      // host name at 127.0.0.1 (DNS rebinding) must not read the course through the author's browser.
      return reply.code(403).send('This preview answers requests for 127.0.0.1 or localhost only.');
    }
  });
  await app.register(pagesPlugin, { builds });
  await app.register(trackingPlugin, { builds, lrs, events });

  const watcher = new CourseWatcher(settings.courseRoot, {
    poll: settings.poll,
    sweptUnits: () => builds.openedUnits(),
    onChange: (change) => {
      const units = change.shared ? [...new Set([...change.units, ...builds.openedUnits()])] : change.units;
      log({ event: 'change', units, shared: change.shared, ...(change.swept ? { swept: true } : {}) });
      // Only units someone has open: the others are built when their page is opened.
      const opened = new Set(builds.openedUnits());
      void builds.rebuild(units.filter((u) => opened.has(u)));
    },
    onWarning: (message) => {
      log({ event: 'watch-warning', message });
      events.send({ type: 'warning', message });
    },
  });
  await watcher.start();

  try {
    await app.listen({ host: settings.host, port: settings.port });
  } catch (error) {
    await watcher.close();
    events.close();
    throw error;
  }
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`,
    units: builds.course?.units.map((u) => u.id) ?? [],
    idle: () => builds.idle(),
    close: async () => {
      await watcher.close();
      events.close();
      await app.close();
    },
  };
}

/** Basic auth with any user name; compared as hashes, in constant time. */
function passwordMatches(header: string | undefined, password: string): boolean {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const given = decoded.slice(decoded.indexOf(':') + 1);
  const hash = (s: string) => createHash('sha256').update(s).digest();
  return decoded.includes(':') && timingSafeEqual(hash(given), hash(password));
}

function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
}
