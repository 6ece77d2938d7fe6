/**
 * @mentions in comment text. Pure. A mention is "@" followed by a user's name (case-insensitive,
 * names may contain spaces), not preceded by a letter or digit (so e-mail addresses are not
 * mentions) and not followed by one. The longest matching name wins ("@Eve Adams" over "@Eve").
 */
export type Mentionable = { id: string; name: string };

const WORD = /[\p{L}\p{N}_]/u;

/** The users mentioned in `body`, each once, in order of first mention. */
export function findMentions(body: string, users: Mentionable[]): Mentionable[] {
  const byLength = [...users].filter((u) => u.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const lower = body.toLocaleLowerCase();
  const found: Mentionable[] = [];
  for (let i = lower.indexOf("@"); i >= 0; i = lower.indexOf("@", i + 1)) {
    if (i > 0 && WORD.test(body[i - 1])) continue;
    const hit = byLength.find((u) => {
      const name = u.name.toLocaleLowerCase();
      if (!lower.startsWith(name, i + 1)) return false;
      const next = body[i + 1 + name.length];
      return next === undefined || !WORD.test(next);
    });
    if (hit && !found.some((f) => f.id === hit.id)) found.push(hit);
  }
  return found;
}

/** Splits text into plain runs and mentions, for display. */
export function splitMentions(body: string, names: string[]): { text: string; mention: boolean }[] {
  const users = names.map((name, i) => ({ id: String(i), name }));
  const byLength = [...users].sort((a, b) => b.name.length - a.name.length);
  const lower = body.toLocaleLowerCase();
  const parts: { text: string; mention: boolean }[] = [];
  let from = 0;
  for (let i = lower.indexOf("@"); i >= 0; i = lower.indexOf("@", i + 1)) {
    if (i < from || (i > 0 && WORD.test(body[i - 1]))) continue;
    const hit = byLength.find((u) => {
      const name = u.name.toLocaleLowerCase();
      const next = body[i + 1 + name.length];
      return name && lower.startsWith(name, i + 1) && (next === undefined || !WORD.test(next));
    });
    if (!hit) continue;
    if (i > from) parts.push({ text: body.slice(from, i), mention: false });
    parts.push({ text: body.slice(i, i + 1 + hit.name.length), mention: true });
    from = i + 1 + hit.name.length;
  }
  if (from < body.length) parts.push({ text: body.slice(from), mention: false });
  return parts;
}
