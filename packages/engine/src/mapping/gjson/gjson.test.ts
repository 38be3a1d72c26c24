import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { gjsonGet, gjsonValid, resultBool, resultFloat, resultString, resultValue } from "./index.ts";

const GjsonVector = z.object({
  name: z.string(),
  section: z.literal("§7.4"),
  json: z.string(),
  path: z.string(),
  type: z.enum(["Null", "False", "Number", "String", "True", "JSON"]),
  str: z.string(),
  raw: z.string(),
  exists: z.boolean(),
});

const vectors = z
  .array(GjsonVector)
  .parse(JSON.parse(readFileSync(new URL("../vectors/gjson.json", import.meta.url), "utf8")));

describe("gjson vectors from tidwall/gjson v1.19.0", () => {
  it("has a vector for every case name once", () => {
    expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length);
    expect(vectors.length).toBeGreaterThanOrEqual(80);
  });

  it.each(vectors)("$name", (v) => {
    const r = gjsonGet(v.json, v.path);
    expect({ type: r.type, str: resultString(r), raw: r.raw, exists: r.exists }).toEqual({
      type: v.type,
      str: v.str,
      raw: v.raw,
      exists: v.exists,
    });
    // The Str field is the String() text for strings and empty otherwise.
    expect(r.str).toBe(v.type === "String" ? v.str : "");
  });
});

describe("gjsonGet", () => {
  it("returns only the public result fields", () => {
    expect(gjsonGet('{"a":"x"}', "a")).toEqual({ type: "String", raw: '"x"', str: "x", num: 0, exists: true });
  });

  it("parses the number of a Number result", () => {
    expect(gjsonGet('{"n":12.50}', "n").num).toBe(12.5);
  });

  it("answers from the start of a document whose tail is garbage", () => {
    const json = '{"first":1,' + "\u0000{[".repeat(10_000);
    expect(resultString(gjsonGet(json, "first"))).toBe("1");
  });

  it("validates and reads input nested far deeper than the JS stack", () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    expect(gjsonValid(deep)).toBe(true);
    expect(gjsonGet(deep, "0.0.0.#").exists).toBe(true);
  });

  it("answers not-found instead of throwing when a recursive modifier exhausts the JS stack", () => {
    // gjson would answer; past a few thousand levels we cannot without rewriting the modifiers iteratively.
    const deep = "[".repeat(5_000) + "1" + "]".repeat(5_000);
    expect(gjsonGet(deep, "@pretty").exists).toBe(false);
    expect(gjsonGet(`{"a":${deep}}`, "@dig:a").exists).toBe(false);
    expect(gjsonGet(deep, "0" + ".0".repeat(4_999)).exists).toBe(false);
  });
});

describe("result helpers", () => {
  it("converts objects and arrays to native values", () => {
    const r = gjsonGet('{"a":{"b":[1,"x",true,null,{"c":2.5}]}}', "a");
    expect(resultValue(r)).toEqual({ b: [1, "x", true, null, { c: 2.5 }] });
  });

  it("keeps the first of duplicate keys in values", () => {
    expect(resultValue(gjsonGet('{"a":1,"a":2}', "@this"))).toEqual({ a: 1 });
  });

  it("treats __proto__ as an ordinary key", () => {
    const v = resultValue(gjsonGet('{"__proto__":{"polluted":true}}', "@this"));
    expect(Object.keys(v as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("returns null for missing values and scalars as themselves", () => {
    expect(resultValue(gjsonGet("{}", "a"))).toBeNull();
    expect(resultValue(gjsonGet('{"a":"s"}', "a"))).toBe("s");
    expect(resultValue(gjsonGet('{"a":1e3}', "a"))).toBe(1000);
  });

  it("reads booleans the way strconv.ParseBool does after lowercasing", () => {
    const json = '["TRUE","t","1","yes",0,2,true,false,null]';
    const got = Array.from({ length: 9 }, (_, i) => resultBool(gjsonGet(json, String(i))));
    expect(got).toEqual([true, true, true, false, false, true, true, false, false]);
  });

  it("reads floats the way strconv.ParseFloat does", () => {
    const f = (json: string) => resultFloat(gjsonGet(json, "v"));
    expect(f('{"v":"1_000.5"}')).toBe(1000.5);
    expect(f('{"v":"0x1p3"}')).toBe(8);
    expect(f('{"v":" 12"}')).toBe(0);
    expect(f('{"v":"0x10"}')).toBe(0);
    expect(f('{"v":"-Inf"}')).toBe(-Infinity);
    expect(f('{"v":true}')).toBe(1);
  });

  it("formats computed numbers without raw text", () => {
    expect(resultString({ type: "Number", raw: "", str: "", num: 1e21, exists: true })).toBe("1000000000000000000000");
    expect(resultString({ type: "Number", raw: "", str: "", num: -0, exists: true })).toBe("-0");
  });
});

describe("gjson properties", () => {
  const structural = fc.constantFrom(
    ...'{}[]()":,.|#@!*?=<>%~\\ \n0123456789-+.eEtrufalsnx'.split(""),
    "é",
    "😀",
    '"a"',
    "@this",
    "#(",
    "..",
  );

  it("never throws on arbitrary documents and paths", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (json, path) => {
        gjsonGet(json, path);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: structural, maxLength: 60 }),
        fc.string({ unit: structural, maxLength: 20 }),
        (json, path) => {
          const r = gjsonGet(json, path);
          resultString(r);
          resultValue(r);
        },
      ),
    );
  });

  it("agrees with JSON.parse on validity", () => {
    const parses = (s: string): boolean => {
      try {
        JSON.parse(s);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(fc.property(fc.string({ unit: structural, maxLength: 40 }), (s) => gjsonValid(s) === parses(s)));
    fc.assert(fc.property(fc.json(), (s) => gjsonValid(s)));
  });

  it("reads back every member of a serialised object", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.jsonValue()), (obj) => {
        const json = JSON.stringify(obj);
        for (const [k, v] of Object.entries(obj)) {
          expect(JSON.stringify(resultValue(gjsonGet(json, k)))).toBe(JSON.stringify(v));
        }
      }),
    );
  });
});
