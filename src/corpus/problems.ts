/** A problem in a corpus file, reported as `file:line: message`. */
export interface CorpusProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export function formatProblem(p: CorpusProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

export class CorpusInvalidError extends Error {
  constructor(readonly problems: readonly CorpusProblem[]) {
    super(
      `The corpus has ${problems.length} problem(s):\n${problems.map(formatProblem).join("\n")}`,
    );
    this.name = "CorpusInvalidError";
  }
}
