// The training core's public surface, for the extension, the CLI and the language server.
export * from './job';
export { JobStore, type StoreProblem } from './jobStore';
export { LineBuffer } from './lineBuffer';
export { LineSplitter } from './logLines';
export { MetricsCollector, parseMetricsLine, X_KEYS, type LineMetrics } from './metrics';
export { JobSession, logTail, type JobEvents } from './session';
export { parseModelSpec, readModelSpec, SpecError, type ModelSpec, type TrainingSpec, type SlurmOptions } from './spec';
export { specDiff, type SpecChange } from './specDiff';
export { resolveSshHost, SshError, SshTransport, type SshHost, type SshLogin, type SshOptions, type UnknownHostKey } from './sshTransport';
export { passwordSecretKey, storedPasswordHooks, type SecretStore } from './sshPasswords';
export { Trainer, type StartOptions, type TrainerOptions } from './trainer';
export { quote, quoteArgs } from './shell';
export { mapSlurmState } from './slurmState';
