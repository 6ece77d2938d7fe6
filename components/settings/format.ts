/**
 * A timestamp as "2025-03-04 14:05 UTC". Fixed format and zone, so the server render and the
 * browser agree (no hydration mismatch) and everyone on the team reads the same time.
 */
export function formatTimestamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
