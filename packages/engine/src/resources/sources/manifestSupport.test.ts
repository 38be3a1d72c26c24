import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { describe, expect, it } from "vitest";
import { supportedSourceTypes } from "../eventSource.ts";
import { supportedTriggerTypes } from "../trigger.ts";
import { fieldsOf, manifestSupportMarkdown, sourceNotes, triggerNotes } from "./manifestSupport.ts";

const documentPath = new URL("../../../../../docs/manifest-support.md", import.meta.url);

describe("docs/manifest-support.md", () => {
  it("names only fields the schemas of the types Signalbox runs have", () => {
    for (const [types, notes] of [
      [supportedSourceTypes, sourceNotes],
      [supportedTriggerTypes, triggerNotes],
    ] as const) {
      for (const [type, list] of Object.entries(notes)) {
        const schema = (types as Record<string, Parameters<typeof fieldsOf>[0] | undefined>)[type];
        if (!schema) continue; // a note kept for a type not wired in yet
        for (const note of list) expect(fieldsOf(schema), `${type}.${note.field}`).toContain(note.field);
      }
    }
  });

  it("is current (UPDATE_MANIFEST_SUPPORT=1 rewrites it)", async () => {
    // Formatted as `npm run format` would, so formatting the repository does not make the document stale.
    const options = await resolveConfig(fileURLToPath(documentPath));
    const expected = await format(manifestSupportMarkdown(), { ...options, parser: "markdown" });
    if (process.env.UPDATE_MANIFEST_SUPPORT === "1") writeFileSync(documentPath, expected);
    expect(readFileSync(documentPath, "utf8")).toBe(expected);
  });
});
