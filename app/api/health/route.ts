/** Liveness probe, and the bare baseline route of `npm run bench`. */
export function GET() {
  return Response.json({ ok: true });
}
