/** Who may do what: pure predicates over a user and, where it matters, the object. The API.md table. */

export const ROLES = ["admin", "editor", "checker", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** How each role is named in the interface. */
export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", editor: "Editor", checker: "Checker", viewer: "Viewer" };

export type Actor = { id: string; role: Role };

export type Action =
  | "article:read"
  | "article:create"
  | "article:update"
  | "claim:create"
  | "claim:update"
  | "claim:delete"
  | "claim:review"
  | "evidence:add"
  | "evidence:update"
  | "evidence:delete"
  | "claims:bulk-assign"
  | "comment:create"
  | "suggestions:read"
  | "report:export"
  | "report:publish"
  | "users:manage"
  | "statuses:manage"
  | "audit:read"
  | "settings:manage"
  | "tokens:own";

const rank: Record<Role, number> = { viewer: 0, checker: 1, editor: 2, admin: 3 };

/** True when `role` is `min` or above on viewer < checker < editor < admin. */
export function atLeast(role: Role, min: Role): boolean {
  return rank[role] >= rank[min];
}

/** Whether `actor` may perform `action` (on `object`, for ownership-dependent actions). */
export function can(
  actor: Actor,
  action: Action,
  object?: { addedById?: string | null; statusSetById?: string | null; reviewChangers?: string[] },
): boolean {
  switch (action) {
    case "article:read":
    case "report:export":
    case "tokens:own":
      return true;
    case "claim:create":
    case "claim:update":
    case "evidence:add":
    case "comment:create":
    case "suggestions:read":
      return atLeast(actor.role, "checker");
    case "evidence:update":
    case "evidence:delete":
      return atLeast(actor.role, "editor") || (atLeast(actor.role, "checker") && object?.addedById === actor.id);
    case "claim:review":
      // Four eyes: nobody who made a reviewable change since the last review (lib/claims/review-rules.ts)
      // approves it; without that list, the person who set the current status.
      if (!atLeast(actor.role, "editor")) return false;
      if (object?.reviewChangers) return !object.reviewChangers.includes(actor.id);
      return object?.statusSetById !== actor.id;
    case "article:create":
    case "article:update":
    case "claim:delete":
    case "claims:bulk-assign":
    case "report:publish":
      return atLeast(actor.role, "editor");
    case "users:manage":
    case "statuses:manage":
    case "audit:read":
    case "settings:manage":
      return actor.role === "admin";
  }
}

/** Parses a stored role, falling back to the least privileged one. */
export function toRole(value: unknown): Role {
  return (ROLES as readonly unknown[]).includes(value) ? (value as Role) : "viewer";
}
