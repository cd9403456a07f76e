import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A problem with how the command was called: exit code 2 and the command's usage. */
export class UsageError extends Error {}

/** A subcommand: `run` returns the process exit code. */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

/** node's parseArgs, with its errors turned into UsageErrors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}
