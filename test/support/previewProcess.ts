/** `tandem preview` as a real process on 127.0.0.1 with a free port (see tandemProcess.ts). */
import { startTandemProcess, type TandemProcess } from './tandemProcess.js';

export type PreviewProcess = TandemProcess;

export function startPreviewProcess(args: string[], env: Record<string, string> = {}): Promise<PreviewProcess> {
  return startTandemProcess('preview', args, env);
}
