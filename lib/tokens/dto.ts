/** What the app shows of an API token: never its value after creation, never its hash. */
export type ApiTokenStatus = "active" | "revoked";

export type ApiTokenDto = {
  id: string;
  name: string;
  /** The token's first characters, to recognise it by. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: ApiTokenStatus;
};

export type ApiTokenWithOwnerDto = ApiTokenDto & { owner: { id: string; name: string; email: string } };

/** A token just made: the only time its secret value leaves the server. */
export type NewApiTokenDto = ApiTokenDto & { token: string };
