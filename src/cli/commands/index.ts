/**
 * The commands `tandem` knows, in the order the main help lists them. A new command is one file
 * in this folder and one line here.
 *
 * Each is imported only when it is needed: a command's module pulls in its whole area (build:
 * the compiler and Chromium driver; report: the charts), and loading all of them cost `tandem
 * status` about half a second before it read a file (issue 16). The main help loads them all.
 */
import type { Command } from '../command.js';

const COMMAND_MODULES: readonly [name: string, load: () => Promise<Command>][] = [
  ['check', async () => (await import('./checkCommand.js')).checkCommand],
  ['build', async () => (await import('./buildCommand.js')).buildCommand],
  ['report', async () => (await import('./reportCommand.js')).reportCommand],
  ['reinforce', async () => (await import('./reinforceCommand.js')).reinforceCommand],
  ['serve', async () => (await import('./serveCommand.js')).serveCommand],
  ['preview', async () => (await import('./previewCommand.js')).previewCommand],
  ['init', async () => (await import('./initCommand.js')).initCommand],
  ['merge-manifests', async () => (await import('./mergeManifestsCommand.js')).mergeManifestsCommand],
  ['intake', async () => (await import('./intakeCommand.js')).intakeCommand],
  ['new', async () => (await import('./newCommand.js')).newCommand],
  ['approve', async () => (await import('./approveCommand.js')).approveCommand],
  ['review', async () => (await import('./reviewCommand.js')).reviewCommand],
  ['status', async () => (await import('./statusCommand.js')).statusCommand],
];

/** Every command, in help order. */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(COMMAND_MODULES.map(([, load]) => load()));
}

/** The command named `name` (only its module is loaded), or undefined. */
export async function findCommand(name: string): Promise<Command | undefined> {
  const command = await COMMAND_MODULES.find(([n]) => n === name)?.[1]();
  // The list's name and the descriptor's must agree, or `tandem help` and dispatch would disagree.
  if (command && command.name !== name) throw new Error(`commands/index.ts lists '${name}' for the command named '${command.name}'.`);
  return command;
}
