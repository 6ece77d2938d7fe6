"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { countUnreadNotificationsAction } from "@/lib/notifications/actions";

/** The header's link to the notifications page, with the unread count; refreshed every 20 s, on focus and after each navigation. */
export function NotificationBell({ initial }: { initial: number }) {
  const [count, setCount] = useState(initial);
  const pathname = usePathname();
  // The page that rendered the header counted them just now: ask again only after a navigation
  // (the header stays while pages change under it), not on the first load, where the call would
  // only repeat the server's count (a server action request while the page is still opening).
  const firstPath = useRef(pathname);
  useEffect(() => {
    let live = true;
    const refresh = () => {
      if (document.visibilityState !== "visible") return;
      countUnreadNotificationsAction({}).then((r) => {
        if (live && r.ok) setCount(r.data);
      });
    };
    if (pathname !== firstPath.current) {
      firstPath.current = "";
      refresh();
    }
    const timer = setInterval(refresh, 20_000);
    window.addEventListener("focus", refresh);
    document.addEventListener("visibilitychange", refresh);
    window.addEventListener("notifications-read", refresh);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener("focus", refresh);
      document.removeEventListener("visibilitychange", refresh);
      window.removeEventListener("notifications-read", refresh);
    };
  }, [pathname]);
  return (
    <Link
      href="/notifications"
      prefetch={false}
      className="relative whitespace-nowrap rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white"
      data-testid="notification-bell"
      data-unread={count}
    >
      <svg aria-hidden viewBox="0 0 20 20" className="mr-1 inline h-4 w-4 -translate-y-px fill-current">
        <path d="M10 2a5 5 0 0 0-5 5v3.6L3.3 13.3A1 1 0 0 0 4.1 15h11.8a1 1 0 0 0 .8-1.7L15 10.6V7a5 5 0 0 0-5-5Zm0 17a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 10 19Z" />
      </svg>
      Notifications
      {count > 0 ? (
        <span className="ml-1 rounded-full bg-amber-400 px-1.5 text-xs font-bold text-slate-900">
          {count}
          <span className="sr-only"> unread</span>
        </span>
      ) : null}
    </Link>
  );
}
