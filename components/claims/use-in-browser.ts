"use client";
import { useSyncExternalStore } from "react";

function noSubscription() {
  return () => {};
}

/**
 * False in the server render and while hydrating, true from the render right after: for what is
 * drawn in the browser only (the article text, so the page carries the body once, in its RSC
 * payload, not a second time as HTML).
 */
export function useInBrowser(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
