// The SSH transport (ssh2): one connection per host, opened on first use and reopened after a
// drop; known_hosts verification; keepalives; clear errors for auth failure and unreachable hosts.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Client, utils, type AuthenticationType, type ConnectConfig, type NextAuthHandler } from 'ssh2';
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

/** Who logs in where: what a password prompt names (and a secret store keys on). */
export interface SshLogin {
  name: string;
  host: string;
  port: number;
  user: string;
}

export interface SshOptions {
  /** Default ~/.ssh/known_hosts. */
  knownHostsFile?: string;
  /** Asked about a host key known_hosts lacks; true = trust and record it. Default: refuse. */
  confirmUnknownHost?: (key: UnknownHostKey) => Promise<boolean>;
  /** A passphrase for the identity file (asked once by the caller, kept by it). */
  passphrase?: string;
  /** Asked once for an encrypted identity file's passphrase when `passphrase` is not given; undefined = cancel. */
  askPassphrase?: (identityFile: string) => Promise<string | undefined>;
  /**
   * Asked for the login's password when the server offers password (or keyboard-interactive) auth
   * and key auth is not available or failed. `rejected`: the server refused the previous answer
   * (asked again at most once per connect). undefined = give up. A password that worked is kept
   * by the transport for reconnects.
   */
  askPassword?: (login: SshLogin, rejected: boolean) => Promise<string | undefined>;
  /** Told when the server refused a password askPassword gave (so a caller can forget a stored one). */
  passwordRejected?: (login: SshLogin) => void | Promise<void>;
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
      config.authHandler = this.authHandler(client, !!config.privateKey, !!config.agent);
      let ready = false;
      client.on('ready', () => {
        ready = true;
        if (this.sent !== undefined) this.password = this.sent;
        this.sent = undefined;
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

  /** The password that worked, kept for reconnects (memory only). */
  private password: string | undefined;
  /** What the last login attempt tried, and why the password part failed (for the error). */
  private tried: string[] = [];
  private passwordProblem: string | null = null;
  /** The password of the attempt under way. */
  private sent: string | undefined;

  get login(): SshLogin {
    return { name: this.host.name, host: this.host.host, port: this.host.port ?? 22, user: this.host.user ?? '' };
  }

  /**
   * The order of auth methods: none (learns what the server offers), the identity file, the agent,
   * then a password (the kept one, else askPassword; asked again at most once after a refusal),
   * by the password method if offered, else keyboard-interactive.
   */
  private authHandler(client: Client, hasKey: boolean, hasAgent: boolean) {
    const keyMethods: AuthenticationType[] = [...(hasKey ? ['publickey' as const] : []), ...(hasAgent ? ['agent' as const] : [])];
    let step = 0;
    let asks = 0;
    let forgotten: Promise<void> = Promise.resolve();
    this.sent = undefined;
    this.tried = [];
    this.passwordProblem = null;
    return (methodsLeft: AuthenticationType[] | null, _partial: boolean | null, next: NextAuthHandler): void => {
      // ssh2 takes `false` as "no method left" (an auth failure), though its types omit it
      const giveUp = () => next(false as unknown as AuthenticationType);
      if (this.sent !== undefined) {
        // the previous password attempt failed
        if (this.password === this.sent) this.password = undefined;
        this.passwordProblem = 'the password was refused';
        forgotten = Promise.resolve(this.options.passwordRejected?.(this.login)).catch(() => {});
        this.sent = undefined;
      }
      if (step === 0) { step++; return next('none'); }
      const offered = methodsLeft ?? [];
      while (step - 1 < keyMethods.length) {
        const m = keyMethods[step++ - 1];
        if (offered.includes(m === 'agent' ? 'publickey' : m)) {
          this.tried.push(m === 'publickey' ? `publickey ${this.host.identityFile}` : 'agent');
          return next(m);
        }
      }
      const method = offered.includes('password') ? 'password' : offered.includes('keyboard-interactive') ? 'keyboard-interactive' : null;
      if (!method || (!this.options.askPassword && this.password === undefined) || asks >= 2) return giveUp();
      const send = (password: string | undefined) => {
        if (password === undefined) {
          this.passwordProblem ??= 'no password was given';
          return giveUp();
        }
        this.sent = password;
        if (!this.tried.includes(method)) this.tried.push(method);
        const username = this.host.user ?? '';
        if (method === 'password') return next({ type: 'password', username, password });
        next({
          type: 'keyboard-interactive',
          username,
          // one hidden prompt is the password; anything else (a second factor) cannot be answered here
          prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map((p) => (p.echo ? '' : password))),
        });
      };
      if (this.password !== undefined && asks === 0) { asks++; return send(this.password); }
      const rejected = this.passwordProblem !== null;
      asks++;
      // A person may be typing: sshd's LoginGraceTime bounds the wait, not our ready timeout.
      clearTimeout((client as unknown as { _readyTimeout?: NodeJS.Timeout })._readyTimeout);
      // asked after a refused one is forgotten, so a new answer is not forgotten in its place
      forgotten.then(() => this.options.askPassword!(this.login, rejected)).then(send, () => send(undefined));
    };
  }

  private explain(err: Error & { level?: string; code?: string }): SshError {
    if (err.level === 'client-authentication') {
      const methods = this.tried.length ? this.tried.join(', ') : 'none the server accepts';
      return new SshError(`authentication failed for ${this.host.user}@${this.host.host}:${this.host.port ?? 22}${this.passwordProblem ? `: ${this.passwordProblem}` : ''} (methods tried: ${methods})`, true);
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
