// Small real images for the branding tests, made on the spot rather than kept as binary fixtures.
import { createHash } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";

function chunk(name: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(name, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG of one colour, `width` × `height` pixels, with a white square in its middle. */
export function makePng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then RGB
    for (let x = 0; x < width; x++) {
      const inner =
        x > width / 3 && x < (2 * width) / 3 && y > height / 3 && y < (2 * height) / 3 ? 255 : null;
      row[1 + x * 3] = inner ?? rgb[0];
      row[2 + x * 3] = inner ?? rgb[1];
      row[3 + x * 3] = inner ?? rgb[2];
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The start of a baseline JPEG up to its frame header: enough for a sniffer to measure it. */
export function jpegHead(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 255, width >> 8, width & 255, 3];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof0, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
}

/** The organization_branding columns of a PNG logo (makePng's), for createOrganizationBranding. */
export function pngLogoColumns(width: number, height: number, rgb: [number, number, number]) {
  const logo = makePng(width, height, rgb);
  return {
    logo,
    logo_type: "image/png",
    logo_width: width,
    logo_height: height,
    logo_hash: createHash("sha256").update(logo).digest("hex").slice(0, 32),
  };
}
