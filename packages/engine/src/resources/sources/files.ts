/**
 * Watched paths: `spec.file` (fsnotify or polling in the pod), `spec.sftp` (polling a remote directory) and
 * `spec.hdfs` (polling HDFS): Argo's `FileEventSource`, `SFTPEventSource` and `HDFSEventSource` (§4.2).
 */
import { z } from "zod";
import {
  configMapKeySelector,
  fileOperation,
  goDuration,
  isSet,
  secretKeySelector,
  sourceFilter,
  stringMap,
  watchPathConfig,
  watchPathFields,
  watchPathRules,
  withRules,
} from "./shared.ts";

/** One `file` event. */
export const fileEvent = z.strictObject({
  eventType: fileOperation,
  watchPathConfig,
  polling: z.boolean().optional(),
  metadata: stringMap.optional(),
  filter: sourceFilter.optional(),
});

/** One `sftp` event. `address`, `username` and `password` are Secret references in Argo, not plain strings. */
export const sftpEvent = z.strictObject({
  eventType: fileOperation,
  watchPathConfig,
  username: secretKeySelector.optional(),
  password: secretKeySelector.optional(),
  sshKeySecret: secretKeySelector.optional(),
  address: secretKeySelector.optional(),
  metadata: stringMap.optional(),
  filter: sourceFilter.optional(),
  pollIntervalDuration: goDuration.optional(),
});

/** One `hdfs` event: the watched path inline, the name nodes, and a user or Kerberos credentials. */
export const hdfsEvent = withRules(
  z.strictObject({
    ...watchPathFields,
    type: fileOperation,
    checkInterval: goDuration.optional(),
    addresses: z.array(z.string().min(1)).min(1, "needs at least one address"),
    hdfsUser: z.string().optional(),
    krbCCacheSecret: secretKeySelector.optional(),
    krbKeytabSecret: secretKeySelector.optional(),
    krbUsername: z.string().optional(),
    krbRealm: z.string().optional(),
    krbConfigConfigMap: configMapKeySelector.optional(),
    krbServicePrincipalName: z.string().optional(),
    metadata: stringMap.optional(),
    filter: sourceFilter.optional(),
  }),
  (event, report) => {
    watchPathRules(event, report);
    const ccache = isSet(event.krbCCacheSecret);
    const keytab = isSet(event.krbKeytabSecret);
    if (!isSet(event.hdfsUser) && !ccache && !keytab) report("needs hdfsUser, krbCCacheSecret or krbKeytabSecret");
    const needed = keytab
      ? ["krbServicePrincipalName", "krbConfigConfigMap", "krbUsername", "krbRealm"]
      : ccache
        ? ["krbServicePrincipalName", "krbConfigConfigMap"]
        : [];
    for (const field of needed) {
      if (!isSet(event[field])) report(`is required with ${keytab ? "krbKeytabSecret" : "krbCCacheSecret"}`, field);
    }
  },
);
