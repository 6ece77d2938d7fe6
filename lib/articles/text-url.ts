/** Where the article page reads its text (GET /api/v1/articles/:id/text): pinned to the revision it rendered. Pure. */
export function articleTextUrl(articleId: string, revision: number): string {
  return `/api/v1/articles/${encodeURIComponent(articleId)}/text?revision=${revision}`;
}
