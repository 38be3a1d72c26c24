/**
 * Auth as a generated matrix: every procedure of the router × every role (and no token). Each procedure's needed
 * role is declared here, and the test fails for a procedure missing from the table, so a new procedure cannot ship
 * without someone deciding who may call it. Also: every non-subscription procedure has a REST route, and every REST
 * route answers 401 without a token.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Principal, Role } from "../auth.ts";
import { buildHttpServer } from "../http.ts";
import { restRoutes } from "../rest/routes.ts";
import { startTestApp, type TestApp } from "../testing/testApp.ts";
import { createContextInner } from "../trpc.ts";
import { appRouter, createCaller } from "./_app.ts";

const needs: Record<string, Role> = {
  "buses.list": "viewer",
  "buses.byName": "viewer",
  "buses.health": "viewer",
  "buses.lag": "viewer",
  "sources.list": "viewer",
  "sources.byName": "viewer",
  "sources.pause": "editor",
  "sources.resume": "editor",
  "sensors.list": "viewer",
  "sensors.byName": "viewer",
  "sensors.joinState": "viewer",
  "sensors.pause": "editor",
  "sensors.resume": "editor",
  "sensors.test": "viewer",
  "manifests.applyDocuments": "editor",
  "manifests.validate": "viewer",
  "manifests.list": "viewer",
  "manifests.get": "viewer",
  "manifests.delete": "editor",
  "manifests.export": "viewer",
  "manifests.revisions": "viewer",
  "manifests.diff": "viewer",
  "manifests.rollback": "editor",
  "events.list": "viewer",
  "events.count": "viewer",
  "events.byId": "viewer",
  "events.replay": "editor",
  "events.inject": "editor",
  "events.live": "viewer",
  "runs.list": "viewer",
  "runs.byId": "viewer",
  "replays.estimate": "viewer",
  "replays.create": "editor",
  "replays.list": "viewer",
  "replays.byId": "viewer",
  "replays.cancel": "editor",
  "secrets.list": "viewer",
  "secrets.rotateKey": "admin",
  "tokens.list": "admin",
  "tokens.create": "admin",
  "tokens.revoke": "admin",
  "audit.list": "admin",
  "system.whoami": "viewer",
  "system.config": "admin",
  "system.retention": "admin",
  "system.changes": "viewer",
  "attach.list": "viewer",
  "attach.get": "viewer",
  "attach.events": "viewer",
  "attach.tail": "viewer",
  "attach.create": "editor",
  "attach.delete": "editor",
  "attach.inject": "editor",
  "attach.replay": "editor",
};

const ranks: Role[] = ["viewer", "editor", "admin"];
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>).map(([path, procedure]) => ({
  path,
  type: procedure._def.type,
}));

let test: TestApp;
beforeAll(async () => {
  test = await startTestApp();
});
afterAll(async () => {
  await test?.close();
});

/** Call a procedure by dotted path with an input that no procedure accepts as valid work (an unknown id). */
async function call(principal: Principal | undefined, path: string): Promise<string> {
  const caller = createCaller(createContextInner({ app: test.app, principal }));
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    const result: unknown = await (fn as (input: unknown) => Promise<unknown>)({ id: "no-such-id", name: "no-such-name", runId: "no-such-run" });
    if (result && typeof result === "object" && Symbol.asyncIterator in result) await (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `THREW ${String(error)}`;
  }
}

describe("auth matrix", () => {
  it("declares the needed role of every procedure", () => {
    expect(procedures.map((p) => p.path).filter((path) => !(path in needs))).toEqual([]);
    expect(Object.keys(needs).filter((path) => !procedures.some((p) => p.path === path))).toEqual([]);
  });

  for (const { path } of procedures) {
    it(`${path}: 401 without a token, 403 below ${needs[path] ?? "?"}, allowed from it`, async () => {
      const needed = needs[path] ?? "admin";
      expect(await call(undefined, path)).toBe("UNAUTHORIZED");
      for (const role of ranks) {
        const outcome = await call({ tokenId: `t-${role}`, name: `matrix-${role}`, role }, path);
        if (ranks.indexOf(role) < ranks.indexOf(needed)) expect(outcome, `${role} on ${path}`).toBe("FORBIDDEN");
        else {
          expect(outcome, `${role} on ${path}`).not.toMatch(/^(UNAUTHORIZED|FORBIDDEN|INTERNAL_SERVER_ERROR|THREW)/);
        }
      }
    });
  }
});

describe("REST coverage", () => {
  let server: FastifyInstance;
  let viewerSecret = "";
  beforeAll(async () => {
    server = await buildHttpServer(test.app);
    await server.ready();
    const caller = createCaller(createContextInner({ app: test.app, principal: { tokenId: "t", name: "setup", role: "admin" } }));
    viewerSecret = (await caller.tokens.create({ name: "rest-viewer", role: "viewer" })).token;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("has a REST route for every procedure that is not a subscription, and only for procedures", () => {
    const routed = new Set(restRoutes.map((route) => route.procedure));
    expect(procedures.filter((p) => p.type !== "subscription" && !routed.has(p.path)).map((p) => p.path)).toEqual([]);
    expect([...routed].filter((path) => !procedures.some((p) => p.path === path))).toEqual([]);
  });

  for (const route of restRoutes) {
    it(`${route.method} ${route.path} answers 401 without a token, and 403 with a role below ${needs[route.procedure] ?? "?"}`, async () => {
      const url = route.path.replace(":namespace", "default").replace(":plural", "sensors").replace(/:(\w+)/g, "x");
      const body = route.method === "POST" ? { headers: { "content-type": "application/json" }, payload: "{}" } : { headers: {} };
      const response = await server.inject({ method: route.method, url, headers: body.headers, ...(body.payload ? { payload: body.payload } : {}) });
      expect(response.statusCode).toBe(401);
      if ((needs[route.procedure] ?? "admin") !== "viewer") {
        const denied = await server.inject({ method: route.method, url, headers: { ...body.headers, authorization: `Bearer ${viewerSecret}` }, ...(body.payload ? { payload: body.payload } : {}) });
        expect(denied.statusCode).toBe(403);
      }
    });
  }
});

