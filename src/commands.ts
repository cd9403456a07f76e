// Every command the extension contributes, in one table. package.json `contributes.commands` mirrors
// it (a test compares them); features register their handlers by these ids.
export const COMMANDS = {
  restartServer: { id: 'modelops.restartServer', title: 'Restart Language Server', category: 'ModelOps' },
  showServerOutput: { id: 'modelops.showServerOutput', title: 'Show Language Server Output', category: 'ModelOps' },
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandName]['id'];
