"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";

export type MenuLink = { href: string; label: string };

const itemClass = "block rounded-md px-3 py-2 text-sm text-slate-800 hover:bg-slate-100 focus-visible:bg-slate-100";

/**
 * The header's disclosure menu (a button with aria-expanded and the list it shows): the main
 * links on narrow screens and at high zoom, and at every width the secondary pages (admin,
 * settings) and signing out. Escape closes it and gives the focus back to the button; so does a
 * click elsewhere or leaving it with Tab.
 */
export function HeaderMenu({ primary, sections, who }: { primary: MenuLink[]; sections: { title: string; links: MenuLink[] }[]; who: string }) {
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState<string | null>(null);
  const pathname = usePathname();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();

  // A navigation closes the menu.
  if (open && openedAt !== pathname) setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const current = (href: string) => (pathname === href || pathname.startsWith(`${href}/`) ? "page" : undefined);

  return (
    <div
      className="relative"
      onBlur={(e) => {
        // Tabbing out of the open menu closes it.
        if (open && e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => {
          setOpenedAt(pathname);
          setOpen((v) => !v);
        }}
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-600 px-2.5 py-1 text-sm text-slate-100 hover:bg-slate-700 aria-expanded:bg-slate-700"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          <path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" />
        </svg>
        Menu
      </button>
      <div
        ref={panel}
        id={id}
        hidden={!open}
        className="absolute right-0 z-40 mt-2 max-h-[80vh] w-64 max-w-[calc(100vw-1rem)] overflow-y-auto rounded-lg border border-slate-200 bg-white p-2 text-slate-900 shadow-lg"
      >
        <p className="px-3 pt-1 pb-2 text-xs text-slate-600">Signed in as {who}</p>
        {primary.length ? (
          <ul className="border-t border-slate-200 py-1 md:hidden" aria-label="Pages">
            {primary.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className={itemClass} aria-current={current(l.href)}>
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {sections.map((s) => (
          <div key={s.title} className="border-t border-slate-200 py-1">
            <p className="px-3 pt-1 text-xs font-semibold uppercase tracking-wide text-slate-600" id={`${id}-${s.title}`}>
              {s.title}
            </p>
            <ul aria-labelledby={`${id}-${s.title}`}>
              {s.links.map((l) => (
                <li key={l.href}>
                  <Link href={l.href} className={itemClass} aria-current={current(l.href)}>
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <div className="border-t border-slate-200 pt-1">
          <SignOutButton className={`${itemClass} w-full text-left`} />
        </div>
      </div>
    </div>
  );
}
