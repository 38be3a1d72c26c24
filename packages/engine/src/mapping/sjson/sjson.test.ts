import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { gjsonGet, gjsonValid, resultString, resultValue } from "../gjson/index.ts";
import { EngineError } from "../../errors.ts";
import { SjsonError, sjsonDelete, sjsonSet, sjsonSetRaw } from "./index.ts";

const SjsonVector = z.object({
  name: z.string(),
  section: z.literal("§7.3"),
  json: z.string(),
  path: z.string(),
  value: z.unknown().optional(),
  raw: z.string().optional(),
  delete: z.literal(true).optional(),
  expected: z.string(),
  error: z.string().optional(),
});
type SjsonVector = z.infer<typeof SjsonVector>;

const vectors = z
  .array(SjsonVector)
  .parse(JSON.parse(readFileSync(new URL("../vectors/sjson.json", import.meta.url), "utf8")));

function apply(v: SjsonVector): string {
  if (v.delete === true) return sjsonDelete(v.json, v.path);
  if (v.raw !== undefined) return sjsonSetRaw(v.json, v.path, v.raw);
  return sjsonSet(v.json, v.path, v.value);
}

describe("sjson vectors from tidwall/sjson v1.2.5", () => {
  it("has a vector for every case name once", () => {
    expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length);
    expect(vectors.length).toBeGreaterThanOrEqual(25);
  });

  it.each(vectors)("$name", (v) => {
    if (v.error === undefined) {
      expect(apply(v)).toBe(v.expected);
      return;
    }
    let thrown: unknown = null;
    try {
      apply(v);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SjsonError);
    expect(thrown).toHaveProperty("message", v.error);
  });
});

describe("sjsonSet", () => {
  it("builds an Argo payload from an empty document, one dest at a time", () => {
    let body = "";
    body = sjsonSet(body, "bucket", "uploads");
    body = sjsonSet(body, "type", "put");
    body = sjsonSetRaw(body, "size", "1024");
    body = sjsonSet(body, "tags.-1", "a");
    body = sjsonSet(body, "tags.-1", "b");
    expect(body).toBe('{"bucket":"uploads","type":"put","size":1024,"tags":["a","b"]}');
  });

  it("rejects an empty path with a typed error", () => {
    const err = (() => {
      try {
        sjsonSet("{}", "", 1);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(SjsonError);
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({
      name: "SjsonError",
      code: "VALIDATION",
      reason: "EMPTY_PATH",
      message: "path cannot be empty",
    });
  });

  it("reports the reason of each rejection", () => {
    const reason = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e instanceof SjsonError ? e.reason : e;
      }
      return "no error";
    };
    expect(reason(() => sjsonSet("[1]", "a", 1))).toBe("NON_NUMERIC_ARRAY_KEY");
    expect(reason(() => sjsonDelete('{"a":[1]}', "a.#"))).toBe("COMPLEX_DELETE");
    expect(reason(() => sjsonSet("{}", "a", { n: Number.NaN }))).toBe("UNSUPPORTED_VALUE");
    expect(reason(() => sjsonSet("{}", "a", { f: () => 1 }))).toBe("UNSUPPORTED_VALUE");
    expect(reason(() => sjsonSet("{}", "a", new Date(0)))).toBe("UNSUPPORTED_VALUE");
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(reason(() => sjsonSet("{}", "a", cyclic))).toBe("UNSUPPORTED_VALUE");
  });

  it("writes a top-level float the way sjson writes a Go float64, NaN and -0 included", () => {
    expect(sjsonSet("", "n", Number.NaN)).toBe('{"n":NaN}');
    expect(sjsonSet("", "n", -0)).toBe('{"n":-0}');
    expect(sjsonSet("", "n", 12345678901234567890n)).toBe('{"n":12345678901234567890}');
  });

  it("leaves out undefined object members and writes undefined elements as null", () => {
    expect(sjsonSet("", "o", { a: undefined, b: [undefined, 1] })).toBe('{"o":{"b":[null,1]}}');
    expect(sjsonSet("", "o", undefined)).toBe('{"o":null}');
  });

  it("sorts object keys in code point order like Go", () => {
    expect(sjsonSet("", "o", { "\uff61": 1, "😀": 2, b: 3, B: 4 })).toBe('{"o":{"B":4,"b":3,"\uff61":1,"😀":2}}');
  });

  it("returns the input unchanged when a delete finds nothing", () => {
    const doc = '{ "a" : 1 }';
    expect(sjsonDelete(doc, "b.c")).toBe(doc);
  });
});

/** JSON text with object keys sorted, so values compare regardless of key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
  if (v !== null && typeof v === "object") {
    const o = Object.fromEntries(Object.entries(v));
    return (
      "{" +
      Object.keys(o)
        .sort()
        .map((k) => JSON.stringify(k) + ":" + canonical(o[k]))
        .join(",") +
      "}"
    );
  }
  return JSON.stringify(v) ?? "null";
}

describe("sjson properties", () => {
  const key = fc.stringMatching(/^[a-z.]{1,5}$/);
  const escape = (k: string): string => k.replaceAll(".", "\\.");

  it("reads back with gjson what it wrote", () => {
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.jsonValue()),
        fc.array(key, { minLength: 1, maxLength: 3 }),
        fc.jsonValue(),
        (doc, keys, value) => {
          const path = keys.map(escape).join(".");
          let out: string;
          try {
            out = sjsonSet(JSON.stringify(doc), path, value);
          } catch (e) {
            // Writing a key into an existing array is rejected, as in sjson.
            if (e instanceof SjsonError && e.reason === "NON_NUMERIC_ARRAY_KEY") return;
            throw e;
          }
          expect(gjsonValid(out)).toBe(true);
          const got = gjsonGet(out, path);
          if (typeof value === "string") expect(resultString(got)).toBe(value);
          else expect(canonical(resultValue(got))).toBe(canonical(value));
        },
      ),
    );
  });

  it("deletes what it wrote", () => {
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue()), key, fc.jsonValue(), (doc, k, value) => {
        const path = escape(k);
        const out = sjsonDelete(sjsonSet(JSON.stringify(doc), path, value), path);
        expect(gjsonGet(out, path).exists).toBe(false);
        expect(gjsonValid(out)).toBe(true);
      }),
    );
  });
});
