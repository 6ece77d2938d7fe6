import { NextResponse } from "next/server";

/** Liveness probe, and the bare baseline route of `npm run bench`. */
export function GET() {
  return NextResponse.json({ ok: true });
}
