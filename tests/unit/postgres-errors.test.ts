/** Which pg failures the PostgreSQL store reports as `unavailable`, and which it leaves alone. */
import { describe, expect, it } from "vitest";
import { AppError } from "../../server/core/app-error.js";
import {
  isConnectionError,
  isUniqueViolation,
  toStoreError,
} from "../../server/store/postgres/postgres-errors.js";

const withCode = (code: string, message = "boom") => Object.assign(new Error(message), { code });

describe("postgres error mapping", () => {
  it.each([
    ["ECONNREFUSED", withCode("ECONNREFUSED")],
    ["ECONNRESET", withCode("ECONNRESET")],
    ["57P01 admin shutdown", withCode("57P01")],
    ["57P03 cannot connect now", withCode("57P03")],
    ["08006 connection failure", withCode("08006")],
    ["Connection terminated unexpectedly", new Error("Connection terminated unexpectedly")],
    ["connect timeout", new Error("timeout exceeded when trying to connect")],
    ["every address refused", new AggregateError([withCode("ECONNREFUSED")], "")],
  ])("%s is unavailable", (_label, error) => {
    expect(isConnectionError(error)).toBe(true);
    const mapped = toStoreError(error);
    expect(mapped).toBeInstanceOf(AppError);
    expect((mapped as AppError).code).toBe("unavailable");
    expect((mapped as AppError).cause).toBe(error);
  });

  it.each([
    ["23505 unique violation", withCode("23505")],
    ["42P01 undefined table", withCode("42P01")],
    ["08P01 protocol violation (a client bug)", withCode("08P01")],
    ["a plain error", new Error("something else")],
    ["not an error", "text"],
  ])("%s passes through unchanged", (_label, error) => {
    expect(isConnectionError(error)).toBe(false);
    expect(toStoreError(error)).toBe(error);
  });

  it("keeps AppErrors and maps text PostgreSQL cannot hold to invalid_input", () => {
    const notFound = new AppError("not_found", "No such comment");
    expect(toStoreError(notFound)).toBe(notFound);
    expect((toStoreError(withCode("22021")) as AppError).code).toBe("invalid_input");
  });

  it("recognises a unique violation by its constraint", () => {
    const error = Object.assign(withCode("23505"), { constraint: "comments_client_key" });
    expect(isUniqueViolation(error, "comments_client_key")).toBe(true);
    expect(isUniqueViolation(error, "users_handle_key")).toBe(false);
    expect(isUniqueViolation(withCode("23503"), "comments_client_key")).toBe(false);
  });
});
