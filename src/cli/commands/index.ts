// Every subcommand, by name. Add a command by adding a module here.
import type { Command } from '../usage';
import { compareCommand } from './compare';
import { datasetCommand } from './dataset';
import { evalCommand } from './eval';
import { importCommand } from './import';
import { jobs } from './jobs';
import { leaderboard } from './leaderboard';
import { train } from './train';
import { validate } from './validate';

export const commands: Record<string, Command> = {
  compare: compareCommand,
  dataset: datasetCommand,
  eval: evalCommand,
  import: importCommand,
  jobs,
  leaderboard,
  train,
  validate,
};
