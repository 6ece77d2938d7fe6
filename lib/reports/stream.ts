/**
 * Streaming helpers for report builders: a builder given a sink writes its file piece by piece
 * (the worker passes the pieces on to the response) instead of building one large string. Pure.
 */

/** Receives a report's text or bytes in order. */
export type ReportSink = { text(s: string): void; bytes(b: Uint8Array): void };

/**
 * Collects parts joined by `sep`: into an array (returned by `join()`), or, with a sink, written
 * out as they come (then `join()` returns "").
 */
export class TextParts {
  private parts: string[] = [];
  private started = false;
  constructor(
    private readonly sep = "",
    private readonly sink?: ReportSink,
  ) {}

  push(...items: string[]): void {
    for (const s of items) {
      if (this.sink) {
        this.sink.text(this.started ? this.sep + s : s);
        this.started = true;
      } else this.parts.push(s);
    }
  }

  join(): string {
    return this.parts.join(this.sep);
  }
}

const encoder = new TextEncoder();

/**
 * Gathers small writes into chunks of about `size` bytes, each handed to `send` as a buffer of
 * its own (so it can be transferred to another thread without a copy).
 */
export class ChunkBatcher implements ReportSink {
  private buffer: Uint8Array;
  private used = 0;
  private total = 0;
  constructor(
    private readonly send: (chunk: Uint8Array<ArrayBuffer>) => void,
    private readonly size = 64 * 1024,
  ) {
    this.buffer = new Uint8Array(size);
  }

  /** Bytes written so far. */
  get written(): number {
    return this.total;
  }

  text(s: string): void {
    if (s.length === 0) return;
    // A UTF-8 character takes at most 3 bytes per UTF-16 code unit.
    if (s.length * 3 <= this.size - this.used) {
      const { written } = encoder.encodeInto(s, this.buffer.subarray(this.used));
      this.used += written;
      this.total += written;
      return;
    }
    const step = this.size / 4;
    for (let i = 0; i < s.length; ) {
      let end = Math.min(s.length, i + step);
      // Never split a surrogate pair.
      const last = s.charCodeAt(end - 1);
      if (end < s.length && last >= 0xd800 && last <= 0xdbff) end++;
      this.bytes(encoder.encode(s.slice(i, end)));
      i = end;
    }
  }

  bytes(b: Uint8Array): void {
    this.total += b.byteLength;
    let at = 0;
    while (at < b.byteLength) {
      const n = Math.min(this.size - this.used, b.byteLength - at);
      this.buffer.set(b.subarray(at, at + n), this.used);
      this.used += n;
      at += n;
      if (this.used === this.size) this.flush();
    }
  }

  /** Sends what is gathered. */
  flush(): void {
    if (this.used === 0) return;
    const chunk = this.buffer.slice(0, this.used);
    this.used = 0;
    this.send(chunk);
  }
}

/** What a download needs before its first byte: its type, its name, and headers of its own. */
export type FileHead = { contentType: string; disposition: string; headers?: Record<string, string> };

/** A download being written: its head once, then its body. */
export type FileOutput = ReportSink & { head(head: FileHead): void };
