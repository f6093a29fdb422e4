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

/**
 * Runs a script in several processes at once (one per argument list) that each say "ready" over
 * their IPC channel once set up; only when all are ready are they all told "go", so their
 * start-up is not part of what they measure. Resolves to each one's stdout as JSON.
 */
export async function jsonWorkersTogether<T>(
  script: string,
  argLists: readonly (readonly string[])[],
  env: NodeJS.ProcessEnv = {},
): Promise<T[]> {
  const children = argLists.map((args) =>
    spawn(process.execPath, ["--expose-gc", "--import", "tsx", join(ROOT, script), ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit", "ipc"],
      env: { ...process.env, ...env },
    }),
  );
  const outputs = children.map(
    (child) =>
      new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout?.on("data", (d: Buffer) => {
          out += d.toString();
        });
        child.on("error", reject);
        child.on("exit", (code) =>
          code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}`)),
        );
      }),
  );
  const ready = children.map(
    (child) => new Promise<void>((resolve) => child.once("message", () => resolve())),
  );
  try {
    // A child that dies while starting rejects its output before it could say "ready".
    await Promise.race([Promise.all(ready), Promise.all(outputs)]);
    for (const child of children) child.send("go");
    return (await Promise.all(outputs)).map((out) => JSON.parse(out) as T);
  } catch (error) {
    for (const child of children) child.kill();
    throw error;
  }
}

export async function jsonWorker<T>(
  script: string,
  args: readonly string[],
  stdin?: string,
  env: NodeJS.ProcessEnv = {},
): Promise<T> {
  return JSON.parse(await worker(script, args, stdin, env)) as T;
}
