"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { NotificationDto } from "@/lib/notifications/data";
import { markNotificationsReadAction } from "@/lib/notifications/actions";

const WHAT: Record<string, string> = {
  mention: "mentioned you on",
  assigned: "assigned you",
  changes_requested: "requested changes to your verdict on",
  approved: "approved your verdict on",
};
const time = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The notifications, unread ones marked; opening one or "Mark all as read" clears them. */
export function NotificationList({ notifications }: { notifications: NotificationDto[] }) {
  const [items, setItems] = useState(notifications);
  const router = useRouter();
  const unread = items.filter((n) => !n.read);

  async function mark(ids: string[] | "all") {
    const r = await markNotificationsReadAction(ids === "all" ? { all: true } : { ids });
    if (r.ok) {
      setItems((list) => list.map((n) => (ids === "all" || ids.includes(n.id) ? { ...n, read: true } : n)));
      window.dispatchEvent(new Event("notifications-read"));
    }
  }

  if (items.length === 0) return <p className="mt-4 text-sm text-slate-600">Nothing yet. Mentions, assignments and reviews of your verdicts show up here.</p>;
  return (
    <div className="mt-4">
      <div className="flex items-center gap-3">
        <p className="text-sm text-slate-700">{unread.length === 0 ? "All read." : `${unread.length} unread`}</p>
        {unread.length > 0 ? (
          <Button type="button" variant="secondary" onClick={() => mark("all")}>
            Mark all as read
          </Button>
        ) : null}
      </div>
      <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {items.map((n) => {
          const target = n.articleId ? `/articles/${n.articleId}?claim=${n.claimId}` : null;
          const label = `${n.actor?.name ?? "Someone"} ${WHAT[n.kind] ?? n.kind} ${n.claimNumber ? `claim ${n.claimNumber}` : "a claim"}`;
          return (
            <li key={n.id} className={`flex items-start gap-3 px-4 py-3 text-sm ${n.read ? "" : "bg-blue-50"}`} data-unread={!n.read}>
              <span className={`mt-1 text-xs font-semibold ${n.read ? "text-slate-400" : "text-blue-800"}`}>{n.read ? "Read" : "● New"}</span>
              <div className="min-w-0 flex-1">
                {target ? (
                  <Link
                    href={target}
                    className="font-medium text-blue-800 underline"
                    onClick={(e) => {
                      if (n.read) return;
                      e.preventDefault();
                      mark([n.id]).then(() => router.push(target));
                    }}
                  >
                    {label}
                  </Link>
                ) : (
                  <span className="font-medium">{label} (since deleted)</span>
                )}
                <p className="text-xs text-slate-600">
                  <time dateTime={n.at}>{time(n.at)}</time>
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
