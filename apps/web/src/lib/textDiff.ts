/**
 * Line diff of two texts as hunks with context, for "review before apply". Pure.
 */
import { structuredPatch } from "diff";

export interface DiffLine {
  kind: "context" | "added" | "removed";
  text: string;
  /** Line number in the old text (context and removed) or the new text (added). */
  line: number;
}

export interface DiffHunk {
  header: string;
  lines: DiffLine[];
}

/** Hunks turning `before` into `after` (empty when equal). */
export function diffTexts(before: string, after: string, context = 3): DiffHunk[] {
  const patch = structuredPatch("before", "after", before, after, "", "", { context });
  return patch.hunks.map((hunk) => {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    const lines: DiffLine[] = [];
    for (const raw of hunk.lines) {
      const mark = raw[0];
      const text = raw.slice(1);
      if (mark === "+") lines.push({ kind: "added", text, line: newLine++ });
      else if (mark === "-") lines.push({ kind: "removed", text, line: oldLine++ });
      else if (mark === " ") {
        lines.push({ kind: "context", text, line: oldLine });
        oldLine++;
        newLine++;
      }
    }
    return { header: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, lines };
  });
}

/** Counts of added and removed lines. */
export function diffStats(hunks: readonly DiffHunk[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const hunk of hunks) {
    for (const line of hunk.lines) {
      if (line.kind === "added") added++;
      else if (line.kind === "removed") removed++;
    }
  }
  return { added, removed };
}
