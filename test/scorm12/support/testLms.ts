/**
 * A test LMS on 127.0.0.1: serves built SCORM 1.2 packages and a host page whose `window.API` is
 * scorm-again's Scorm12API (a real LMS-side runtime). The host records every API call, because
 * scorm-again is lenient (it takes 4,097-character suspend_data and writes after LMSFinish) and
 * the strict rules are asserted on the log. It can also play an LMS that refuses some elements,
 * and Moodle's rule for a status left "not attempted" (see below).
 * No other network: the browser only ever talks to this server, which also plays the statement
 * relay (POST /relay/statements, answered like tandem serve: 200 with the ids) for packages built
 * with scorm12.report_xapi, and keeps what it got in `relayed`.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import AdmZip from 'adm-zip';

export interface ApiCall {
  name: string;
  args: string[];
  result: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.png': 'image/png',
};

const HOST_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/lms/scorm-again.js"></script>
<script>
window.lms = { calls: [] };
window.startLms = function (config) {
  var api = new Scorm12API({ logLevel: 5, autocommit: false });
  if (config.cmi) api.loadFromJSON(config.cmi);
  if (config.moodle) {
    // Moodle 4.5 mod/scorm/datamodels/scorm_12.js, StoreData on LMSFinish: a status still
    // "not attempted" becomes "completed", before (and so instead of) its own browse rule.
    var finish = api.LMSFinish.bind(api);
    api.LMSFinish = function (param) {
      if (api.cmi.core.lesson_status === 'not attempted') api.cmi.core.lesson_status = 'completed';
      return finish(param);
    };
  }
  var refuse = config.refuse ? new RegExp(config.refuse) : null;
  var forced = null;
  ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic'].forEach(function (name) {
    var original = api[name].bind(api);
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments).map(String);
      var result;
      if (name === 'LMSSetValue' && refuse && refuse.test(args[0])) { forced = '401'; result = 'false'; }
      else if (window.lms.expired && (name === 'LMSSetValue' || name === 'LMSCommit' || name === 'LMSFinish')) { forced = '101'; result = 'false'; }
      else if (name === 'LMSGetLastError' && forced) { result = forced; forced = null; }
      else { if (name.indexOf('Error') < 0 && name !== 'LMSGetDiagnostic') forced = null; result = original.apply(null, arguments); }
      window.lms.calls.push({ name: name, args: args, result: String(result) });
      return result;
    };
  });
  window.API = api;
  if (config.popup) {
    window.lms.popup = window.open(config.url, 'sco', 'width=800,height=900');
  } else {
    var frame = document.createElement('iframe');
    frame.id = 'sco';
    frame.title = 'Lesson';
    frame.style.cssText = 'width:100%;height:95vh;border:0';
    frame.src = config.url;
    document.body.appendChild(frame);
  }
};
window.lms.cmi = function () { return JSON.parse(JSON.stringify(window.API.renderCMIToJSONObject())); };
</script></head><body></body></html>`;

export class TestLms {
  /** Statements POSTed to /relay/statements, in arrival order. */
  readonly relayed: Record<string, any>[] = [];
  private files = new Map<string, Buffer>();

  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
  ) {}

  /** Serves one more zip under /pkg/<name>/ (e.g. one built with this LMS's relay address). */
  mount(name: string, zip: Uint8Array): void {
    for (const entry of new AdmZip(Buffer.from(zip)).getEntries()) this.files.set(`/pkg/${name}/${entry.entryName}`, entry.getData());
  }

  /** Serves each zip under /pkg/<name>/, plus the host page at /lms/host.html. */
  static async start(packages: Record<string, Uint8Array>): Promise<TestLms> {
    const files = new Map<string, Buffer>();
    for (const [name, zip] of Object.entries(packages)) {
      for (const entry of new AdmZip(Buffer.from(zip)).getEntries()) files.set(`/pkg/${name}/${entry.entryName}`, entry.getData());
    }
    files.set('/lms/host.html', Buffer.from(HOST_PAGE));
    files.set('/lms/scorm-again.js', readFileSync(path.resolve('node_modules/scorm-again/dist/scorm12.js')));
    let lms: TestLms | undefined;
    const server = http.createServer((req, res) => {
      const url = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      if (url === '/relay/statements' && req.method === 'POST') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const parsed = JSON.parse(body) as Record<string, any> | Record<string, any>[];
          const statements = Array.isArray(parsed) ? parsed : [parsed];
          lms!.relayed.push(...statements);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(statements.map((s) => s.id)));
        });
        return;
      }
      if (url === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      const body = lms!.files.get(url);
      if (!body) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(url)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    lms = new TestLms(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    lms.files = files;
    return lms;
  }

  url(p: string): string {
    return this.origin + p;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
