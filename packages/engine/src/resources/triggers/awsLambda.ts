/**
 * `template.awsLambda`: invoke an AWS Lambda function with a payload built from events (Argo's `AWSLambdaTrigger`).
 */
import { z } from "zod";
import { requiredText, secretKeySelector } from "../sources/shared.ts";
import { triggerParameter } from "./parameters.ts";

/** `template.awsLambda`. */
export const awsLambdaTrigger = z.strictObject({
  functionName: requiredText(),
  accessKey: secretKeySelector.optional(),
  secretKey: secretKeySelector.optional(),
  region: requiredText(),
  payload: z.array(triggerParameter),
  parameters: z.array(triggerParameter).optional(),
  invocationType: z.enum(["RequestResponse", "Event", "DryRun"]).optional(),
  roleARN: z.string().optional(),
});
