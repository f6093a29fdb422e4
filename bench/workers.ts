import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Runs a script (path from the repository root) in its own process, with `env` added to this
 * process's environment; resolves to its stdout.
 */
export function worker(
  script: string,
  args: readonly string[],
  stdin?: string,
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", "--import", "tsx", join(ROOT, script), ...args],
      { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, ...env } },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}`)),
    );
    child.stdin.end(stdin ?? "");
  });
}

export async function jsonWorker<T>(
  script: string,
  args: readonly string[],
  stdin?: string,
  env: NodeJS.ProcessEnv = {},
): Promise<T> {
  return JSON.parse(await worker(script, args, stdin, env)) as T;
}
