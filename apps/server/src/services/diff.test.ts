import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./diff.ts";

describe("unifiedDiff", () => {
  it("is empty for equal texts and shows changed lines with context", () => {
    expect(unifiedDiff("a\nb", "a\nb", { from: "x", to: "y" })).toBe("");
    const before = ["one", "two", "three", "four", "five", "six", "seven", "eight"].join("\n");
    const after = ["one", "two", "three", "FOUR", "five", "six", "seven", "eight", "nine"].join("\n");
    expect(unifiedDiff(before, after, { from: "v1", to: "v2" })).toBe(
      ["--- v1", "+++ v2", "@@ -1,8 +1,9 @@", " one", " two", " three", "-four", "+FOUR", " five", " six", " seven", " eight", "+nine", ""].join("\n"),
    );
  });

  it("splits distant changes into separate hunks", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const changed = [...lines];
    changed[2] = "changed 2";
    changed[25] = "changed 25";
    const diff = unifiedDiff(lines.join("\n"), changed.join("\n"), { from: "a", to: "b" });
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toContain("@@ -1,6 +1,6 @@");
    expect(diff).toContain("@@ -23,7 +23,7 @@");
  });
});
