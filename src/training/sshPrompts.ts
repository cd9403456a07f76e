// What the SSH transport asks the person: an unknown host key (a modal with its SHA256
// fingerprint), an identity file's passphrase and a login's password (each asked once, then kept
// in SecretStorage; a password the server refuses is forgotten).
import { readFileSync } from 'node:fs';
import { utils } from 'ssh2';
import * as vscode from 'vscode';
import { storedPasswordHooks } from '../core/training/sshPasswords';
import type { SshOptions, UnknownHostKey } from '../core/training/sshTransport';

const secretKey = (identityFile: string) => `modelops.ssh.passphrase:${identityFile}`;

export function sshPromptOptions(secrets: vscode.SecretStorage): SshOptions {
  return {
    ...storedPasswordHooks(secrets, (login, rejected) => vscode.window.showInputBox({
      title: `SSH password for ${login.user}@${login.host}:${login.port}`,
      prompt: `${rejected ? 'The password was refused. ' : ''}Password for ${login.user}@${login.host}${login.port === 22 ? '' : `:${login.port}`} (host "${login.name}"; kept in VS Code's secret storage)`,
      password: true,
      ignoreFocusOut: true,
    })),
    confirmUnknownHost: async (key: UnknownHostKey) => {
      const trust = 'Trust and Connect';
      const answer = await vscode.window.showWarningMessage(
        `The authenticity of host ${key.host}:${key.port} can't be established.`,
        { modal: true, detail: `Its ${key.keyType} key fingerprint is ${key.fingerprint}.\n\nCheck it with the cluster's administrators. Trusting adds it to ~/.ssh/known_hosts.` },
        trust,
      );
      return answer === trust;
    },
    askPassphrase: async (identityFile: string) => {
      let data: Buffer;
      try { data = readFileSync(identityFile); } catch { return undefined; }
      const works = (p: string) => !(utils.parseKey(data, p) instanceof Error);
      const stored = await secrets.get(secretKey(identityFile));
      if (stored !== undefined) {
        if (works(stored)) return stored;
        await secrets.delete(secretKey(identityFile)); // the key changed: ask again
      }
      for (let attempt = 0; attempt < 3; attempt++) {
        const given = await vscode.window.showInputBox({
          title: 'SSH key passphrase',
          prompt: `${attempt ? 'Wrong passphrase. ' : ''}Passphrase for ${identityFile} (kept in VS Code's secret storage)`,
          password: true,
          ignoreFocusOut: true,
        });
        if (given === undefined) return undefined;
        if (works(given)) {
          await secrets.store(secretKey(identityFile), given);
          return given;
        }
      }
      return undefined;
    },
  };
}

