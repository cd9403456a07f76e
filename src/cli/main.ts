// The `modelops` command line: one table of subcommands, each in src/cli/commands/<name>.ts.
import { commands } from './commands';
import { UsageError } from './usage';

async function usage(): Promise<string> {
  const lines = await Promise.all(Object.entries(commands).map(async ([name, load]) => `  ${name.padEnd(12)} ${(await load()).summary}`));
  return `usage: modelops <command> [options]

commands:
${lines.join('\n')}

Run 'modelops <command> --help' for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    console.log(process.env.MODELOPS_VERSION ?? '0.1.0');
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    console.error(`modelops: unknown command '${name}'\n\n${await usage()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`modelops ${name}: ${e.message}\n\n${command.usage}`);
      return 2;
    }
    // I/O and other expected failures carry a message; never print a stack trace to a user.
    console.error(`modelops ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { console.error(`modelops: ${e instanceof Error ? e.message : String(e)}`); process.exitCode = 2; },
);
