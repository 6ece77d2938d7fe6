import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getCurrentSession } from "@/lib/session";
import { can, ROLE_LABELS } from "@/lib/permissions";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { countUnreadNotifications } from "@/lib/notifications/data";


export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in");
  // The admin requires a second factor for this role: set it up before anything else.
  if (session.mustEnrolTwoFactor) redirect("/two-factor/setup");
  const { user } = session;
  const unread = await countUnreadNotifications(user);
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="bg-slate-900 text-white">
        <nav className="mx-auto flex max-w-[1400px] flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2" aria-label="Main">
          <Link href="/articles" className="font-semibold tracking-wide">
            ClaimCheck
          </Link>
          <Link href="/articles" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
            Articles
          </Link>
          <Link href="/claims" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
            Claims
          </Link>
          {can(user, "claim:update") ? (
            <Link href="/queue" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
              My queue
            </Link>
          ) : null}
          {can(user, "claim:review", { reviewChangers: [] }) ? (
            <Link href="/review" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
              Review queue
            </Link>
          ) : null}
          <Link href="/dashboard" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
            Dashboard
          </Link>
          <Link href="/anchors" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
            Anchors to check
          </Link>
          {user.role === "admin" ? (
            <>
              <Link href="/admin/users" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
                Users
              </Link>
              <Link href="/admin/audit" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
                Audit log
              </Link>
              <Link href="/admin/statuses" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
                Status scale
              </Link>
              <Link href="/admin/backups" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
                Backups
              </Link>
            </>
          ) : null}
          <span className="ml-auto hidden text-sm text-slate-300 sm:inline">
            {user.name} · {ROLE_LABELS[user.role]}
          </span>
          <NotificationBell initial={unread} />
          <Link href="/settings" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
            Settings
          </Link>
          <SignOutButton />
        </nav>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
    </div>
  );
}
