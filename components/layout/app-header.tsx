import Link from "next/link";
import { can, ROLE_LABELS } from "@/lib/permissions";
import type { SessionUser } from "@/lib/session";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { HeaderMenu, type MenuLink } from "@/components/layout/header-menu";

const linkClass = "whitespace-nowrap rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white";

/**
 * The app's header: the name, the pages people work in every day, the notifications link, and a
 * menu with everything else (admin pages, settings, anchors, sign out). Below the md breakpoint
 * (phones, and a laptop at 200 % zoom) the daily pages move into the menu too, so the header is
 * one calm line at every width.
 */
export function AppHeader({ user, unread }: { user: SessionUser; unread: number }) {
  const primary: MenuLink[] = [
    { href: "/articles", label: "Articles" },
    { href: "/claims", label: "Claims" },
    ...(can(user, "claim:update") ? [{ href: "/queue", label: "My queue" }] : []),
    ...(can(user, "claim:review", { reviewChangers: [] }) ? [{ href: "/review", label: "Review queue" }] : []),
    { href: "/dashboard", label: "Dashboard" },
  ];
  const sections = [
    { title: "Work", links: [{ href: "/anchors", label: "Anchors to check" }] },
    ...(user.role === "admin"
      ? [
          {
            title: "Admin",
            links: [
              { href: "/admin/users", label: "Users" },
              { href: "/admin/audit", label: "Audit log" },
              { href: "/admin/statuses", label: "Status scale" },
              { href: "/admin/backups", label: "Backups" },
            ],
          },
        ]
      : []),
    { title: "You", links: [{ href: "/settings", label: "Settings" }] },
  ];
  const who = `${user.name} · ${ROLE_LABELS[user.role]}`;
  return (
    <header className="bg-slate-900 text-white">
      <nav className="mx-auto flex max-w-[1400px] items-center gap-x-2 px-4 py-2" aria-label="Main">
        <Link href="/articles" prefetch={false} className="mr-2 font-semibold tracking-wide whitespace-nowrap">
          ClaimCheck
        </Link>
        <ul className="hidden items-center gap-x-1 md:flex">
          {primary.map((l) => (
            <li key={l.href}>
              <Link href={l.href} prefetch={false} className={linkClass}>
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
        <span className="ml-auto hidden truncate text-sm text-slate-300 lg:inline">{who}</span>
        <span className="ml-auto lg:ml-2">
          <NotificationBell initial={unread} />
        </span>
        <HeaderMenu primary={primary} sections={sections} who={who} />
      </nav>
    </header>
  );
}
