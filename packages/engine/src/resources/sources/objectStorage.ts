/**
 * Bucket notifications: `spec.minio` (Argo's `S3Artifact`) and `spec.storageGrid` (NetApp StorageGRID, Argo's
 * `StorageGridEventSource`), §4.2.
 */
import { z } from "zod";
import { requiredText, s3Artifact, secretKeySelector, stringMap, tlsConfig, webhookContext } from "./shared.ts";

/** One `minio` event (`events` like `s3:ObjectCreated:Put`, `filter` on the object key). */
export const minioEvent = s3Artifact;

/** One `storageGrid` event. Its `filter` is on the object key, not an expression. */
export const storageGridEvent = z.strictObject({
  webhook: webhookContext,
  events: z.array(z.string().min(1)),
  filter: z.strictObject({ prefix: z.string().optional(), suffix: z.string().optional() }).optional(),
  topicArn: requiredText(),
  bucket: requiredText(),
  region: z.string().optional(),
  authToken: secretKeySelector,
  apiURL: requiredText(),
  metadata: stringMap.optional(),
  tls: tlsConfig.optional(),
});
