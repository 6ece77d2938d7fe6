import { notFound } from "next/navigation";
import { requireUser } from "@/lib/session";
import { can } from "@/lib/permissions";
import { getLastBackup } from "@/lib/ops/backups";

export const metadata = { title: "Backups" };
export const dynamic = "force-dynamic";

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function formatAge(at: Date, now: Date): string {
  const hours = (now.getTime() - at.getTime()) / 3_600_000;
  if (hours < 1) return "less than an hour ago";
  if (hours < 48) return `${Math.floor(hours)} hour${Math.floor(hours) === 1 ? "" : "s"} ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

export default async function BackupsPage() {
  const user = await requireUser();
  if (!can(user, "users:manage")) notFound();
  const last = await getLastBackup(user);
  const now = new Date();
  const at = last ? new Date(last.at) : null;
  const old = at ? now.getTime() - at.getTime() > 48 * 3_600_000 : true;
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="text-2xl font-semibold">Backups</h1>
      <section aria-labelledby="last-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="last-title" className="text-lg font-semibold">
          Last backup
        </h2>
        {last && at ? (
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-slate-600">Made</dt>
            <dd>
              <time dateTime={last.at}>{at.toISOString().replace("T", " ").slice(0, 16)} UTC</time>{" "}
              <span className="text-slate-600">({formatAge(at, now)})</span>
              {old ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">Older than two days</span> : null}
            </dd>
            <dt className="text-slate-600">Size</dt>
            <dd>{formatBytes(last.bytes)}</dd>
            <dt className="text-slate-600">File</dt>
            <dd className="font-mono break-all">{last.fileName}</dd>
            <dt className="text-slate-600">Database</dt>
            <dd>{last.dialect === "postgresql" ? "PostgreSQL" : "SQLite"}</dd>
          </dl>
        ) : (
          <p className="mt-3 text-sm">
            <span className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">No backup yet</span> No backup of this installation has been made
            with <code className="font-mono">npm run backup</code>.
          </p>
        )}
      </section>
      <section aria-labelledby="how-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 text-sm shadow-sm">
        <h2 id="how-title" className="text-lg font-semibold">
          Making and restoring backups
        </h2>
        <p className="mt-2 text-slate-700">On the server, in the app&apos;s folder (safe while the app runs):</p>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-3 font-mono">npm run backup -- --out /backups/claimcheck-$(date +%F).db</pre>
        <p className="mt-3 text-slate-700">
          A backup holds no sessions: after a restore everyone signs in again. To restore, stop the app, then run{" "}
          <code className="font-mono">npm run restore -- --from &lt;file&gt;</code>; what it replaces is kept beside the database.
        </p>
      </section>
    </div>
  );
}
