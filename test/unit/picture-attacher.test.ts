import { describe, expect, it } from "vitest";
import { messageBody, restMessage } from "../../src/discord/payload.ts";
import { pictureAttacher } from "../../src/discord/pictures.ts";
import type { View } from "../../src/interactions/view.ts";
import { createLogger } from "../../src/logger.ts";
import type { PictureRenderer } from "../../src/pictures/render.ts";

const view: View = {
  content: "Endstand",
  picture: {
    name: "standings.png",
    chart: { kind: "ranking", layout: "podium", title: "Endstand", rows: [] },
    alt: `Endstand: [x](https://evil.example) ${"Anna, 100 Punkte; ".repeat(80)}`,
  },
};

function logged() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger("warn", {
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

describe("pictures sent to Discord", () => {
  it("go as a file described by the alt text (cut to 1,024 characters) beside the text", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const renderer: PictureRenderer = { render: async () => png };
    const sent = await pictureAttacher(renderer, logged().logger)(view);
    expect(sent.picture).toBeUndefined();
    expect(sent.content).toBe("Endstand");
    expect(sent.files).toHaveLength(1);
    expect(sent.files?.[0]).toMatchObject({ name: "standings.png", data: png });
    const description = sent.files?.[0]?.description ?? "";
    expect(description.length).toBeLessThanOrEqual(1024);
    expect(description).toMatch(
      /^Endstand: \[x\]\(https:\u200b\/\/evil\.example\) Anna, 100 Punkte; .*…$/,
    );
    const rest = restMessage(sent);
    expect(rest.files).toEqual([{ name: "standings.png", data: Buffer.from(png) }]);
    expect(messageBody(sent).attachments).toEqual([
      { id: 0, filename: "standings.png", description: sent.files?.[0]?.description },
    ]);
  });

  it("leave the text to go alone, and a warning in the log, when the picture cannot be drawn", async () => {
    const { logger, lines } = logged();
    const renderer: PictureRenderer = {
      render: async () => {
        throw new Error("no canvas");
      },
    };
    const sent = await pictureAttacher(renderer, logger)(view);
    expect(sent).toEqual({ content: "Endstand" });
    expect(lines.map((l) => l.msg)).toEqual(["picture not drawn; the text goes alone"]);
  });
});
