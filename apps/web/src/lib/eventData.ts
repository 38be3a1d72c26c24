/**
 * Display order of a decoded payload: webhook-shaped data (`{header, body, metadata}`, spec §3.3) is printed with
 * `body` first, since headers fill a screen before the body shows. Only the order of keys changes (JSON objects are
 * unordered); copying uses the original. Pure.
 */
export function bodyFirst(data: unknown): unknown {
  if (typeof data !== "object" || data === null || Array.isArray(data) || !("body" in data)) return data;
  const { body, metadata, ...rest } = data as Record<string, unknown>;
  return { body, ...(metadata === undefined ? {} : { metadata }), ...rest };
}
