/**
 * Where a unit's job aid lives, in the build output and online. The output name stays the unit id,
 * so publishing is "copy job-aids/ to job_aid_url"; the objective ID and version ride in the query,
 * which static hosts ignore, so the address a QR code holds says which objective and which printed
 * version was scanned (server logs and the online copy can both read it).
 */
import type { Course, PaperSize } from '../../course/model/course.js';
import type { Unit } from '../../course/model/unit.js';

export const JOB_AIDS_DIR = 'job-aids';

/** `job-aids/refund-approval.html`. */
export function jobAidHtmlPath(unit: Unit): string {
  return `${JOB_AIDS_DIR}/${unit.id}.html`;
}

/** `job-aids/refund-approval-a4.pdf`. */
export function jobAidPdfPath(unit: Unit, paper: PaperSize): string {
  return `${JOB_AIDS_DIR}/${unit.id}-${paper}.pdf`;
}

export interface OnlineAddress {
  /** `https://aids.acme.example/frontline/refund-approval.html?o=OBJ-SUP-REFUND-500&v=1.2.0` */
  url: string;
  /** The published file without the query: what the online copy compares its own address with. */
  page: string;
  /** The address as printed beside the QR code: the page without scheme or query, short enough to type. */
  display: string;
  /**
   * What a printed copy's QR code (and the link beside it) holds: `url` with the channel tag
   * `src=qr`, as every card link carries `src=slack|teams|email`, so a scan is told from a click.
   */
  printedUrl: string;
}

/** The online copy's address, or undefined when the course sets no `job_aid_url`. */
export function onlineAddress(course: Course, unit: Unit): OnlineAddress | undefined {
  const base = course.config.jobAidUrl;
  if (!base) return undefined;
  const page = `${base}/${unit.id}.html`;
  // Objective ids and semver versions hold only URL-safe characters; encode anyway for pre-release tags like 1.0.0+build.
  const url = `${page}?o=${encodeURIComponent(unit.contract.objective.id)}&v=${encodeURIComponent(unit.contract.version)}`;
  return { url, page, display: page.replace(/^https?:\/\//, ''), printedUrl: `${url}&src=qr` };
}
