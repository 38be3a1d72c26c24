/**
 * Attachments to existing Argo Events buses: read-only listing and live tail for viewers; creating, deleting and
 * publishing (inject, replay — each only with `confirm` equal to the attachment's name) for editors.
 */
import { z } from "zod";
import {
  attachCreateInput,
  attachEventsInput,
  attachEventsOutput,
  attachInjectInput,
  attachmentDetail,
  attachmentItem,
  attachNameInput,
  attachPublishOutput,
  attachReplayInput,
  attachTailInput,
} from "../schemas/attach.ts";
import {
  createAttachment,
  deleteAttachment,
  getAttachment,
  injectAttached,
  listAttachedEvents,
  listAttachments,
  replayAttached,
  tailAttachment,
} from "../services/attach.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";

export const attachRouter = router({
  list: viewerProcedure.output(z.array(attachmentItem)).query(({ ctx }) => listAttachments(ctx.app)),
  get: viewerProcedure
    .input(attachNameInput)
    .output(attachmentDetail)
    .query(({ ctx, input }) => getAttachment(ctx.app, input.name)),
  create: editorProcedure
    .input(attachCreateInput)
    .output(attachmentItem)
    .mutation(({ ctx, input }) => createAttachment(ctx.app, input, ctx.principal.name)),
  delete: editorProcedure
    .input(attachNameInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteAttachment(ctx.app, input.name, ctx.principal.name)),
  /** Messages of the attached bus, newest first, decoded; cursor-paged. Read-only: no consumer or group is made. */
  events: viewerProcedure
    .input(attachEventsInput)
    .output(attachEventsOutput)
    .query(({ ctx, input }) => listAttachedEvents(ctx.app, input)),
  /** New messages of the attached bus as they arrive (SSE). */
  tail: viewerProcedure
    .input(attachTailInput)
    .subscription(({ ctx, input, signal }) => tailAttachment(ctx.app, input, signal)),
  /** Publish a new CloudEvent onto the attached bus in Argo's wire format; needs `confirm` = the attachment's name. */
  inject: editorProcedure
    .input(attachInjectInput)
    .output(attachPublishOutput)
    .mutation(({ ctx, input }) => injectAttached(ctx.app, input, ctx.principal.name)),
  /** Publish one of its messages again (new id, `replayof=<id>`); needs `confirm` = the attachment's name. */
  replay: editorProcedure
    .input(attachReplayInput)
    .output(attachPublishOutput)
    .mutation(({ ctx, input }) => replayAttached(ctx.app, input, ctx.principal.name)),
});
