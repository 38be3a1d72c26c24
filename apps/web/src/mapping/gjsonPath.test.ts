import { describe, expect, it } from "vitest";
import { gjsonGet } from "../engine/index.ts";
import { destinationFor, gjsonPath } from "./gjsonPath.ts";

const doc = {
  body: {
    "order.id": "A-1",
    "a*b?": 1,
    "pipe|hash#at@": true,
    "back\\slash": "x",
    "sp ace": "s",
    "ünï": "u",
    items: [{ sku: "k1" }, { sku: "k2", tags: ["red"] }],
  },
  header: { "Content-Type": ["application/json"] },
};

describe("gjsonPath", () => {
  it("builds paths the engine's gjson resolves to the clicked value", () => {
    const json = JSON.stringify(doc);
    const cases: [readonly (string | number)[], unknown][] = [
      [["body", "order.id"], "A-1"],
      [["body", "a*b?"], 1],
      [["body", "pipe|hash#at@"], true],
      [["body", "back\\slash"], "x"],
      [["body", "sp ace"], "s"],
      [["body", "ünï"], "u"],
      [["body", "items", 1, "tags", 0], "red"],
      [["header", "Content-Type", 0], "application/json"],
      [["body", "items"], doc.body.items],
    ];
    for (const [path, expected] of cases) {
      const found = gjsonGet(json, gjsonPath(path));
      expect(found.exists, gjsonPath(path)).toBe(true);
      expect(JSON.parse(found.raw)).toEqual(expected);
    }
  });

  it("names a destination after the last key", () => {
    expect(destinationFor(["body", "items", 0, "sku"])).toBe("sku");
    expect(destinationFor(["body", "order.id"])).toBe("order\\.id");
    expect(destinationFor([])).toBe("value");
  });
});
