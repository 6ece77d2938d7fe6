/**
 * `npm run bench -- hash`: how long a password verify takes against a real hash and against the
 * dummy hash used for unknown or disabled accounts (they should be about the same, so timing
 * does not tell whether an account exists). Prints figures; asserts nothing.
 */
import { dummyVerify, hashPassword, verifyPassword } from "../../lib/security/hash.ts";

export async function benchHash(rounds = 15): Promise<void> {
  const stored = await hashPassword("a long enough bench passphrase");
  const time = async (run: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  await dummyVerify("warm up");
  const real: number[] = [];
  const dummy: number[] = [];
  for (let i = 0; i < rounds; i++) {
    real.push(await time(() => verifyPassword(stored, "wrong password here")));
    dummy.push(await time(() => dummyVerify("wrong password here")));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`[bench hash] verify against a real hash: median ${median(real).toFixed(1)} ms over ${rounds}`);
  console.log(`[bench hash] dummy verify (unknown account): median ${median(dummy).toFixed(1)} ms over ${rounds}`);
  console.log(`[bench hash] ratio dummy/real ${(median(dummy) / median(real)).toFixed(2)}`);
}
