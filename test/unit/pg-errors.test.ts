import { describe, expect, it } from "vitest";
import {
  classifyPgError,
  isConstraintViolation,
  isUniqueViolation,
  writeErrorOf,
} from "../../src/db/pg/errors.ts";
import { WriteFailedError } from "../../src/db/write-failure.ts";

const withCode = (code: string, message = `code ${code}`) =>
  Object.assign(new Error(message), { code });
/** How drizzle wraps a driver error. */
const wrapped = (cause: unknown) => new Error("Failed query: INSERT …", { cause });

describe("a PostgreSQL error, for a write", () => {
  it.each([
    ["40001", "retry"],
    ["40P01", "retry"],
    ["57P01", "timeout"],
    ["57P03", "timeout"],
    ["57014", "timeout"],
    ["08006", "timeout"],
    ["08001", "timeout"],
    ["53300", "timeout"],
    ["53100", "full"],
    ["3D000", "gone"],
    ["25006", "failed"],
    ["23505", undefined],
    ["23503", undefined],
    ["42P01", undefined],
  ] as const)("SQLSTATE %s is %s, also inside drizzle's wrapper", (code, kind) => {
    expect(classifyPgError(withCode(code))).toBe(kind);
    expect(classifyPgError(wrapped(withCode(code)))).toBe(kind);
  });

  it.each([
    withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"),
    withCode("ECONNRESET", "read ECONNRESET"),
    new Error("Connection terminated unexpectedly"),
    new Error("timeout exceeded when trying to connect"),
    new Error("Connection terminated due to connection timeout"),
    new Error("Client has encountered a connection error and is not queryable"),
  ])("a lost, refused or pool-starved connection is a timeout: %s", (error) => {
    expect(classifyPgError(error)).toBe("timeout");
    expect(classifyPgError(wrapped(error))).toBe("timeout");
  });

  it("becomes a WriteFailedError when it is the storage's; a retryable conflict out of time is a timeout", () => {
    const full = writeErrorOf(withCode("53100"));
    expect(full).toBeInstanceOf(WriteFailedError);
    expect((full as WriteFailedError).reason).toBe("full");
    expect((writeErrorOf(withCode("40P01")) as WriteFailedError).reason).toBe("timeout");
  });

  it("stays the write's own error when a constraint refused it", () => {
    const duplicate = wrapped(withCode("23505"));
    expect(writeErrorOf(duplicate)).toBe(duplicate);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isConstraintViolation(wrapped(withCode("23503")))).toBe(true);
    expect(isUniqueViolation(withCode("23503"))).toBe(false);
    expect(writeErrorOf(new TypeError("a bug"))).toBeInstanceOf(TypeError);
  });
});
