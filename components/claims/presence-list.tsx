"use client";
import type { Person } from "@/lib/claims/store";

/** Who else has this article open, by name. */
export function PresenceList({ people, viewerId }: { people: Person[]; viewerId: string }) {
  const others = people.filter((p) => p.id !== viewerId);
  return (
    <p className="text-xs text-slate-600" aria-live="polite" data-testid="presence">
      {others.length === 0 ? "No one else has this article open." : `Also here: ${others.map((p) => p.name).join(", ")}`}
    </p>
  );
}
