// Every subcommand, by name. Add a command by adding a module here.
import type { Command } from '../usage';
import { validate } from './validate';

export const commands: Record<string, Command> = {
  validate,
};
