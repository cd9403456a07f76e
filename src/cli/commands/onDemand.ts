// The commands other than `validate`, bundled on their own (dist/cliOnDemand.js, see scripts/build.mjs)
// and loaded only when one is run: `validate` then never loads ssh2, yaml, csv and the rest.
export { compareCommand } from './compare';
export { datasetCommand } from './dataset';
export { evalCommand } from './eval';
export { importCommand } from './import';
export { jobs } from './jobs';
export { leaderboard } from './leaderboard';
export { train } from './train';
