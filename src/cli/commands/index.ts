/**
 * The commands `tandem` knows, in the order the main help lists them. A new command is one file
 * in this folder and one line here.
 */
import type { Command } from '../command.js';
import { buildCommand } from './buildCommand.js';
import { checkCommand } from './checkCommand.js';
import { initCommand } from './initCommand.js';
import { mergeManifestsCommand } from './mergeManifestsCommand.js';
import { reinforceCommand } from './reinforceCommand.js';
import { reportCommand } from './reportCommand.js';
import { serveCommand } from './serveCommand.js';

export const COMMANDS: readonly Command[] = [checkCommand, buildCommand, reportCommand, reinforceCommand, serveCommand, initCommand, mergeManifestsCommand];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
