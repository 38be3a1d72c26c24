import { describe, expect, it } from "vitest";
import { diffStats, diffTexts } from "./textDiff.ts";

describe("diffTexts", () => {
  it("gives hunks with line numbers and context", () => {
    const hunks = diffTexts("a: 1\nb: 2\nc: 3\n", "a: 1\nb: 3\nc: 3\nd: 4\n");
    expect(hunks).toEqual([
      {
        header: "@@ -1,3 +1,4 @@",
        lines: [
          { kind: "context", text: "a: 1", line: 1 },
          { kind: "removed", text: "b: 2", line: 2 },
          { kind: "added", text: "b: 3", line: 2 },
          { kind: "context", text: "c: 3", line: 3 },
          { kind: "added", text: "d: 4", line: 4 },
        ],
      },
    ]);
    expect(diffStats(hunks)).toEqual({ added: 2, removed: 1 });
  });

  it("is empty for equal texts and all added for a new one", () => {
    expect(diffTexts("x\n", "x\n")).toEqual([]);
    expect(diffStats(diffTexts("", "a\nb\n"))).toEqual({ added: 2, removed: 0 });
  });
});
