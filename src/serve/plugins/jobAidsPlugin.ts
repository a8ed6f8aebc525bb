/**
 * The online job aids: `<release>/job-aids/` (HTML, PDF, images) served under the path of
 * `job_aid_url`, so the address printed as a QR code opens the page. @fastify/static gives
 * content types, ETags and conditional GETs. An HTML job aid carries its hash-pinned
 * Content-Security-Policy in a <meta> element (compile/jobAid/renderJobAid); the same policy is
 * sent as the header, so a browser enforces it from the first byte and it replaces the server's
 * own default policy (which would block the job aid's one script).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export interface JobAidsOptions {
  /** `<release>/job-aids`. */
  root: string;
  /** The path of job_aid_url, '' for the site root. */
  urlPath: string;
}

/** The output folder of job aids in a release (compile/jobAid/jobAidAddress's JOB_AIDS_DIR). */
export const JOB_AIDS_DIR = 'job-aids';

const META_CSP = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i;

export const jobAidsPlugin: FastifyPluginAsync<JobAidsOptions> = async (app, options) => {
  const policies = new Map<string, { mtimeMs: number; csp: string | undefined }>();
  const policyOf = (file: string, mtimeMs: number): string | undefined => {
    const known = policies.get(file);
    if (known && known.mtimeMs === mtimeMs) return known.csp;
    const match = META_CSP.exec(readFileSync(file, 'utf8'));
    const csp = match ? decodeHtmlAttribute(match[1]!) : undefined;
    policies.set(file, { mtimeMs, csp });
    return csp;
  };

  await app.register(fastifyStatic, {
    root: path.resolve(options.root),
    prefix: `${options.urlPath}/`,
    // `…/refund-approval` and `…/refund-approval.html` are one page (the online copy treats them so).
    extensions: ['html'],
    index: false,
    list: false,
    dotfiles: 'deny',
    etag: true,
    lastModified: true,
    cacheControl: true,
    // Revalidate every time (ETag makes that cheap): a redeployed job aid shows at once.
    maxAge: 0,
    decorateReply: false,
    setHeaders(reply, file, stat) {
      if (!file.endsWith('.html')) return;
      const csp = policyOf(file, stat.mtimeMs);
      // A page without its own policy keeps the server's default, which allows nothing.
      if (csp) reply.header('Content-Security-Policy', csp);
    },
  });
};

/** Handlebars escapes attribute values (& < > " ' ` =); undo that to get the policy text. */
export function decodeHtmlAttribute(text: string): string {
  return text.replace(/&(#x([0-9a-f]+)|#(\d+)|amp|lt|gt|quot|apos);/gi, (whole, _e, hex?: string, dec?: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }[whole.toLowerCase()] ?? whole;
  });
}
