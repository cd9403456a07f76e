// The SSH transport (ssh2): one connection per host, opened on first use and reopened after a
// drop; known_hosts verification; keepalives; clear errors for auth failure and unreachable hosts.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Client, utils, type ConnectConfig } from 'ssh2';
import { addHostKey, checkHostKey, fingerprint, keyType, knownHostsName } from './knownHosts';
import { readSshConfig } from './sshConfig';
import type { ExecResult, Transport } from './transport';

/** A Slurm login node (the `modelops.slurm.hosts` setting's shape). */
export interface SshHost {
  name: string;
  host: string;
  port?: number;
  user?: string;
  identityFile?: string;
  /** Where the repository lives on the cluster; relative = under the login home. */
  remoteDir?: string;
}

export interface UnknownHostKey {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
}

export interface SshOptions {
  /** Default ~/.ssh/known_hosts. */
  knownHostsFile?: string;
  /** Asked about a host key known_hosts lacks; true = trust and record it. Default: refuse. */
  confirmUnknownHost?: (key: UnknownHostKey) => Promise<boolean>;
  /** A passphrase for the identity file, or a password (asked once by the caller, kept by it). */
  passphrase?: string;
  /** Asked once for an encrypted identity file's passphrase when `passphrase` is not given; undefined = cancel. */
  askPassphrase?: (identityFile: string) => Promise<string | undefined>;
  password?: string;
  keepaliveIntervalMs?: number;
  readyTimeoutMs?: number;
}

/** An SSH failure worth a distinct message; `permanent` ones are not retried. */
export class SshError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}

/** Resolves a host by name: the given hosts first (settings), then ~/.ssh/config aliases. */
export function resolveSshHost(name: string, hosts: SshHost[], sshConfigFile?: string): SshHost {
  const fromSettings = hosts.find((h) => h.name === name);
  const cfg = readSshConfig(fromSettings?.host ?? name, sshConfigFile);
  if (!fromSettings && !cfg) {
    throw new SshError(`unknown SSH host "${name}": add it to modelops.slurm.hosts or as a Host in ~/.ssh/config`, true);
  }
  return {
    name,
    host: cfg?.hostName ?? fromSettings?.host ?? name,
    port: fromSettings?.port ?? cfg?.port ?? 22,
    user: fromSettings?.user ?? cfg?.user ?? process.env.USER ?? 'root',
    identityFile: fromSettings?.identityFile ?? cfg?.identityFiles.find((f) => existsSync(f)),
    remoteDir: fromSettings?.remoteDir,
  };
}

export class SshTransport implements Transport {
  readonly remote = true;
  readonly description: string;
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private disposed = false;

  constructor(readonly host: SshHost, private readonly options: SshOptions = {}) {
    this.description = `ssh ${host.user}@${host.host}:${host.port ?? 22}`;
  }

  /** The open connection, opening one if needed. */
  connect(): Promise<Client> {
    if (this.disposed) return Promise.reject(new SshError(`${this.description}: closed`, true));
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.unlockKey().then(() => this.open()).finally(() => { this.connecting = null; });
    return this.connecting;
  }

  private passphrase: string | undefined;

  /** For an encrypted identity file: the passphrase, asked once per transport and checked here. */
  private async unlockKey(): Promise<void> {
    const file = this.host.identityFile;
    this.passphrase ??= this.options.passphrase;
    if (!file || this.passphrase !== undefined) return;
    let data: Buffer;
    try { data = readFileSync(file); } catch { return; } // open() reports it
    const parsed = utils.parseKey(data);
    if (!(parsed instanceof Error) || !/passphrase/i.test(parsed.message)) return;
    const given = this.options.askPassphrase ? await this.options.askPassphrase(file) : undefined;
    if (given === undefined) throw new SshError(`the identity file ${file} is encrypted and no passphrase was given`, true);
    if (utils.parseKey(data, given) instanceof Error) throw new SshError(`wrong passphrase for ${file}`, true);
    this.passphrase = given;
  }

