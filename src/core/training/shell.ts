// Quoting for POSIX shells: every value that reaches `sh -c`, a remote shell or an sbatch script
// goes through `quote`, so a model named `x"; rm -rf ~; echo "` stays one literal word.

/** One shell word with exactly `s` as its value (single quotes; a ' becomes '\''). */
export function quote(s: string): string {
  if (s.includes('\0')) throw new Error(`a NUL byte cannot be passed to a shell: ${JSON.stringify(s)}`);
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A command line from literal words. */
export function quoteArgs(args: readonly string[]): string {
  return args.map(quote).join(' ');
}

/** Valid environment variable name (what a shell `export` accepts). */
export function isEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
