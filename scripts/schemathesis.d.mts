// Types of scripts/schemathesis.mjs.
export const SCHEMATHESIS_VERSION: string;
/** Install schemathesis (pinned) into `.services/venv` when needed; returns the `st` executable. */
export function ensureSchemathesis(): string;
