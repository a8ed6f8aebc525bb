/**
 * A unit's job aid as one self-contained HTML file: the theme's job-aid.hbs filled with the view,
 * its job-aid.css and the fonts inlined, no request to anything but (for the online copy) the
 * statement relay. The online copy and the copies printed to PDF come from the same template; the
 * print copies carry the paper size (`data-paper`) for the print CSS and no script.
 */
import Handlebars from 'handlebars';
import type { Course, PaperSize } from '../../course/model/course.js';
import type { Unit } from '../../course/model/unit.js';
import { brandFontCss, brandTokens, brandView } from '../theme/brandCss.js';
import type { FontFace } from '../theme/embedFonts.js';
import { readThemeFile, readThemePartials, readThemeStylesheet } from '../theme/resolveThemeFile.js';
import type { BuildContext } from '../targets/target.js';
import { channelExtension, jobAidStatementTemplate, printedVersionExtension } from './jobAidStatement.js';
import { buildJobAidView, type JobAidView, type OrderedSection } from './jobAidView.js';
import { cspHash, onlineCopyScript } from './onlineCopyScript.js';
import { pageCss, PAPERS } from './papers.js';

export interface RenderOptions {
  /** Print copy for this paper; undefined renders the online copy (screen first, with its script). */
  paper?: PaperSize;
  /** The copy inside a lesson package: screen first like the online copy, but without its tracking script. */
  embedded?: boolean;
}

interface JobAidTheme {
  template: Handlebars.TemplateDelegate;
  css: string;
}

export async function renderJobAid(unit: Unit, ctx: BuildContext, options: RenderOptions = {}): Promise<string> {
  const { course, shared } = ctx;
  const theme = await shared.get(`job-aid-theme:${course.config.theme}`, () => loadTheme(course));
  const view = await shared.get(`job-aid-view:${unit.id}`, () => buildJobAidView(unit, course));
  const fonts = await fontsFor(view, ctx);
  // The paper's @page rule comes last, so a theme cannot change the size the build promised.
  const page = options.paper ? pageCss(PAPERS[options.paper], { objectiveId: view.objective.id, version: view.unit.version }) : '';
  // The brand's tokens come before the theme, which reads them (with fallbacks).
  const style = `${fonts}\n${brandTokens(course.config.brand)}\n${theme.css}\n${page}`;
  const pocket = options.paper === 'pocket';

  const online = options.paper === undefined && !options.embedded && view.online !== undefined;
  const settings = online ? onlineSettings(course, unit, view) : undefined;
  const script = settings ? onlineCopyScript() : undefined;
  return theme.template({
    ...view,
    brand: await brandView(course.config.brand, shared),
    sides: pocket ? pocketSides(view.sections) : [{ name: 'page', first: true, qr: false, sections: view.sections }],
    showMastheadQr: !pocket,
    paper: options.paper,
    style,
    csp: options.paper ? PRINT_CSP : contentSecurityPolicy(style, script, course.config.jobAids.relayUrl),
    script,
    // `<` escaped so no text in the settings can close the <script> block.
    settingsJson: settings && JSON.stringify(settings).replace(/</g, '\\u003c'),
  });
}

async function loadTheme(course: Course): Promise<JobAidTheme> {
  const source = readThemeFile(course, 'job-aid.hbs').toString('utf8');
  // The theme's layers add up: the default's rules, then the course's (see resolveThemeFile).
  const css = readThemeStylesheet(course, 'job-aid.css');
  // A private Handlebars environment: helpers a theme registers stay out of other targets' templates.
  const handlebars = Handlebars.create();
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  for (const [name, partial] of readThemePartials(course)) handlebars.registerPartial(name, partial);
  return { template: handlebars.compile(source, { strict: false, noEscape: false }), css };
}

/** Sections on the front of the pocket card: what to check before and while doing the job. */
const FRONT: ReadonlySet<OrderedSection['kind']> = new Set(['context', 'steps']);

/** The pocket card's two sides, each in the author's order; the QR code closes the back. */
function pocketSides(sections: OrderedSection[]) {
  return [
    { name: 'front', first: true, qr: false, sections: sections.filter((s) => FRONT.has(s.kind)) },
    { name: 'back', first: false, qr: true, sections: sections.filter((s) => !FRONT.has(s.kind)) },
  ];
}

/** The fonts are the bulk of a job aid; encode each subset combination once per build. */
async function fontsFor(view: JobAidView, ctx: BuildContext): Promise<string> {
  const faces: FontFace[] = [
    { weight: 400, style: 'normal' },
    { weight: 700, style: 'normal' },
    ...(view.usesItalic ? [{ weight: 400 as const, style: 'italic' as const }] : []),
  ];
  return brandFontCss(ctx.course.config.brand, view.text, faces, ctx.shared);
}

function onlineSettings(course: Course, unit: Unit, view: JobAidView) {
  const relayUrl = course.config.jobAids.relayUrl;
  return {
    version: view.unit.version,
    page: view.online?.page,
    relayUrl,
    statement: relayUrl ? jobAidStatementTemplate(course, unit, view.title) : undefined,
    printedVersionKey: printedVersionExtension(course),
    channelKey: channelExtension(course),
  };
}

/**
 * Print copies are only opened by our printing browser (offline, JavaScript off: PagePool), which
 * prints each one into the same document: a policy from a <meta> sticks to the document, so every
 * print copy carries this one, identical policy and the next job aid's styles are never blocked
 * (a fresh navigation per PDF would cost ~20 ms). Inline styles are allowed because they are ours:
 * author <style> and style="" never get past the author-HTML allow-list.
 */
const PRINT_CSP = [
  "default-src 'none'",
  'img-src data:',
  'font-src data:',
  "style-src 'unsafe-inline'",
  "script-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Everything the page may load is inline or data: URLs; the only request it may make is the one
 * POST to the relay. So a job aid opened offline never waits on the network, and Markdown cannot
 * make it call anywhere else.
 */
function contentSecurityPolicy(style: string, script: string | undefined, relayUrl: string | undefined): string {
  return [
    "default-src 'none'",
    'img-src data:',
    'font-src data:',
    `style-src ${cspHash(style)}`,
    ...(script ? [`script-src ${cspHash(script)}`] : []),
    ...(script && relayUrl ? [`connect-src ${relayUrl}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
