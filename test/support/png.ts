import { createCanvas, loadImage } from "@napi-rs/canvas";

/** What a PNG holds: its size, how many distinct colours its pixels have, and the pixels. */
export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly colours: number;
  /** RGBA, row by row. */
  readonly pixels: Uint8ClampedArray;
}

/** The colour of one pixel as 0xRRGGBB. */
export function pixelAt(png: DecodedPng, x: number, y: number): number {
  const i = (y * png.width + x) * 4;
  const p = png.pixels;
  return ((p[i] ?? 0) << 16) | ((p[i + 1] ?? 0) << 8) | (p[i + 2] ?? 0);
}

/** Decodes PNG bytes (throws when they are not a PNG) and counts the colours of its pixels. */
export async function decodePng(bytes: Uint8Array): Promise<DecodedPng> {
  if (Buffer.from(bytes.subarray(0, 8)).toString("hex") !== "89504e470d0a1a0a")
    throw new Error("not a PNG signature");
  const image = await loadImage(Buffer.from(bytes));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4)
    colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
  return { width: image.width, height: image.height, colours: colours.size, pixels: data };
}
