import { describe, expect, it } from 'vitest';
import { findScorm12Api, MAX_API_SEARCH_DEPTH, type Scorm12Api } from '../../src/runtime/scorm12/findApi.js';

const api = { LMSInitialize: () => 'true', LMSSetValue: () => 'true' } as unknown as Scorm12Api;

/** A chain of fake windows: index 0 is the SCO's, the last one is the top. */
function chain(length: number, apiAt?: number, options: { crossOriginAt?: number; opener?: object } = {}): Window {
  const wins: Record<string, unknown>[] = [];
  for (let i = 0; i < length; i++) wins.push({});
  wins.forEach((w, i) => {
    const parent = wins[i + 1] ?? w;
    Object.defineProperty(w, 'parent', { get: () => parent });
    Object.defineProperty(w, 'top', { get: () => wins[wins.length - 1] });
    if (i === apiAt) w.API = api;
    if (i === options.crossOriginAt) {
      Object.defineProperty(w, 'API', {
        get: () => {
          throw new DOMException('Blocked a frame with origin', 'SecurityError');
        },
      });
    }
  });
  if (options.opener) Object.defineProperty(wins[wins.length - 1]!, 'opener', { get: () => options.opener });
  return wins[0] as unknown as Window;
}

describe('SCORM 1.2 API discovery', () => {
  it('finds the API in the window itself or up the parent chain', () => {
    expect(findScorm12Api(chain(1, 0))).toBe(api);
    expect(findScorm12Api(chain(4, 3))).toBe(api);
  });

  it('gives up beyond the depth limit instead of walking forever', () => {
    expect(findScorm12Api(chain(MAX_API_SEARCH_DEPTH + 1, MAX_API_SEARCH_DEPTH))).toBe(api);
    expect(findScorm12Api(chain(MAX_API_SEARCH_DEPTH + 3, MAX_API_SEARCH_DEPTH + 2))).toBeUndefined();
  });

  it('looks in the opener (and its parents) when the SCO is in a popup', () => {
    expect(findScorm12Api(chain(2, undefined, { opener: chain(2, 1) }))).toBe(api);
  });

  it('survives a cross-origin frame on the way and returns undefined without an LMS', () => {
    expect(findScorm12Api(chain(3, 2, { crossOriginAt: 1 }))).toBe(api);
    expect(findScorm12Api(chain(3))).toBeUndefined();
  });
});
