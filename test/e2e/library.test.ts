import { ApplicationCommandOptionType as T } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotAgainstFake, startBotAgainstFake } from "../support/bot-against-fake.ts";
import {
  CHANNEL_ID,
  type FakeAttachment,
  type FakeDiscord,
  type FakeUser,
  GUILD_B_ID,
} from "../support/fake-discord.ts";
import type { TempApp } from "../support/temp-app.ts";
import { buildZip, zip64Bomb } from "../support/zip-bytes.ts";

const librarian: FakeUser = { id: "720000000000000001", name: "Lea", manageGuild: true };
const member: FakeUser = { id: "720000000000000002", name: "Max" };

const ARTICLE = [
  "# Die Mondbasis",
  "",
  "Die Raumfahrtagentur Selenia plant eine Forschungsstation am Südpol des Mondes.",
  "",
  "Gebaut wird die Station von der Firma Regolith Works aus Bremen. Die Kosten liegen bei 12 Milliarden Euro.",
].join("\n");

let running: BotAgainstFake;
let fake: FakeDiscord;
let t: TempApp;

beforeAll(async () => {
  running = await startBotAgainstFake();
  ({ fake, t } = running);
});

afterAll(() => running?.stop());

const library = (
  user: FakeUser,
  sub: string,
  options: unknown[] = [],
  extra: { guildId?: string; attachments?: FakeAttachment[] } = {},
) => fake.command(user, "library", [{ name: sub, type: T.Subcommand, options }], extra);

async function answerText(id: string): Promise<string> {
  const payload = await fake.waitFor(() =>
    fake.payloadsOf(id).find((p) => typeof p.content === "string" && p.content !== ""),
  );
  return payload.content as string;
}

const cite = (user: FakeUser, query: string, guildId?: string) =>
  fake.command(user, "cite", [{ name: "query", type: T.String, value: query }], {
    ...(guildId ? { guildId } : {}),
  });

async function citedTitles(id: string): Promise<string> {
  const payload = await fake.waitFor(() =>
    fake.payloadsOf(id).find((p) => Array.isArray(p.embeds) || typeof p.content === "string"),
  );
  return JSON.stringify(payload);
}

function buttonIds(id: string): string[] {
  return fake
    .payloadsOf(id)
    .flatMap((p) => (p.components as { components: { custom_id: string }[] }[] | undefined) ?? [])
    .flatMap((row) => row.components.map((c) => c.custom_id));
}

