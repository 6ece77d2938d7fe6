"use client";
import { useEffect, useId, useRef, useState } from "react";
import { findArticleChoicesAction } from "@/lib/claims/choices-actions";

type Choice = { id: string; title: string };

/**
 * The claims list's article filter: a combobox that asks the server for matching titles as
 * someone types (every title sent with each page was most of the page's weight). Its value goes
 * out with the form as `articleId` (a hidden input), so the filter stays in the URL; without
 * JavaScript the current choice is still submitted. Keyboard: type to search, ↓/↑ to move,
 * Enter to choose, Escape to close; emptying the box means all articles.
 */
export function ArticlePicker({ initial, className = "" }: { initial: Choice | null; className?: string }) {
  const id = useId();
  const [chosen, setChosen] = useState<Choice | null>(initial);
  const [text, setText] = useState(initial?.title ?? "");
  const [choices, setChoices] = useState<Choice[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [note, setNote] = useState("");
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function search(q: string) {
    const n = ++asked.current;
    const result = await findArticleChoicesAction({ q });
    if (n !== asked.current) return;
    if (!result.ok) {
      setNote(result.error.message);
      return;
    }
    setChoices(result.data);
    setActive(-1);
    setOpen(true);
    setNote(result.data.length === 0 ? "No article title matches." : `${result.data.length} ${result.data.length === 1 ? "article" : "articles"} found; use the arrow keys to choose.`);
  }

  function choose(c: Choice | null) {
    setChosen(c);
    setText(c?.title ?? "");
    setOpen(false);
    setActive(-1);
  }

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <div className={`relative ${className}`}>
      <label htmlFor={`${id}-input`} className="block font-medium text-slate-700">
        Article
      </label>
      <input type="hidden" name="articleId" value={chosen?.id ?? ""} />
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        placeholder="All articles (type a title)"
        value={text}
        onChange={(e) => {
          const value = e.target.value;
          setText(value);
          setChosen(null);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void search(value), 150);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            if (!open) void search(text === chosen?.title ? "" : text);
            else setActive((a) => Math.min(choices.length - 1, a + 1));
          } else if (e.key === "ArrowUp" && open) {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === "Enter" && open && active >= 0) {
            // Choosing, not submitting the form.
            e.preventDefault();
            choose(choices[active]);
          } else if (e.key === "Escape" && open) {
            e.preventDefault();
            setOpen(false);
          }
        }}
        onBlur={() => setOpen(false)}
        className="mt-1 block w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      />
      <p className="sr-only" aria-live="polite">
        {note}
      </p>
      <ul
        id={listId}
        role="listbox"
        aria-label="Articles"
        hidden={!open || choices.length === 0}
        className="absolute z-20 mt-1 max-h-72 w-80 overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
      >
        {choices.map((c, i) => (
          <li
            key={c.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            // Keep the focus in the box: the list closes on blur.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(c)}
            className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-blue-700 text-white" : "text-slate-800 hover:bg-slate-100"}`}
          >
            {c.title}
          </li>
        ))}
      </ul>
    </div>
  );
}
