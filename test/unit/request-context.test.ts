import { runAfterResponse, runInRequest } from "@/lib/request-context";

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("work left for after the answer (runAfterResponse)", () => {
  it("waits, inside a request, until the server wrapper starts it once the answer is sent", async () => {
    const after: (() => void)[] = [];
    const ran: string[] = [];
    runInRequest({ id: "r1", after }, () => runAfterResponse(() => ran.push("prepared")));
    await turn();
    await turn();
    expect(ran).toEqual([]);
    expect(after).toHaveLength(1);
    // What scripts/serve.mjs does when the response closes.
    for (const work of after) work();
    expect(ran).toEqual(["prepared"]);
  });

  it("runs on the next turn of the event loop outside a request (a script, a test)", async () => {
    const ran: string[] = [];
    runAfterResponse(() => ran.push("prepared"));
    expect(ran).toEqual([]);
    await turn();
    expect(ran).toEqual(["prepared"]);
  });
});