  private open(): Promise<Client> {
    const h = this.host;
    const port = h.port ?? 22;
    const knownHosts = this.options.knownHostsFile ?? join(homedir(), '.ssh', 'known_hosts');
    let hostKeyProblem: SshError | null = null;
    const config: ConnectConfig = {
      host: h.host,
      port,
      username: h.user,
      readyTimeout: this.options.readyTimeoutMs ?? 20_000,
      keepaliveInterval: this.options.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: 3,
      agent: process.env.SSH_AUTH_SOCK,
      passphrase: this.passphrase,
      password: this.options.password,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        const verdict = checkHostKey(knownHosts, h.host, port, key);
        if (verdict.kind === 'known') return verify(true);
        const fp = fingerprint(key);
        if (verdict.kind === 'changed') {
          hostKeyProblem = new SshError(
            `the host key of ${knownHostsName(h.host, port)} has CHANGED (now ${keyType(key)} ${fp}); it differs from ${knownHosts}:${verdict.line}. ` +
              'Refusing to connect: this can mean someone is intercepting the connection. If the host was reinstalled, remove that line.',
            true,
          );
          return verify(false);
        }
        const ask = this.options.confirmUnknownHost ?? (async () => false);
        ask({ host: h.host, port, keyType: keyType(key), fingerprint: fp }).then(
          (ok) => {
            if (ok) addHostKey(knownHosts, h.host, port, key);
            else hostKeyProblem = new SshError(`the host key of ${knownHostsName(h.host, port)} (${keyType(key)} ${fp}) is not in ${knownHosts} and was not accepted`, true);
            verify(ok);
          },
          () => verify(false),
        );
      },
    };
    if (h.identityFile) {
      try {
        config.privateKey = readFileSync(h.identityFile);
      } catch (e) {
        return Promise.reject(new SshError(`cannot read identity file ${h.identityFile}: ${(e as NodeJS.ErrnoException).code ?? e}`, true));
      }
    }
    return new Promise<Client>((resolve, reject) => {
      const client = new Client();
      let ready = false;
      client.on('ready', () => {
        ready = true;
        this.client = client;
        resolve(client);
      });
      client.on('error', (err: Error & { level?: string; code?: string }) => {
        if (ready) return; // a drop after connecting surfaces as 'close'
        reject(hostKeyProblem ?? this.explain(err));
      });
      client.on('close', () => {
        if (this.client === client) this.client = null;
        if (!ready) reject(hostKeyProblem ?? new SshError(`${this.description}: connection closed during login`, false));
      });
      try {
        client.connect(config);
      } catch (e) {
        reject(new SshError(`${this.description}: ${e instanceof Error ? e.message : String(e)}`, true));
      }
    });
  }

  private explain(err: Error & { level?: string; code?: string }): SshError {
    if (err.level === 'client-authentication') {
      return new SshError(`authentication failed for ${this.host.user}@${this.host.host}:${this.host.port ?? 22} (methods tried: ${this.host.identityFile ? 'publickey ' + this.host.identityFile : 'agent'}${this.options.password ? ', password' : ''})`, true);
    }
    if (err.level === 'client-timeout') return new SshError(`${this.description}: timed out while connecting`, false);
    const code = err.code ?? '';
    if (['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET'].includes(code)) {
      return new SshError(`cannot reach ${this.host.host}:${this.host.port ?? 22} (${code})`, code === 'ENOTFOUND');
    }
    return new SshError(`${this.description}: ${err.message}`, false);
  }

  async exec(command: string, stdin?: string): Promise<ExecResult> {
    const client = await this.connect();
    return new Promise((resolve, reject) => {
      client.exec(command, (err, ch) => {
        if (err) return reject(new SshError(`${this.description}: ${err.message}`, false));
        const out: Buffer[] = [];
        const errs: Buffer[] = [];
        let code: number | null = null;
        ch.on('data', (b: Buffer) => out.push(b));
        ch.stderr.on('data', (b: Buffer) => errs.push(b));
        ch.on('exit', (c: number | null) => { code = c; });
        ch.on('close', () => {
          if (code === null) return reject(new SshError(`${this.description}: connection lost (or the command was killed): ${command.slice(0, 80)}`, false));
          resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errs).toString('utf8') });
        });
        ch.end(stdin ?? '');
      });
    });
  }

  async stream(command: string, onData: (chunk: Buffer) => void, signal: AbortSignal): Promise<{ code: number | null; lost: boolean }> {
    const client = await this.connect();
    return new Promise((resolve, reject) => {
      client.exec(command, (err, ch) => {
        if (err) return reject(new SshError(`${this.description}: ${err.message}`, false));
        let code: number | null = null;
        const stop = () => { ch.signal('TERM'); ch.close(); };
        signal.addEventListener('abort', stop, { once: true });
        ch.on('data', (b: Buffer) => { if (!signal.aborted) onData(b); });
        ch.stderr.resume();
        ch.on('exit', (c: number | null) => { code = c; });
        ch.on('close', () => {
          signal.removeEventListener('abort', stop);
          resolve({ code, lost: !signal.aborted && code === null });
        });
        ch.end();
      });
    });
  }

  /** Drops the connection now (tests; a settings change). */
  disconnect(): void {
    this.client?.end();
    this.client = null;
  }

  dispose(): void {
    this.disposed = true;
    this.disconnect();
  }
}
