import { describe, expect, it } from "vitest";
import { isLibraryId, libraryId, shownId } from "../../src/library/ids.ts";

describe("a server's ids as the server sees them", () => {
  it("drop the server's number from article and passage ids, and leave shared ids alone", () => {
    const id = libraryId("123456789012345678", "mondbasis");
    expect(isLibraryId(id)).toBe(true);
    expect(shownId(id)).toBe("mondbasis");
    expect(shownId(`${id}#4`)).toBe("mondbasis#4");
    expect(shownId("bezos-statt-musk#4")).toBe("bezos-statt-musk#4");
    expect(shownId("g12-kurz#1")).toBe("g12-kurz#1");
  });
});
