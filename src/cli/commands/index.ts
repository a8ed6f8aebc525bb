/**
 * The commands `tandem` knows, in the order the main help lists them. A new command is one file
 * in this folder and one line here.
 */
import type { Command } from '../command.js';
import { approveCommand } from './approveCommand.js';
import { buildCommand } from './buildCommand.js';
import { checkCommand } from './checkCommand.js';
import { initCommand } from './initCommand.js';
import { intakeCommand } from './intakeCommand.js';
import { mergeManifestsCommand } from './mergeManifestsCommand.js';
import { newCommand } from './newCommand.js';
import { reinforceCommand } from './reinforceCommand.js';
import { reportCommand } from './reportCommand.js';
import { previewCommand } from './previewCommand.js';
import { reviewCommand } from './reviewCommand.js';
import { serveCommand } from './serveCommand.js';
import { statusCommand } from './statusCommand.js';

export const COMMANDS: readonly Command[] = [
  checkCommand,
  buildCommand,
  reportCommand,
  reinforceCommand,
  serveCommand,
  previewCommand,
  initCommand,
  mergeManifestsCommand,
  intakeCommand,
  newCommand,
  approveCommand,
  reviewCommand,
  statusCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
