"use client";
import { cloneElement, useId, type ComponentProps, type ReactElement, type ReactNode } from "react";

const control =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-blue-600 aria-[invalid=true]:border-red-600";

/**
 * A labelled form control with an optional hint and error message. The hint or error is tied
 * to the control with aria-describedby, so it is read after the label, not as part of it.
 */
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: ReactElement<Record<string, unknown>> }) {
  const id = useId();
  const controlId = (children.props.id as string | undefined) ?? `${id}-control`;
  const descriptionId = hint || error ? `${id}-description` : undefined;
  return (
    <div className="block text-sm font-medium text-slate-700">
      <label htmlFor={controlId}>{label}</label>
      {cloneElement(children, {
        id: controlId,
        "aria-describedby": descriptionId,
        "aria-invalid": error ? true : children.props["aria-invalid"],
      })}
      {hint && !error ? (
        <span id={descriptionId} className="mt-1 block text-xs font-normal text-slate-500">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={descriptionId} className="mt-1 block text-xs font-normal text-red-700" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function Input(props: ComponentProps<"input">) {
  return <input {...props} className={`${control} ${props.className ?? ""}`} />;
}

export function Textarea(props: ComponentProps<"textarea">) {
  return <textarea {...props} className={`${control} ${props.className ?? ""}`} />;
}

export function Select(props: ComponentProps<"select">) {
  return <select {...props} className={`${control} ${props.className ?? ""}`} />;
}

/** A message box for errors and notices, announced to screen readers. */
export function Notice({ kind = "error", children }: { kind?: "error" | "info" | "success"; children: ReactNode }) {
  const tone = {
    error: "border-red-300 bg-red-50 text-red-900",
    info: "border-blue-200 bg-blue-50 text-blue-900",
    success: "border-green-300 bg-green-50 text-green-900",
  }[kind];
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2 text-sm ${tone}`}>
      {children}
    </div>
  );
}
