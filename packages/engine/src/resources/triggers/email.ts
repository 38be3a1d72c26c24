/**
 * `template.email`: send an email over SMTP (Argo's `EmailTrigger`).
 */
import { z } from "zod";
import { requiredText, secretKeySelector } from "../sources/shared.ts";
import { triggerParameter } from "./parameters.ts";

/**
 * `template.email`. `to`, `subject` and `body` are checked by Argo only when it sends (parameters may fill them),
 * so they are optional here.
 */
export const emailTrigger = z.strictObject({
  parameters: z.array(triggerParameter).optional(),
  username: z.string().optional(),
  smtpPassword: secretKeySelector.optional(),
  host: requiredText(),
  port: z.number().int().min(0).max(65535).optional(),
  to: z.array(z.string().min(1)).optional(),
  from: z.string().optional(),
  subject: z.string().optional(),
  body: z.string().optional(),
});
