// Every subcommand, by name. Add a command by adding a line here (and, unless it is as light as
// `validate`, an export in onDemand.ts). Loaded on demand, so each run loads only what it uses.
import type { Command } from '../usage';

export const commands: Record<string, () => Promise<Command>> = {
  compare: async () => (await import('./onDemand')).compareCommand,
  dataset: async () => (await import('./onDemand')).datasetCommand,
  eval: async () => (await import('./onDemand')).evalCommand,
  import: async () => (await import('./onDemand')).importCommand,
  jobs: async () => (await import('./onDemand')).jobs,
  leaderboard: async () => (await import('./onDemand')).leaderboard,
  train: async () => (await import('./onDemand')).train,
  validate: async () => (await import('./validate')).validate,
};
