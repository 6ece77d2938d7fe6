/** A small cookie-keeping HTTP client for API tests, signing in like the browser does. */
export type Reply<T = any> = { status: number; headers: Headers; body: T; text: string };

export class ApiClient {
  private cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    private readonly options: { origin?: string | null; token?: string } = {},
  ) {}

  /** Signs in through the auth library's route and keeps the session cookie. */
  async signIn(email: string, password: string): Promise<Reply> {
    return this.request("POST", "/api/auth/sign-in/email", { email, password });
  }

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined && typeof body !== "string") headers["content-type"] = "application/json";
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    const origin = this.options.origin === undefined ? this.base : this.options.origin;
    if (origin && method !== "GET") headers.origin = origin;
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  get = <T = any>(path: string) => this.request<T>("GET", path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>("POST", path, body ?? {});
  patch = <T = any>(path: string, body?: unknown) => this.request<T>("PATCH", path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.request<T>("PUT", path, body ?? {});
  delete = <T = any>(path: string) => this.request<T>("DELETE", path);
}
