// SSH passwords kept in a secret store (VS Code's SecretStorage): asked once per login, reused
// on later connects, forgotten when the server refuses one.
import type { SshLogin, SshOptions } from './sshTransport';

/** The part of a secret store this needs (vscode.SecretStorage has this shape). */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The secret's key: one password per user@host:port. */
export const passwordSecretKey = (login: SshLogin): string => `modelops.ssh.password:${login.user}@${login.host}:${login.port}`;

/**
 * askPassword/passwordRejected hooks for SshOptions: the stored password if there is one (and the
 * last one was not refused), else `prompt`; an answer is stored at once and deleted when refused.
 */
export function storedPasswordHooks(
  secrets: SecretStore,
  prompt: (login: SshLogin, rejected: boolean) => PromiseLike<string | undefined>,
): Required<Pick<SshOptions, 'askPassword' | 'passwordRejected'>> {
  return {
    askPassword: async (login, rejected) => {
      const key = passwordSecretKey(login);
      if (!rejected) {
        const stored = await secrets.get(key);
        if (stored !== undefined) return stored;
      }
      const given = await prompt(login, rejected);
      if (given !== undefined) await secrets.store(key, given);
      return given;
    },
    passwordRejected: async (login) => { await secrets.delete(passwordSecretKey(login)); },
  };
}
