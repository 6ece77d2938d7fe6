import { can, type Action, type Role } from "@/lib/permissions";

const roles: Role[] = ["admin", "editor", "checker", "viewer"];
const actor = (role: Role) => ({ id: `${role}-1`, role });

// The API.md role table, as who-may-do-what.
const expected: Record<Action, Role[]> = {
  "article:read": ["admin", "editor", "checker", "viewer"],
  "report:export": ["admin", "editor", "checker", "viewer"],
  "tokens:own": ["admin", "editor", "checker", "viewer"],
  "article:create": ["admin", "editor"],
  "article:update": ["admin", "editor"],
  "claim:create": ["admin", "editor", "checker"],
  "claim:update": ["admin", "editor", "checker"],
  "claim:delete": ["admin", "editor"],
  "claim:review": ["admin", "editor"],
  "evidence:add": ["admin", "editor", "checker"],
  "evidence:update": ["admin", "editor"],
  "evidence:delete": ["admin", "editor"],
  "claims:bulk-assign": ["admin", "editor"],
  "comment:create": ["admin", "editor", "checker"],
  "suggestions:read": ["admin", "editor", "checker"],
  "report:publish": ["admin", "editor"],
  "users:manage": ["admin"],
  "statuses:manage": ["admin"],
  "audit:read": ["admin"],
  "settings:manage": ["admin"],
};

describe("can()", () => {
  for (const [action, allowed] of Object.entries(expected) as [Action, Role[]][]) {
    it.each(roles)(`${action} as %s`, (role) => {
      expect(can(actor(role), action, {})).toBe(allowed.includes(role));
    });
  }
  it("lets a checker remove their own evidence but not someone else's", () => {
    expect(can(actor("checker"), "evidence:delete", { addedById: "checker-1" })).toBe(true);
    expect(can(actor("checker"), "evidence:delete", { addedById: "someone-else" })).toBe(false);
    expect(can(actor("viewer"), "evidence:delete", { addedById: "viewer-1" })).toBe(false);
  });
  it("does not let an editor review a verdict they set themselves", () => {
    expect(can(actor("editor"), "claim:review", { statusSetById: "editor-1" })).toBe(false);
    expect(can(actor("editor"), "claim:review", { statusSetById: "checker-1" })).toBe(true);
  });
  it("does not let an editor review a claim they changed since the last review, whoever set the verdict", () => {
    expect(can(actor("editor"), "claim:review", { statusSetById: "checker-1", reviewChangers: ["checker-1", "editor-1"] })).toBe(false);
    expect(can(actor("editor"), "claim:review", { statusSetById: "editor-1", reviewChangers: ["checker-1"] })).toBe(true);
    expect(can(actor("checker"), "claim:review", { reviewChangers: [] })).toBe(false);
  });
  it("lets a checker edit their own evidence but not someone else's", () => {
    expect(can(actor("checker"), "evidence:update", { addedById: "checker-1" })).toBe(true);
    expect(can(actor("checker"), "evidence:update", { addedById: "someone-else" })).toBe(false);
  });
});
