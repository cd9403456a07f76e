// The templates moved to src/core/metadata/templates.ts (the extension's create commands use them too).
export { fileTemplate, skeletonSnippet } from '../src/core/metadata/templates';
