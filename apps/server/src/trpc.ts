/**
 * tRPC set-up, done once: context, error shape (flattened zod issues and engine issues as `details`), and the
 * procedure builders with their role checks. Engine errors map to tRPC codes in one middleware.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { ConflictError, EngineError, ValidationError, type FieldIssue } from "@signalbox/engine";
import { ZodError } from "zod";
import { allows, anonymousAdmin, type Principal, type Role } from "./auth.ts";
import type { AppContext } from "./engine.ts";

/** Per-request context. */
export interface TrpcContext {
  app: AppContext;
  principal: Principal | undefined;
}

/** Build a context without HTTP (tests, CLI in-process). */
export function createContextInner(input: { app: AppContext; principal?: Principal | undefined }): TrpcContext {
  return { app: input.app, principal: input.principal };
}

const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error }) {
    return { ...shape, data: { ...shape.data, details: detailsOf(error.cause ?? error) } };
  },
});

/** `{path, message}` list of a validation-like error. */
export function detailsOf(error: unknown): FieldIssue[] {
  if (error instanceof ZodError) {
    return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  }
  if (error instanceof ValidationError || error instanceof ConflictError) return [...error.issues];
  return [];
}

const codeOf: Record<EngineError["code"], TRPCError["code"]> = {
  VALIDATION: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  BUS_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  BUS_OVERLOADED: "SERVICE_UNAVAILABLE",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  TRIGGER_FAILED: "INTERNAL_SERVER_ERROR",
  PARAMETER_UNRESOLVED: "BAD_REQUEST",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

const engineErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof EngineError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: codeOf[cause.code], message: cause.message, cause });
  }
  // Storage signals input it cannot use (a malformed cursor or match) with RangeError.
  if (!result.ok && result.error.cause instanceof RangeError) {
    throw new TRPCError({ code: "BAD_REQUEST", message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});

/** Router builder. */
export const router = t.router;
/** A server-side caller factory for routers (tests, REST). */
export const createCallerFactory = t.createCallerFactory;

/** No authentication (health). */
export const publicProcedure = t.procedure.use(engineErrors);

function requireRole(role: Role) {
  return t.middleware(({ ctx, next }) => {
    const principal = ctx.app.config.auth === "off" ? anonymousAdmin : ctx.principal;
    if (!principal) throw new TRPCError({ code: "UNAUTHORIZED", message: "a valid API token is required" });
    if (!allows(principal.role, role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `this needs the ${role} role (token role: ${principal.role})` });
    }
    return next({ ctx: { ...ctx, principal } });
  });
}

/** Readers: any valid token. */
export const viewerProcedure = publicProcedure.use(requireRole("viewer"));
/** Writers of definitions, replays and injections. */
export const editorProcedure = publicProcedure.use(requireRole("editor"));
/** Token and key management. */
export const adminProcedure = publicProcedure.use(requireRole("admin"));
