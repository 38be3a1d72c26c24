/** Process-level: who am I, effective config, and a stream of change notifications for the console. */
import { z } from "zod";
import { redactConfig } from "../config.ts";
import type { ChangeKind } from "../engine.ts";
import { adminProcedure, router, viewerProcedure } from "../trpc.ts";

export const systemRouter = router({
  whoami: viewerProcedure
    .output(z.object({ name: z.string(), role: z.string(), auth: z.enum(["on", "off"]) }))
    .query(({ ctx }) => ({ name: ctx.principal.name, role: ctx.principal.role, auth: ctx.app.config.auth })),
  config: adminProcedure.output(z.record(z.string(), z.unknown())).query(({ ctx }) => redactConfig(ctx.app.config)),
  /** Apply history retention now (it also runs every `retentionInterval`). */
  retention: adminProcedure
    .output(z.object({ events: z.number().int(), runs: z.number().int() }))
    .mutation(({ ctx }) => ctx.app.runRetention()),
  /** Notifies `resources`, `events` or `runs` when they changed; the console refetches what it shows. */
  changes: viewerProcedure.subscription(async function* ({ ctx, signal }) {
    yield { kind: "hello" as const };
    const pending = new Set<ChangeKind>();
    let wake: (() => void) | undefined;
    const listener = (kind: ChangeKind) => {
      pending.add(kind);
      wake?.();
    };
    ctx.app.changes.on("change", listener);
    signal?.addEventListener("abort", () => wake?.(), { once: true });
    try {
      while (!signal?.aborted) {
        if (pending.size === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        // Coalesce bursts (thousands of events a second) into a few notifications per second.
        await new Promise((resolve) => setTimeout(resolve, 150));
        const kinds = [...pending];
        pending.clear();
        for (const kind of kinds) yield { kind };
      }
    } finally {
      ctx.app.changes.off("change", listener);
    }
  }),
});
