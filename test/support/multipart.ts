/**
 * A small multipart/form-data reader for the fake Discord: binary-safe over a Buffer, enough for
 * what @discordjs/rest sends (undici's FormData: `files[n]` parts with a filename and a
 * Content-Type, then one `payload_json` text part).
 */

export interface MultipartPart {
  /** The form field name (`files[0]`, `payload_json`, …). */
  readonly name: string;
  /** Set for file parts only. */
  readonly filename: string | undefined;
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

/** The boundary named in a `multipart/form-data; boundary=…` content type. */
export function multipartBoundary(contentType: string): string | undefined {
  if (!/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Reads one Content-Disposition parameter. undici writes `"` and line breaks in names as %22,
 * %0A and %0D (and nothing else percent-encoded), RFC 7578 style; a backslash escape is read too.
 */
function dispositionParam(disposition: string, param: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i").exec(
    disposition,
  );
  if (!match) return undefined;
  if (match[2] !== undefined) return match[2];
  return (match[1] ?? "")
    .replace(/\\(.)/g, "$1")
    .replace(/%22/gi, '"')
    .replace(/%0A/gi, "\n")
    .replace(/%0D/gi, "\r");
}

/** The parts of a multipart body; throws when the body is not well formed. */
export function parseMultipart(raw: Buffer, boundary: string): MultipartPart[] {
  const first = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = raw.indexOf(first);
  if (at < 0) throw new Error("multipart: no boundary in the body");
  at += first.length;
  // After each boundary: "--" closes the body, else the rest of the line, then the part.
  while (!(raw[at] === 0x2d && raw[at + 1] === 0x2d)) {
    const lineEnd = raw.indexOf("\r\n", at);
    if (lineEnd < 0) throw new Error("multipart: boundary line without an end");
    const headerEnd = raw.indexOf("\r\n\r\n", lineEnd);
    if (headerEnd < 0) throw new Error("multipart: part headers without an end");
    const headers = new Map<string, string>();
    for (const line of raw
      .subarray(lineEnd + 2, headerEnd)
      .toString("utf8")
      .split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0)
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const end = raw.indexOf(delimiter, headerEnd + 4);
    if (end < 0) throw new Error("multipart: part without a closing boundary");
    const disposition = headers.get("content-disposition") ?? "";
    parts.push({
      name: dispositionParam(disposition, "name") ?? "",
      filename: dispositionParam(disposition, "filename"),
      contentType: headers.get("content-type"),
      data: Buffer.from(raw.subarray(headerEnd + 4, end)),
    });
    at = end + delimiter.length;
  }
  return parts;
}
