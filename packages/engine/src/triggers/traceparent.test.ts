import { describe, expect, it } from "vitest";
import { childTraceparent, withChildTraceparent } from "./http.ts";

describe("childTraceparent", () => {
  it("keeps version, trace id and flags and draws a new span id", () => {
    const child = childTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", () => new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(child).toBe("00-4bf92f3577b34da6a3ce929d0e0e4736-0102030405060708-01");
  });

  it("ignores invalid parents: malformed, all-zero ids, version ff", () => {
    for (const parent of ["", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]) {
      expect(childTraceparent(parent)).toBeUndefined();
    }
  });

  it("leaves a traceparent header the trigger sets itself", () => {
    const action = { kind: "http" as const, method: "POST", url: "http://x", headers: { TraceParent: "mine" }, secretHeaders: [], timeoutMs: 1000 };
    expect(withChildTraceparent(action, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).toBe(action);
  });
});
