/**
 * SCORM 1.2 API discovery (RTE 3.3.6.1, the ADL "FindAPI" algorithm): the LMS puts an object named
 * `API` on a window above the SCO. Look in this window and up the parent chain; when the SCO was
 * opened in a popup, continue from the opener and its parents. The search is bounded, because a
 * chain of frames can be deep and a cross-origin frame throws on access.
 */

/** The SCORM 1.2 API as the LMS provides it; every value crosses as a string. */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string | number;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

/** ADL's sample gives up after 7 parents; allow a few more for LMSs that nest players deeply. */
export const MAX_API_SEARCH_DEPTH = 10;

export function findScorm12Api(start: Window, maxDepth = MAX_API_SEARCH_DEPTH): Scorm12Api | undefined {
  const found = searchUp(start, maxDepth);
  if (found) return found;
  for (const opener of [safe(() => start.opener as Window | null), safe(() => start.top?.opener as Window | null)]) {
    if (opener) {
      const api = searchUp(opener, maxDepth);
      if (api) return api;
    }
  }
  return undefined;
}

function searchUp(start: Window, maxDepth: number): Scorm12Api | undefined {
  let win: Window | null | undefined = start;
  for (let depth = 0; win && depth <= maxDepth; depth++) {
    const api = readApi(win);
    if (api) return api;
    const parent: Window | null | undefined = safe(() => win!.parent);
    if (!parent || parent === win) return undefined;
    win = parent;
  }
  return undefined;
}

function readApi(win: Window): Scorm12Api | undefined {
  const api = safe(() => (win as Window & { API?: Scorm12Api }).API);
  return api && typeof api.LMSInitialize === 'function' && typeof api.LMSSetValue === 'function' ? api : undefined;
}

/** A frame from another origin throws a SecurityError on any property access. */
function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
