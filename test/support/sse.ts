/** A minimal server-sent events reader over fetch, for tests of the article event stream. */
export type Sse = { id?: string; event: string; data: any; at: number };

export type SseStream = {
  /** Resolves with the response's status and content type once the headers arrived. */
  ready: Promise<{ status: number; type: string }>;
  events: Sse[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  waitFor: (pred: (e: Sse) => boolean) => Promise<Sse>;
  close: () => void;
};

export function openSse(url: string, headers: Record<string, string>): SseStream {
  const controller = new AbortController();
  const events: Sse[] = [];
  const waiters: (() => void)[] = [];
  let isEnded = false;
  let resolveEnded: () => void = () => {};
  const ended = new Promise<void>((r) => (resolveEnded = r));
  const markEnded = () => {
    isEnded = true;
    resolveEnded();
  };
  const ready = fetch(url, { headers, signal: controller.signal }).then(async (res) => {
    const info = { status: res.status, type: res.headers.get("content-type") ?? "" };
    if (!res.body || res.status !== 200) {
      markEnded();
      return info;
    }
    (async () => {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const e: Sse = { event: "message", data: null, at: performance.now() };
            let data = "";
            for (const line of block.split("\n")) {
              if (line.startsWith("id: ")) e.id = line.slice(4);
              else if (line.startsWith("event: ")) e.event = line.slice(7);
              else if (line.startsWith("data: ")) data += line.slice(6);
            }
            if (data) {
              e.data = JSON.parse(data);
              events.push(e);
              waiters.splice(0).forEach((w) => w());
            }
          }
        }
      } catch {
        // aborted
      } finally {
        markEnded();
        waiters.splice(0).forEach((w) => w());
      }
    })();
    return info;
  });
  ready.catch(() => markEnded());
  const waitFor = async (pred: (e: Sse) => boolean): Promise<Sse> => {
    for (;;) {
      const hit = events.find(pred);
      if (hit) return hit;
      if (isEnded) throw new Error(`The stream ended without the awaited event (got: ${events.map((e) => e.event).join(", ")})`);
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { ready, events, ended, waitFor, close: () => controller.abort() };
}
