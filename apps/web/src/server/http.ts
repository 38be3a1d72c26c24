/** Small HTTP helpers for the route handlers. */
import "server-only";
import { NextResponse } from "next/server";

/**
 * A 303 to a path on this origin. The Location stays relative: behind `next start` the request URL's host is not
 * necessarily the one the browser used (127.0.0.1 vs localhost), and the session cookie belongs to the browser's.
 */
export function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location: path } });
}
