/**
 * Reads a preview's event stream (/_preview/events) from Node, so a test can wait for a build to
 * finish as the page does: on the server's own signal, never a sleep.
 */
export interface BuildEventData {
  type: 'build';
  unitId: string;
  status: 'building' | 'done' | 'error';
  generation: number;
  ms?: number;
  diagnostics: { code: string; severity: string; text: string }[];
}

export interface EventReader {
  /** Resolves with the first build event of `unit` after now that satisfies `test`. */
  next(unit: string, test: (e: BuildEventData) => boolean, timeoutMs?: number): Promise<BuildEventData>;
  close(): void;
}

export async function readPreviewEvents(url: string, headers: Record<string, string> = {}): Promise<EventReader> {
  const abort = new AbortController();
  const response = await fetch(`${url}/_preview/events`, { headers, signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
  const waiting: { unit: string; test: (e: BuildEventData) => boolean; resolve: (e: BuildEventData) => void }[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (!data) continue;
          const event = JSON.parse(data) as BuildEventData;
          if (event.type !== 'build') continue;
          for (const w of [...waiting]) {
            if (w.unit === event.unitId && w.test(event)) {
              waiting.splice(waiting.indexOf(w), 1);
              w.resolve(event);
            }
          }
        }
      }
    } catch {
      // Closed by the test.
    }
  })();
  return {
    next: (unit, test, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching build event for ${unit} within ${timeoutMs} ms`)), timeoutMs);
        waiting.push({ unit, test, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      }),
    close: () => abort.abort(),
  };
}
