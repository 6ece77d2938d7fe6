/**
 * Reads a password for the operator scripts (user:add, user:reset): from a hidden prompt asked
 * twice, or from stdin when piped; never from argv, where it would land in shell history and
 * process listings. Exits when the two typed passwords differ.
 */
import { createInterface } from "node:readline";

export async function readPassword(label = "Password"): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = "";
    for await (const chunk of process.stdin) data += chunk;
    return data.replace(/\r?\n$/, "");
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(q);
      // Hide what is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
      rl.question("", (answer) => {
        process.stdout.write("\n");
        resolve(answer);
      });
    });
  const first = await ask(`${label}: `);
  const second = await ask(`Repeat ${label.toLowerCase()}: `);
  rl.close();
  if (first !== second) {
    console.error("The passwords differ.");
    process.exit(1);
  }
  return first;
}
