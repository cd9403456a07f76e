// The built-in schemas' validators compiled at build time. Empty here (tests, tsx): scripts/build.mjs
// puts precompile.ts's generated code in this module's place in every bundle.
import type { ValidateFunction } from 'ajv';

export const PRECOMPILED: Record<string, ValidateFunction | undefined> = {};
