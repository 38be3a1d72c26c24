import { describe, expect, it } from "vitest";
import { namespaceParam, namespacesOf } from "./namespaces.ts";

describe("namespaces", () => {
  it("offers default first, then the others sorted, including the current one", () => {
    expect(namespacesOf([{ namespace: "team-b" }, { namespace: "team-a" }, { namespace: "team-b" }], "new")).toEqual([
      "default",
      "new",
      "team-a",
      "team-b",
    ]);
  });

  it("reads ?ns= and falls back to default for missing or invalid names", () => {
    expect(namespaceParam("team-a")).toBe("team-a");
    expect(namespaceParam(["x", "y"])).toBe("x");
    expect(namespaceParam(undefined)).toBe("default");
    expect(namespaceParam("Not Valid")).toBe("default");
  });
});
