/**
 * Status conditions as Argo reports them (§1.1): `{type, status, lastTransitionTime, reason, message}`, plus the
 * console's `Ready` summary.
 */

/** One condition. */
export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** Keeps conditions per resource and only moves `lastTransitionTime` when a status changes. */
export class ConditionBook {
  private readonly byResource = new Map<string, Map<string, Condition>>();

  constructor(private readonly now: () => number) {}

  /** Set one condition of a resource. */
  set(resource: string, type: string, status: Condition["status"], reason?: string, message?: string): void {
    let conditions = this.byResource.get(resource);
    if (!conditions) {
      conditions = new Map();
      this.byResource.set(resource, conditions);
    }
    const previous = conditions.get(type);
    const lastTransitionTime = previous && previous.status === status ? previous.lastTransitionTime : new Date(this.now()).toISOString();
    conditions.set(type, {
      type,
      status,
      lastTransitionTime,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    });
  }

  /** Conditions of a resource, in the order they were first set. */
  get(resource: string): Condition[] {
    return [...(this.byResource.get(resource)?.values() ?? [])];
  }

  /** Forget a deleted resource. */
  delete(resource: string): void {
    this.byResource.delete(resource);
  }
}

/** Argo UI's summary: Failed if any False, Pending if any not True, else Ready. */
export function summarize(conditions: readonly Condition[]): "Ready" | "Pending" | "Failed" {
  if (conditions.some((c) => c.status === "False")) return "Failed";
  if (conditions.length === 0 || conditions.some((c) => c.status !== "True")) return "Pending";
  return "Ready";
}
