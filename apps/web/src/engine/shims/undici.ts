/**
 * `undici` for the browser bundle. The engine's HTTP trigger module imports it to *send* requests; the console only
 * *prepares* them (the live preview), so sending is refused here. Aliased in `next.config.ts` for browser builds.
 */
export class Agent {
  constructor(_options?: unknown) {}
}

export function fetch(): Promise<never> {
  return Promise.reject(new Error("the console does not send trigger requests"));
}

export function request(): Promise<never> {
  return Promise.reject(new Error("the console does not send trigger requests"));
}
