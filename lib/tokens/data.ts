import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can, type Actor } from "@/lib/permissions";
import { recordAudit } from "@/lib/audit/data";
import { hashApiToken } from "@/lib/session";
import { MAX_ACTIVE_TOKENS, type CreateTokenInput } from "@/lib/tokens/schemas";
import type { ApiTokenDto, ApiTokenWithOwnerDto, NewApiTokenDto } from "@/lib/tokens/dto";

/** Characters of the token kept in clear for recognising it in lists (the fixed `cc_` plus 7). */
export const TOKEN_PREFIX_LENGTH = 10;
const TOKEN_MARKER = "cc_";
// Revoked tokens stay listed for a while as a record, but need not grow the page without bound.
const REVOKED_SHOWN_OWN = 20;
const REVOKED_SHOWN_ALL = 50;

// Never tokenHash: the DTOs go to browsers and API clients.
const tokenSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;
const tokenWithOwnerSelect = { ...tokenSelect, user: { select: { id: true, name: true, email: true } } } as const;

type TokenRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

function toTokenDto(row: TokenRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status: row.revokedAt ? "revoked" : "active",
  };
}

function toTokenWithOwnerDto(row: TokenRow & { user: { id: string; name: string; email: string } }): ApiTokenWithOwnerDto {
  return { ...toTokenDto(row), owner: row.user };
}

/** A new secret token: `cc_` and 32 random bytes in base64url (256 bits, so a fast hash is enough to store it). */
export function generateApiToken(): string {
  return TOKEN_MARKER + randomBytes(32).toString("base64url");
}

/** The actor's own tokens: every active one (newest first), then the most recently revoked. */
export async function listOwnTokens(actor: Actor): Promise<ApiTokenDto[]> {
  if (!can(actor, "tokens:own")) throw new ForbiddenError();
  const [active, revoked] = await Promise.all([
    db.apiToken.findMany({ where: { userId: actor.id, revokedAt: null }, select: tokenSelect, orderBy: { createdAt: "desc" } }),
    db.apiToken.findMany({
      where: { userId: actor.id, revokedAt: { not: null } },
      select: tokenSelect,
      orderBy: { revokedAt: "desc" },
      take: REVOKED_SHOWN_OWN,
    }),
  ]);
  return [...active, ...revoked].map(toTokenDto);
}

/** Every user's tokens with their owner (admins only): all active ones, then the most recently revoked. */
export async function listAllTokens(actor: Actor): Promise<ApiTokenWithOwnerDto[]> {
  if (!can(actor, "users:manage")) throw new ForbiddenError("Only admins can see other people's API tokens.");
  const [active, revoked] = await Promise.all([
    db.apiToken.findMany({ where: { revokedAt: null }, select: tokenWithOwnerSelect, orderBy: { createdAt: "desc" } }),
    db.apiToken.findMany({ where: { revokedAt: { not: null } }, select: tokenWithOwnerSelect, orderBy: { revokedAt: "desc" }, take: REVOKED_SHOWN_ALL }),
  ]);
  return [...active, ...revoked].map(toTokenWithOwnerDto);
}

/** Creates a personal API token for the actor; the returned `token` is shown once and stored only as its hash. */
export async function createToken(actor: Actor, input: CreateTokenInput): Promise<NewApiTokenDto> {
  if (!can(actor, "tokens:own")) throw new ForbiddenError();
  const token = generateApiToken();
  return db.$transaction(async (tx) => {
    // Counted inside the transaction so that parallel requests cannot slip past the cap together.
    const active = await tx.apiToken.count({ where: { userId: actor.id, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) {
      const message = `You already have ${MAX_ACTIVE_TOKENS} active API tokens, the most allowed. Revoke one you no longer use, then create a new one.`;
      throw new ValidationError(message, { name: message });
    }
    const row = await tx.apiToken.create({
      data: { userId: actor.id, name: input.name, prefix: token.slice(0, TOKEN_PREFIX_LENGTH), tokenHash: hashApiToken(token) },
      select: tokenSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "token.create",
      objectType: "api_token",
      objectId: row.id,
      after: { name: row.name, prefix: row.prefix, userId: actor.id },
    });
    return { ...toTokenDto(row), token };
  });
}

/**
 * Revokes a token at once (authenticate() refuses revoked tokens). Its owner or an admin may;
 * anyone else gets a 404, as for a token that does not exist. Revoking twice changes nothing.
 */
export async function revokeToken(actor: Actor, tokenId: string): Promise<ApiTokenDto> {
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { ...tokenSelect, userId: true } });
    const mayRevoke = row && (row.userId === actor.id ? can(actor, "tokens:own") : can(actor, "users:manage"));
    if (!row || !mayRevoke) throw new NotFoundError("API token");
    if (row.revokedAt) return toTokenDto(row);
    const revokedAt = new Date();
    const updated = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt }, select: tokenSelect });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "token.revoke",
      objectType: "api_token",
      objectId: tokenId,
      before: { revokedAt: null },
      after: { revokedAt: revokedAt.toISOString(), name: row.name, prefix: row.prefix, userId: row.userId },
    });
    return toTokenDto(updated);
  });
}
