/**
 * Source kinds Signalbox runs, one file each, chosen by an exhaustive switch over the `spec.<type>` keys.
 */
import type { SecretKeySelector } from "../resources/common.ts";
import type { supportedSourceTypes, SupportedSourceType } from "../resources/eventSource.ts";
import type { z } from "zod";
import type { RunningSource, SourceContext } from "./types.ts";
import { calendarSource } from "./calendar.ts";
import { kafkaSource } from "./kafka.ts";
import { natsSource } from "./nats.ts";
import { webhookSource } from "./webhook.ts";
import type { WebhookServerPool } from "./webhook/servers.ts";
import type { WebhookRequest, WebhookResponse } from "./webhook/request.ts";

/** Reads `{name, key}` references from applied Secrets and ConfigMaps of a namespace. */
export interface SecretResolver {
  resolve(namespace: string, kind: "Secret" | "ConfigMap", selector: SecretKeySelector): Promise<string | undefined>;
}

/** An active webhook route reachable through the API port as well. */
export interface ApiRoute {
  handler: (request: WebhookRequest) => Promise<WebhookResponse>;
  maxBodyBytes: number;
}

/** Shared services a source may use. */
export interface SourceServices {
  webhooks: WebhookServerPool;
  secrets: SecretResolver;
  /** `<namespace>/<eventSource>/<event>` → handler, for `POST /api/v1/webhooks/…`. */
  routes: Map<string, ApiRoute>;
  /** Listen on the sources' own ports (the leader); `false` serves webhooks through the API route only. */
  bindPorts?: boolean;
  /**
   * Small durable key-value store for calendar catch-up state (Argo Events keeps it in a ConfigMap). Keys are
   * `<namespace>/<eventSource>.<eventName>`, values the last successfully dispatched payload. Needed only by
   * calendar events with `persistence.configMap`; such an event fails to start without it.
   */
  calendarState?: {
    get(key: string): Promise<string | undefined>;
    put(key: string, value: string): Promise<void>;
  };
}

/** One source kind. */
export interface SourceKindDefinition<TType extends SupportedSourceType> {
  type: TType;
  start(options: {
    context: SourceContext;
    events: Record<string, z.infer<(typeof supportedSourceTypes)[TType]>>;
    services: SourceServices;
  }): Promise<RunningSource>;
}

/** The definition for a source type. */
export function sourceKind(type: SupportedSourceType): SourceKindDefinition<SupportedSourceType> {
  switch (type) {
    case "webhook":
      return webhookSource;
    case "calendar":
      return calendarSource;
    case "nats":
      return natsSource;
    case "kafka":
      return kafkaSource;
    default: {
      const exhaustive: never = type;
      throw new Error(`unknown source type ${String(exhaustive)}`);
    }
  }
}
