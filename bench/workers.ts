import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Starts a script (path from the repository root) in its own process, with `env` added to this
 * process's environment, and an IPC channel when `ipc`; `output` resolves to its stdout once it
 * exits with 0.
 */
function start(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ipc: boolean,
): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join(ROOT, script), ...args],
    {
      cwd: ROOT,
      stdio: ipc ? ["ignore", "pipe", "inherit", "ipc"] : ["pipe", "pipe", "inherit"],
      env: { ...process.env, ...env },
    },
  );
  const output = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}`)),
    );
  });
  return { child, output };
}

/** Runs a script in its own process, `stdin` as its input; resolves to its stdout. */
export function worker(
  script: string,
  args: readonly string[],
  stdin?: string,
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  const { child, output } = start(script, args, env, false);
  child.stdin?.end(stdin ?? "");
  return output;
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
  const started = argLists.map((args) => start(script, args, env, true));
  const children = started.map((w) => w.child);
  const outputs = started.map((w) => w.output);
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
