import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileLua, runLuaFilter, runLuaTransform } from "./lua.ts";

const TransformVector = z.object({
  name: z.string(),
  section: z.literal("§5.5"),
  script: z.string(),
  input: z.string().nullable(),
  expected: z.string().nullable().optional(),
  error: z.literal(true).optional(),
  argoError: z.string().optional(),
});

const FilterVector = z.object({
  name: z.string(),
  section: z.literal("§5.4"),
  script: z.string(),
  input: z.string().nullable(),
  expected: z.boolean().optional(),
  error: z.literal(true).optional(),
  argoError: z.string().optional(),
});

function readVectors<TSchema extends z.ZodType>(file: string, schema: TSchema): z.infer<TSchema>[] {
  return z.array(schema).parse(JSON.parse(readFileSync(new URL(`./vectors/${file}`, import.meta.url), "utf8")));
}

const transformVectors = readVectors("lua-transform.json", TransformVector);
const filterVectors = readVectors("lua-filter.json", FilterVector);

describe("runLuaTransform matches Argo Events (gopher-lua v1.1.2 + json.Marshal)", () => {
  it.each(transformVectors)("$name", (vector) => {
    const result = runLuaTransform(vector.script, vector.input ?? undefined);
    if (vector.error === true) {
      expect(result.ok, JSON.stringify(result)).toBe(false);
    } else if (vector.expected === null) {
      expect(result).toEqual({ ok: true, changed: false });
    } else {
      expect(result).toMatchObject({ ok: true, changed: true, json: vector.expected });
    }
  });
});

describe("runLuaFilter matches Argo Events (gopher-lua v1.1.2)", () => {
  it.each(filterVectors)("$name", (vector) => {
    const result = runLuaFilter(vector.script, vector.input ?? undefined);
    if (vector.error === true) {
      expect(result.ok, JSON.stringify(result)).toBe(false);
    } else {
      expect(result).toMatchObject({ ok: true, match: vector.expected });
    }
  });
});

describe("Lua limits", () => {
  it("stops an endless loop with an instruction-limit error", () => {
    const result = runLuaFilter("while true do end", "{}", { maxInstructions: 100_000 });
    expect(result).toEqual({ ok: false, error: "script exceeded the limit of 100000 instructions" });
  });

  it("stops an endless loop even when the script wraps it in pcall", () => {
    const result = runLuaTransform("while true do pcall(function() while true do end end) end", "{}", { maxInstructions: 100_000 });
    expect(result.ok).toBe(false);
  });

  it("stops a script that runs past its time budget", () => {
    let clock = 0;
    const result = runLuaFilter("while true do end", "{}", { timeoutMs: 50, now: () => (clock += 10) });
    expect(result).toEqual({ ok: false, error: "script exceeded the time limit of 50 ms" });
  });

  it("stops a script that doubles a string without bound", () => {
    const result = runLuaFilter('local s = "x" while true do s = s .. s end', "{}", { maxStringBytes: 1024 * 1024 });
    expect(result.ok).toBe(false);
  });

  it("refuses string.rep beyond the string limit before allocating", () => {
    const result = runLuaFilter('return #string.rep("x", 1e9) > 0', "{}");
    expect(result).toMatchObject({ ok: false });
  });

  it("runs the next script normally after a stopped one", () => {
    runLuaFilter("while true do end", "{}", { maxInstructions: 10_000 });
    expect(runLuaFilter("return true", "{}")).toMatchObject({ ok: true, match: true });
  });
});

describe("compileLua", () => {
  it("accepts a Lua 5.1 script", () => {
    expect(compileLua('if event.body.a == "b" then return true else return false end')).toMatchObject({ ok: true });
  });

  it.each(["return 7 // 2", "return 5 & 3", "goto done ::done::", "return {"])("rejects %s", (script) => {
    expect(compileLua(script).ok).toBe(false);
  });
});

describe("host access", () => {
  it("offers no io, os.execute, os.getenv or require", () => {
    const result = runLuaTransform("return {io = io == nil, exec = os.execute == nil, env = os.getenv == nil, req = require == nil}", "{}");
    expect(result).toMatchObject({ ok: true, json: '{"env":true,"exec":true,"io":true,"req":true}' });
  });
});
