/**
 * Argo's `ArtifactLocation`: where the `k8s` and `argoWorkflow` triggers read the object they create (§6.2).
 */
import { z } from "zod";
import {
  configMapKeySelector,
  githubAppCreds,
  requiredText,
  s3Artifact,
  secretKeySelector,
  withRules,
} from "../sources/shared.ts";

/** Argo's `GitArtifact`: a file in a git repository, at a branch, tag or ref. */
export const gitArtifact = z.strictObject({
  url: requiredText(),
  cloneDirectory: requiredText(),
  creds: z.strictObject({ username: secretKeySelector.optional(), password: secretKeySelector.optional() }).optional(),
  sshKeySecret: secretKeySelector.optional(),
  filePath: requiredText(),
  branch: z.string().optional(),
  tag: z.string().optional(),
  ref: z.string().optional(),
  remote: z.strictObject({ name: requiredText(), urls: z.array(z.string().min(1)).min(1) }).optional(),
  insecureIgnoreHostKey: z.boolean().optional(),
  githubApp: githubAppCreds.optional(),
});

const locations = ["s3", "inline", "file", "url", "configmap", "git", "resource"] as const;

/**
 * One of: an inline Kubernetes object (`resource`, any JSON object: it is sent to the Kubernetes API as is), a YAML
 * or JSON string (`inline`), a `file` in the pod, a `url`, a `configmap` key, a `git` file or an `s3` object.
 */
export const artifactLocation = withRules(
  z.strictObject({
    s3: s3Artifact.optional(),
    inline: z.string().optional(),
    file: z.strictObject({ path: z.string().optional() }).optional(),
    url: z.strictObject({ path: requiredText(), verifyCert: z.boolean().optional() }).optional(),
    configmap: configMapKeySelector.optional(),
    git: gitArtifact.optional(),
    resource: z.record(z.string(), z.unknown()).optional(),
  }),
  (source, report) => {
    const set = locations.filter((key) => source[key] !== undefined && source[key] !== null);
    if (set.length === 0) report(`needs one of ${locations.join(", ")}`);
    if (set.length > 1) report(`set only one of ${locations.join(", ")}`, set[1] ?? "");
  },
);
