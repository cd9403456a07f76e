// Every subcommand, by name. Add a command by adding a line here.
// Loaded on demand: the others pull in ssh2, yaml, csv and more, which `validate` would pay for on every run.
import type { Command } from '../usage';

export const commands: Record<string, () => Promise<Command>> = {
  compare: async () => (await import('./compare')).compareCommand,
  dataset: async () => (await import('./dataset')).datasetCommand,
  eval: async () => (await import('./eval')).evalCommand,
  import: async () => (await import('./import')).importCommand,
  jobs: async () => (await import('./jobs')).jobs,
  leaderboard: async () => (await import('./leaderboard')).leaderboard,
  train: async () => (await import('./train')).train,
  validate: async () => (await import('./validate')).validate,
};
