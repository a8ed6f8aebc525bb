/**
 * A printed job aid fits its paper: one page of A4 or US Letter, one two-sided pocket card. The
 * printing browser measures the laid-out page (print media, the paper's content box as viewport)
 * at each level of a ladder, from the theme's own size down to a readable floor, and the first
 * level at which everything fits is printed. Short steps go to two columns before the type gets
 * smaller. The printed PDF is then counted; if Chrome's page breaking still spills (a row kept
 * whole, a heading kept with its text), the next level is printed, down to the floor.
 */
import type { PaperSize } from '../../course/model/course.js';
import type { Paper } from './papers.js';

/** One step of the ladder: the body text size (pt) and whether short steps take two columns. */
export interface FitLevel {
  size: number;
  columns: boolean;
}

export interface FitPlan {
  levels: FitLevel[];
  /** Pages the job aid is meant to print on: 1, or 2 for the two sides of the pocket card. */
  pages: number;
  /** Measure each `.side` separately (the pocket card's back starts a new page). */
  bySide: boolean;
}

/** Body text sizes in pt, largest first; the last is the floor. A4/Letter never go under 9 pt. */
export const FIT_SIZES: Record<PaperSize, readonly number[]> = {
  a4: [11, 10.5, 10, 9.5, 9],
  letter: [11, 10.5, 10, 9.5, 9],
  pocket: [8.5, 8, 7.5, 7],
};

export function fitPlan(paper: PaperSize, shortSteps: boolean): FitPlan {
  const sizes = FIT_SIZES[paper];
  if (paper === 'pocket') return { levels: sizes.map((size) => ({ size, columns: false })), pages: 2, bySide: true };
  // Two columns only help short steps; they are tried at full size before the type shrinks.
  const levels: FitLevel[] = [{ size: sizes[0]!, columns: false }, ...sizes.slice(shortSteps ? 0 : 1).map((size) => ({ size, columns: shortSteps }))];
  return { levels, pages: 1, bySide: false };
}

/** A CSS length in mm, in or pt as CSS pixels (96 per inch). */
export function cssPixels(length: string): number {
  const match = /^([\d.]+)(mm|in|pt)$/.exec(length);
  if (!match) throw new Error(`Paper length ${length} is not in mm, in or pt.`);
  const value = Number(match[1]);
  return match[2] === 'mm' ? (value * 96) / 25.4 : match[2] === 'in' ? value * 96 : (value * 96) / 72;
}

/** The paper's content box (inside the margins) in CSS pixels. */
export function contentBox(paper: Paper): { width: number; height: number } {
  const { top, right, bottom, left } = paper.margin;
  return {
    width: cssPixels(paper.width) - cssPixels(left) - cssPixels(right),
    height: cssPixels(paper.height) - cssPixels(top) - cssPixels(bottom),
  };
}

/**
 * Runs in the page: applies a level (the --fit-size custom property and html.fit-columns). A
 * string, because Node code is compiled without DOM types (tsconfig.json).
 */
export const APPLY_LEVEL_IN_PAGE = `(level) => {
  const root = document.documentElement;
  root.style.setProperty('--fit-size', level.size + 'pt');
  root.classList.toggle('fit-columns', level.columns);
}`;

/** Runs in the page: the index of the first level at which the page (or each side) fits `height`, else the last. */
export const FIRST_FITTING_LEVEL_IN_PAGE = `async ({ levels, height, bySide }) => {
  await document.fonts.ready;
  const apply = ${APPLY_LEVEL_IN_PAGE};
  const blocks = bySide ? [...document.querySelectorAll('.side')] : [document.body];
  for (let i = 0; i < levels.length; i++) {
    apply(levels[i]);
    // Half a pixel of slack for rounding; Chrome's page breaking is checked on the printed PDF.
    if (blocks.every((block) => block.getBoundingClientRect().height <= height - 0.5)) return i;
  }
  return levels.length - 1;
}`;
