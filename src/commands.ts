// Every command the extension contributes, in one table. package.json `contributes.commands` mirrors
// it (a test compares them); features register their handlers by these ids.
export const COMMANDS = {
  restartServer: { id: 'modelops.restartServer', title: 'Restart Language Server', category: 'ModelOps' },
  showServerOutput: { id: 'modelops.showServerOutput', title: 'Show Language Server Output', category: 'ModelOps' },
  // Registry views (src/registry)
  registryOpen: { id: 'modelops.registry.open', title: 'Open', category: 'ModelOps' },
  registryRevealInExplorer: { id: 'modelops.registry.revealInExplorer', title: 'Reveal in Explorer', category: 'ModelOps' },
  registryCopyName: { id: 'modelops.registry.copyName', title: 'Copy Name', category: 'ModelOps' },
  registryNewModel: { id: 'modelops.registry.newModel', title: 'New Model Spec…', category: 'ModelOps' },
  registryNewDataset: { id: 'modelops.registry.newDataset', title: 'New Dataset…', category: 'ModelOps' },
  registryNewResults: { id: 'modelops.registry.newResults', title: 'New Results…', category: 'ModelOps' },
  registryDelete: { id: 'modelops.registry.delete', title: 'Delete…', category: 'ModelOps' },
  registryRefresh: { id: 'modelops.registry.refresh', title: 'Refresh', category: 'ModelOps' },
  registryFilter: { id: 'modelops.registry.filter', title: 'Filter…', category: 'ModelOps' },
  registryClearFilter: { id: 'modelops.registry.clearFilter', title: 'Clear Filter', category: 'ModelOps' },
  registryGroupModels: { id: 'modelops.registry.groupModels', title: 'Group Models By…', category: 'ModelOps' },
  registryShowLineage: { id: 'modelops.registry.showLineage', title: 'Show Lineage', category: 'ModelOps' },
  registryImportHfFolder: { id: 'modelops.registry.importHfFolder', title: 'Import Hugging Face Model Folder…', category: 'ModelOps' },
  registryImportLmEval: { id: 'modelops.registry.importLmEval', title: 'Import lm-evaluation-harness Results…', category: 'ModelOps' },
  registryImportModelScores: { id: 'modelops.registry.importModelScores', title: 'Import model_scores Folder…', category: 'ModelOps' },
  registryImportHub: { id: 'modelops.registry.importHub', title: 'Import from the Hugging Face Hub…', category: 'ModelOps' },
  registrySetHfToken: { id: 'modelops.registry.setHfToken', title: 'Set Hugging Face Token…', category: 'ModelOps' },
  registryRemoveArtifact: { id: 'modelops.registry.removeArtifact', title: 'Remove Local Artifact…', category: 'ModelOps' },
  registryRevealArtifact: { id: 'modelops.registry.revealArtifact', title: 'Reveal', category: 'ModelOps' },
  registryConfigure: { id: 'modelops.registry.configure', title: 'Configure Registries…', category: 'ModelOps' },
  registryOpenDocs: { id: 'modelops.registry.openDocs', title: 'Open Documentation', category: 'ModelOps' },
  // Evaluation and dataset tools (src/evaluation, src/datasets)
  evaluationEvaluate: { id: 'modelops.evaluation.evaluate', title: 'Evaluate Model', category: 'ModelOps' },
  evaluationCompare: { id: 'modelops.evaluation.compare', title: 'Compare Models…', category: 'ModelOps' },
  datasetSplit: { id: 'modelops.dataset.split', title: 'Split Dataset…', category: 'ModelOps' },
  datasetSample: { id: 'modelops.dataset.sample', title: 'Sample Dataset…', category: 'ModelOps' },
  datasetSanitize: { id: 'modelops.dataset.sanitize', title: 'Sanitize Dataset…', category: 'ModelOps' },
  datasetValidate: { id: 'modelops.dataset.validate', title: 'Validate Data', category: 'ModelOps' },
  // Training (src/training)
  trainingTrain: { id: 'modelops.training.train', title: 'Train…', category: 'ModelOps' },
  trainingShowLog: { id: 'modelops.training.showLog', title: 'Show Log', category: 'ModelOps' },
  trainingShowChart: { id: 'modelops.training.showChart', title: 'Show Chart', category: 'ModelOps' },
  trainingOpenLogFile: { id: 'modelops.training.openLogFile', title: 'Open Log File', category: 'ModelOps' },
  trainingCancel: { id: 'modelops.training.cancel', title: 'Cancel Job', category: 'ModelOps' },
  trainingRerun: { id: 'modelops.training.rerun', title: 'Rerun Job', category: 'ModelOps' },
  trainingCompare: { id: 'modelops.training.compareWithCurrent', title: 'Compare with Current Spec', category: 'ModelOps' },
  trainingOpenSpec: { id: 'modelops.training.openSpec', title: 'Open Model Spec', category: 'ModelOps' },
  trainingDeleteRecord: { id: 'modelops.training.deleteRecord', title: 'Delete Job Record…', category: 'ModelOps' },
  // Leaderboard (src/leaderboard)
  leaderboardOpen: { id: 'modelops.leaderboard.open', title: 'Open Leaderboard', category: 'ModelOps' },
  leaderboardInsertMarkdown: { id: 'modelops.leaderboard.insertMarkdown', title: 'Insert Leaderboard as Markdown Table', category: 'ModelOps' },
  leaderboardUpdateTables: { id: 'modelops.leaderboard.updateTables', title: 'Update Leaderboard Tables', category: 'ModelOps' },
  leaderboardRefreshBlock: { id: 'modelops.leaderboard.refreshBlock', title: 'Refresh Leaderboard Table', category: 'ModelOps' },
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandName]['id'];
