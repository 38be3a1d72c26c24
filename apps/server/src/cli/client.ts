/**
 * A small REST client for the CLI and scripts: server URL and token from flags, environment or the data dir.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** Where and how to call the API. */
export interface ClientOptions {
  server?: string | undefined;
  token?: string | undefined;
  dataDir?: string | undefined;
}

/** An API error with the server's `{error:{code,message,details}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Resolve server URL and token: flags, then SIGNALBOX_SERVER/SIGNALBOX_TOKEN, then the data dir's files. */
export function resolveClient(options: ClientOptions): { server: string; token: string | undefined } {
  const dataDir = resolve(options.dataDir ?? process.env.SIGNALBOX_DATA_DIR ?? ".signalbox");
  const fromFile = (name: string) => (existsSync(join(dataDir, name)) ? readFileSync(join(dataDir, name), "utf8").trim() : undefined);
  const server = options.server ?? process.env.SIGNALBOX_SERVER ?? fromFile("api.url") ?? `http://127.0.0.1:${process.env.SIGNALBOX_PORT ?? 4000}`;
  const token = options.token ?? process.env.SIGNALBOX_TOKEN ?? fromFile("admin.token");
  return { server: server.replace(/\/$/, ""), token };
}

/** Call the API; throws {@link ApiError} on a non-2xx answer. */
export async function api<T>(options: ClientOptions, method: string, path: string, body?: { json?: unknown; text?: string; contentType?: string }): Promise<T> {
  const { server, token } = resolveClient(options);
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (body?.json !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body.json);
  } else if (body?.text !== undefined) {
    headers["content-type"] = body.contentType ?? "application/yaml";
    payload = body.text;
  }
  let response: Response;
  try {
    response = await fetch(`${server}${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  } catch (error) {
    throw new ApiError(0, "UNREACHABLE", `cannot reach ${server}: ${(error as Error).message}`);
  }
  const text = await response.text();
  const parsed = text && (response.headers.get("content-type") ?? "").includes("json") ? (JSON.parse(text) as unknown) : text;
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } }).error;
    throw new ApiError(response.status, error?.code ?? String(response.status), error?.message ?? text, error?.details ?? []);
  }
  return parsed as T;
}