describe("a server's library through Discord", () => {
  it("refuses members without Manage Server, and files that are not articles", async () => {
    const file = fake.attach("mondbasis.md", ARTICLE);
    expect(
      await answerText(
        library(member, "add", [{ name: "file", type: T.Attachment, value: file.id }], {
          attachments: [file],
        }),
      ),
    ).toContain("Server verwalten");
    const pdf = fake.attach("scan.pdf", "%PDF-1.4", "application/pdf");
    expect(
      await answerText(
        library(librarian, "add", [{ name: "file", type: T.Attachment, value: pdf.id }], {
          attachments: [pdf],
        }),
      ),
    ).toContain("scan.pdf");
    expect((await t.app.library.list("200000000000000001")).articles).toEqual([]);
  });

  it("goes from an uploaded article to a cited passage, a proposed question and a round", async () => {
    const file = fake.attach("mondbasis.md", ARTICLE);
    const add = library(librarian, "add", [{ name: "file", type: T.Attachment, value: file.id }], {
      attachments: [file],
    });
    // No title in the file: a form asks for it, with the first heading filled in.
    const form = await fake.waitFor(() => {
      const body = fake.callbackOf(add);
      return body?.type === 9 ? body.data : undefined;
    });
    expect(JSON.stringify(form)).toContain("Die Mondbasis");
    const titled = fake.submitModal(librarian, form?.custom_id as string, {
      title: "Die Mondbasis",
    });
    expect(await answerText(titled)).toContain("„Die Mondbasis“ ist jetzt in der Bibliothek");

    const here = cite(member, "Welche Firma baut die Station auf dem Mond?");
    expect(await citedTitles(here)).toContain("Regolith Works");
    const footers = fake
      .payloadsOf(here)
      .flatMap((p) => (Array.isArray(p.embeds) ? p.embeds : []))
      .map((e) => (e as { footer?: { text?: string } }).footer?.text ?? "");
    expect(footers.join(" ")).toMatch(/mondbasis#\d/);
    expect(footers.join(" ")).not.toMatch(/g\d+-mondbasis/);
    const elsewhere = cite(member, "Welche Firma baut die Station auf dem Mond?", GUILD_B_ID);
    expect(await citedTitles(elsewhere)).not.toContain("Regolith Works");

    const propose = buttonIds(here).find((id) => id.startsWith("propose:")) as string;
    const kinds = fake.click(member, propose);
    const organisation = await fake.waitFor(() =>
      buttonIds(kinds).find((id) => id.startsWith("ptype:") && id.endsWith(":1")),
    );
    const opened = fake.click(member, organisation);
    const proposalForm = await fake.waitFor(() => {
      const body = fake.callbackOf(opened);
      return body?.type === 9 ? body.data : undefined;
    });
    const formId = proposalForm?.custom_id as string;
    const rejected = fake.submitModal(member, formId, {
      quote: "Gebaut wird die Station von der Firma Regolith Works aus Bremen.",
      question_de: "Welche Firma baut die Forschungsstation am Südpol des Mondes?",
      question_en: "",
      answers: "Lunar Forge",
      distractors: "",
    });
    expect(await answerText(rejected)).toContain("does not occur in the quote");
    const accepted = fake.submitModal(member, formId, {
      quote: "Gebaut wird die Station von der Firma Regolith Works aus Bremen.",
      question_de: "Welche Firma baut die Forschungsstation am Südpol des Mondes?",
      question_en: "Which company builds the research station at the Moon's south pole?",
      answers: "Regolith Works\nRegolith",
      distractors: "Lunar Forge\nCrater Systems\nApollo Bau",
    });
    expect(await answerText(accepted)).toContain("wartet auf die Prüfung");

    const review = library(librarian, "review");
    const approve = await fake.waitFor(() =>
      buttonIds(review).find((id) => id.endsWith(":1") && id.startsWith("verdict:")),
    );
    expect(await answerText(fake.click(member, approve))).toContain("Server verwalten");
    const approved = fake.click(librarian, approve);
    expect(JSON.stringify(await fake.waitFor(() => fake.payloadsOf(approved)[0]))).toContain(
      "freigegeben",
    );

    const start = fake.command(librarian, "quiz", [
      {
        name: "start",
        type: T.Subcommand,
        options: [
          { name: "article", type: T.String, value: "mondbasis" },
          { name: "questions", type: T.Integer, value: 1 },
          { name: "kind", type: T.String, value: "mc" },
        ],
      },
    ]);
    await fake.waitFor(() => fake.payloadsOf(start)[0]);
    const question = await fake.waitFor(() =>
      fake.requests.find(
        (r) =>
          r.method === "POST" &&
          r.path === `/api/v10/channels/${CHANNEL_ID}/messages` &&
          JSON.stringify(r.body).includes("Forschungsstation am Südpol"),
      ),
    );
    expect(JSON.stringify(question.body)).toContain("Regolith Works");
  });

  it("exports one server's library and imports it into another", async () => {
    const exported = library(librarian, "export");
    const zip = await fake.waitFor(() => fake.filesOf(exported)[0]);
    expect(zip.filename).toMatch(/\.zip$/);
    const upload = fake.attach(zip.filename, zip.data, "application/zip");
    const imported = library(
      librarian,
      "import",
      [{ name: "file", type: T.Attachment, value: upload.id }],
      {
        guildId: GUILD_B_ID,
        attachments: [upload],
      },
    );
    expect(await answerText(imported)).toContain("1 Artikel und 1 Quizfragen");
    const there = cite(member, "Regolith Works Bremen", GUILD_B_ID);
    expect(await citedTitles(there)).toContain("Regolith Works");
    const bad = fake.attach("kaputt.yaml", "- id: x\n  quote: [", "text/yaml");
    const refused = library(
      librarian,
      "import",
      [
        { name: "file", type: T.Attachment, value: bad.id },
        { name: "article", type: T.String, value: "mondbasis" },
      ],
      {
        guildId: GUILD_B_ID,
        attachments: [bad],
      },
    );
    expect(await answerText(refused)).toContain("kaputt.yaml:");
    const list = library(librarian, "list", [], { guildId: GUILD_B_ID });
    expect(JSON.stringify(await fake.waitFor(() => fake.payloadsOf(list)[0]))).toContain("Lea");
  });

  it("answers a 162-byte ZIP64 bomb and a lying zip entry in words, and stays up", async () => {
    const importZip = (name: string, data: Buffer) => {
      const upload = fake.attach(name, data, "application/zip");
      return library(
        librarian,
        "import",
        [{ name: "file", type: T.Attachment, value: upload.id }],
        {
          attachments: [upload],
        },
      );
    };
    expect(await answerText(importZip("bomb.zip", zip64Bomb()))).toContain("mehr als 100 Dateien");
    const lying = buildZip([
      {
        name: "articles/gross.md",
        data: new TextEncoder().encode(`---\nlanguage: de\n---\n\n${ARTICLE.repeat(5_000)}`),
        deflate: true,
        declaredSize: 976,
      },
    ]);
    expect(await answerText(importZip("lying.zip", lying))).toContain(
      "articles/gross.md: ist nicht so groß, wie die Zip-Datei angibt (976 Bytes)",
    );
    expect(await citedTitles(cite(member, "Regolith Works Bremen"))).toContain("Regolith Works");
  });
});
