// Entry point of dist/server.js. The transport comes from the command line: --node-ipc (VS Code),
// --stdio (tests, other editors) or --socket=N.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './session';

const connection = createConnection(ProposedFeatures.all);
// A bug in one request must not take the editor's checks down with it.
process.on('uncaughtException', (e) => connection.console.error(`modelops: uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`modelops: unhandled: ${(e as Error)?.stack ?? e}`));
startServer(connection);
