/**
 * Audit events in words, for a claim's timeline and the admin audit log. Pure: names of statuses
 * and people come in as lookups. The actor's name is not included: callers put it first
 * ("Eve" + " set the status True → False").
 */
export type DescribableEvent = { action: string; before: unknown; after: unknown };
export type Lookups = { statusLabel?: (key: string) => string; personName?: (id: string) => string | undefined };

const FIELD_NAMES: Record<string, string> = {
  summary: "the summary",
  claimant: "the claimant",
  claimType: "the claim type",
  rationale: "the rationale",
  dueAt: "the due date",
  note: "the note",
};

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
const clip = (v: unknown, n = 80) => {
  const s = String(v ?? "");
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
};
const quoted = (v: unknown) => (v === null || v === undefined || v === "" ? "(empty)" : `“${clip(v)}”`);

/** One sentence (or a few, joined by "; ") saying what the event did. */
export function describeAuditEvent(e: DescribableEvent, lookups: Lookups = {}): string {
  const label = (k: unknown) => (typeof k === "string" ? (lookups.statusLabel?.(k) ?? k) : "none");
  const person = (id: unknown) => (typeof id === "string" ? (lookups.personName?.(id) ?? "someone") : "nobody");
  const before = obj(e.before);
  const after = obj(e.after);
  switch (e.action) {
    case "claim.create":
      return `marked the claim${after.quote ? ` ${quoted(after.quote)}` : ""}`;
    case "claim.delete":
      return `deleted the claim${before.quote ? ` ${quoted(before.quote)}` : ""}`;
    case "claim.update": {
      const parts: string[] = [];
      for (const key of Object.keys(after)) {
        if (key === "status") parts.push(`set the status ${label(before.status)} → ${label(after.status)}`);
        else if (key === "assigneeId") parts.push(after.assigneeId ? `assigned the claim to ${person(after.assigneeId)}` : "unassigned the claim");
        else if (key === "rationale") parts.push(`changed the rationale to ${quoted(after.rationale)}`);
        else parts.push(`changed ${FIELD_NAMES[key] ?? key} from ${quoted(before[key])} to ${quoted(after[key])}`);
      }
      return parts.length ? parts.join("; ") : "saved the claim without changes";
    }
    case "claim.review.approve":
      return `approved${after.note ? `: ${quoted(after.note)}` : ""}`;
    case "claim.review.reject":
      return `requested changes${after.note ? `: ${quoted(after.note)}` : ""}`;
    case "evidence.add":
      return `added evidence (${after.stance ?? "link"}): ${clip(after.title || after.url)}`;
    case "evidence.remove":
      return `removed evidence (${before.stance ?? "link"}): ${clip(before.title || before.url)}`;
    case "evidence.change":
    case "evidence.update":
      return `changed evidence: ${clip(after.title || after.url || before.title || before.url)}`;
    case "comment.add":
      return "commented";
    case "article.create":
      return `imported the article${after.title ? ` ${quoted(after.title)}` : ""}`;
    case "auth.sign_in":
      return "signed in";
    case "auth.sign_in_failed":
      return "failed to sign in";
    case "auth.sign_in_throttled":
      return "was throttled signing in";
    case "user.create":
      return `created the user ${quoted(after.name ?? after.email)}${after.role ? ` as ${after.role}` : ""}`;
    case "user.role_change":
      return `changed the role ${before.role ?? ""} → ${after.role ?? ""}`.trim();
    case "user.password_change":
      return "changed their password";
    case "user.password_change_failed":
      return "failed to change their password";
    case "invite.create":
      return `invited ${quoted(after.email ?? after.name)}`;
    case "invite.accept":
      return "accepted an invitation";
    case "invite.revoke":
      return "revoked an invitation";
    case "token.create":
      return `created an API token${after.name ? ` ${quoted(after.name)}` : ""}`;
    case "token.revoke":
      return "revoked an API token";
    default:
      return e.action.replace(/[._]/g, " ");
  }
}
