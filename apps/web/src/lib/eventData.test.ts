import { describe, expect, it } from "vitest";
import { bodyFirst } from "./eventData.ts";

describe("bodyFirst", () => {
  it("puts a webhook payload's body, then metadata, before its headers", () => {
    const data = {
      header: { "Content-Type": ["application/json"] },
      body: { message: "hi" },
      metadata: { team: "payments" },
    };
    const shown = bodyFirst(data);
    expect(Object.keys(shown as object)).toEqual(["body", "metadata", "header"]);
    expect(shown).toEqual(data);
  });

  it("leaves other payloads alone", () => {
    const data = { a: 1, header: {} };
    expect(bodyFirst(data)).toBe(data);
    expect(bodyFirst([1])).toEqual([1]);
    expect(bodyFirst("text")).toBe("text");
    expect(bodyFirst(null)).toBe(null);
  });
});
