// Every subcommand, by name. Add a command by adding a module here.
import type { Command } from '../usage';
import { importCommand } from './import';
import { jobs } from './jobs';
import { train } from './train';
import { validate } from './validate';

export const commands: Record<string, Command> = {
  import: importCommand,
  jobs,
  train,
  validate,
};
