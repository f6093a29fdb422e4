import { utf8Text } from "../library/download.ts";
import { LIBRARY_LIMITS } from "../library/limits.ts";
import type { Lang } from "../quiz/types.ts";
import type { InteractionContext } from "./context.ts";
import type { Attachment } from "./request.ts";
import { libraryTexts } from "./texts/library.ts";

export type Fetched =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly text: string | undefined }
  | { readonly ok: false; readonly message: string };

/** Fetches an attached file within the library's size cap; what went wrong, in words. */
export async function fetchAttachment(
  ctx: InteractionContext,
  attachment: Attachment,
  maxBytes: number,
  lang: Lang,
): Promise<Fetched> {
  const l = libraryTexts(lang);
  if (attachment.size > maxBytes) return { ok: false, message: l.tooLarge(maxBytes) };
  const fetched = await ctx.attachments.fetch(attachment.url, maxBytes);
  if (!fetched.ok) {
    const message = {
      "not-allowed": l.notAllowed,
      "too-large": l.tooLarge(maxBytes),
      failed: l.fetchFailed,
      timeout: l.timeout,
    }[fetched.reason];
    return { ok: false, message };
  }
  return { ok: true, bytes: fetched.bytes, text: utf8Text(fetched.bytes) };
}

/** An article upload: .md or .txt within the cap, as text. */
export async function fetchArticleText(
  ctx: InteractionContext,
  attachment: Attachment,
  lang: Lang,
): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const l = libraryTexts(lang);
  if (!/\.(md|txt)$/i.test(attachment.name))
    return { ok: false, message: l.wrongFile(attachment.name, ".md / .txt") };
  const fetched = await fetchAttachment(ctx, attachment, LIBRARY_LIMITS.fileBytes, lang);
  if (!fetched.ok) return fetched;
  if (fetched.text === undefined) return { ok: false, message: l.notText };
  return { ok: true, text: fetched.text };
}
