import { StatusBadge } from "@/components/claims/status-badge";
import type { ClaimDto } from "@/lib/claims/dto";
import type { StatusDto } from "@/lib/statuses/scale";

/** Claims per status, and how many have a verdict and are approved, from the live list of claims. */
export function ClaimCounters({ claims, statuses }: { claims: ClaimDto[]; statuses: StatusDto[] }) {
  const counts = statuses.map((s) => ({ status: s, count: claims.filter((c) => c.status === s.key).length })).filter((r) => r.count > 0);
  const verdicts = new Set(statuses.filter((s) => s.isVerdict).map((s) => s.key));
  const checked = claims.filter((c) => verdicts.has(c.status)).length;
  const approved = claims.filter((c) => c.reviewState === "approved").length;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2 text-sm text-slate-700" aria-label="Claims by status" data-testid="claim-counters">
      <span>
        {claims.length} {claims.length === 1 ? "claim" : "claims"} · {checked} with a verdict · {approved} approved
      </span>
      {counts.map((r) => (
        <StatusBadge key={r.status.key} status={r.status} count={r.count} size="xs" />
      ))}
    </div>
  );
}
