import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { appRouter } from "../routers/_app.ts";
import { restRoutes } from "./routes.ts";

const doc = readFileSync(resolve(import.meta.dirname, "../../../../docs/api.md"), "utf8");

describe("docs/api.md", () => {
  it("names every procedure and every REST route", () => {
    const procedures = Object.keys(appRouter._def.procedures as unknown as Record<string, unknown>);
    expect(procedures.filter((path) => !doc.includes(`\`${path}\``))).toEqual([]);
    const routes = restRoutes.map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(routes.filter((route) => !doc.includes(route))).toEqual([]);
  });
});
