import { describe, expect, it } from "vitest";
import {
  describeFilter,
  filterFromParams,
  filterToApi,
  filterToQuery,
  isEmptyFilter,
  liveFilterOf,
  parseMatchInput,
} from "./eventFilter.ts";

describe("event filters in the URL", () => {
  it("round-trips through the query string, keeping several matches", () => {
    const query = "ns=shop&source=hooks&subject=order&outcome=failed&match=body.customer%3Dann&match=body.total%3D3&from=2026-11-27T10:00:00Z&id=abc";
    const params = new URLSearchParams(query);
    const filter = filterFromParams(params, "shop");
    expect(filter).toEqual({
      namespace: "shop",
      source: "hooks",
      subject: "order",
      type: "",
      sensor: "",
      trigger: "",
      outcome: "failed",
      from: "2026-11-27T10:00:00Z",
      to: "",
      match: ["body.customer=ann", "body.total=3"],
    });
    expect(filterToQuery(filter, params.get("id") ?? undefined)).toBe(
      "ns=shop&source=hooks&subject=order&outcome=failed&from=2026-11-27T10%3A00%3A00Z&match=body.customer%3Dann&match=body.total%3D3&id=abc",
    );
  });

  it("drops values the API would refuse", () => {
    const filter = filterFromParams(new URLSearchParams("outcome=maybe&from=yesterday&match=nopath&match=a%20b%3Dc"), "default");
    expect(filter.outcome).toBe("");
    expect(filter.from).toBe("");
    expect(filter.match).toEqual([]);
    expect(isEmptyFilter(filter)).toBe(true);
  });

  it("gives the API only what is set, and the live stream only what it can filter", () => {
    const filter = filterFromParams(new URLSearchParams("source=hooks&match=body.a%3D1"), "shop");
    expect(filterToApi(filter)).toEqual({ namespace: "shop", source: "hooks", match: ["body.a=1"] });
    expect(liveFilterOf(filter)).toEqual({ namespace: "shop", source: "hooks", match: ["body.a=1"] });
    expect(liveFilterOf({ ...filter, outcome: "failed" })).toBeUndefined();
    expect(describeFilter(filter)).toBe("source hooks, body.a=1");
  });

  it("splits the search box into match expressions", () => {
    expect(parseMatchInput(" body.customer=ann  oops body.n=2 ")).toEqual({
      match: ["body.customer=ann", "body.n=2"],
      invalid: ["oops"],
    });
  });
});
