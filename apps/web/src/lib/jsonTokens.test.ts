import { describe, expect, it } from "vitest";
import { jsonTokens, prettyJson } from "./jsonTokens.ts";

describe("jsonTokens", () => {
  it("tokenises pretty JSON without changing its text", () => {
    const value = { message: 'hi "there"', n: -1.5e3, ok: true, none: null, list: [1, "two"], nested: { "a:b": "c" } };
    const tokens = jsonTokens(value);
    expect(tokens.map((token) => token.text).join("")).toBe(prettyJson(value));
    expect(tokens.filter((token) => token.kind === "key").map((token) => token.text)).toEqual([
      '"message"',
      '"n"',
      '"ok"',
      '"none"',
      '"list"',
      '"nested"',
      '"a:b"',
    ]);
    expect(tokens.filter((token) => token.kind === "string").map((token) => token.text)).toEqual([
      '"hi \\"there\\""',
      '"two"',
      '"c"',
    ]);
    expect(tokens.filter((token) => token.kind === "number").map((token) => token.text)).toEqual(["-1500", "1"]);
    expect(tokens.filter((token) => token.kind === "literal").map((token) => token.text)).toEqual(["true", "null"]);
  });

  it("prints scalars and undefined", () => {
    expect(prettyJson("x")).toBe('"x"');
    expect(prettyJson(undefined)).toBe("undefined");
  });
});
