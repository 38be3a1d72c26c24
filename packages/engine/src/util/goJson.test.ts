import { describe, expect, it } from "vitest";
import { compactJson, formatGoFloat, goMarshal, OrderedObject, RawJson } from "./goJson.ts";

describe("Go-compatible JSON", () => {
  it("sorts map keys and escapes HTML characters like encoding/json", () => {
    expect(goMarshal({ b: "<x>", a: ["&"] })).toBe('{"a":["\\u0026"],"b":"\\u003cx\\u003e"}');
  });

  it("keeps struct field order and omits undefined fields", () => {
    expect(goMarshal(new OrderedObject([["header", {}], ["body", new RawJson('{ "z" : 1.50 }')], ["metadata", undefined]]))).toBe(
      '{"header":{},"body":{"z":1.50}}',
    );
  });

  it("compacts raw JSON keeping number text and escapes, HTML-escaping strings", () => {
    expect(compactJson('{\n  "a": "x y <b>",\n  "n": 1e3, "s": "\\"q\\""\n}')).toBe('{"a":"x y \\u003cb\\u003e","n":1e3,"s":"\\"q\\""}');
  });

  it("returns already-compact JSON unchanged and handles escapes at string edges, separators and U+2028/9", () => {
    const compact = '{"kind":"bench","list":[1,2.50,"x\\\\"],"u":"\\u00e9"}';
    expect(compactJson(compact)).toBe(compact);
    expect(compactJson('[ "a\\\\" , "&" ,\t"\u2028\u2029" ]')).toBe('["a\\\\","\\u0026","\\u2028\\u2029"]');
    expect(compactJson(' "\\" <" ')).toBe('"\\" \\u003c"');
  });

  it("formats floats like Go", () => {
    expect(formatGoFloat(12.5)).toBe("12.5");
    expect(formatGoFloat(1e21)).toBe("1e+21");
    expect(formatGoFloat(1e-7)).toBe("1e-07");
    expect(formatGoFloat(100)).toBe("100");
  });
});
