/**
 * A TrueType font for pdf-lib without fontkit: the PDF standard fonts are not embedded, and a
 * viewer draws them with a substitute whose letters do not fit Helvetica's widths (« R écapitulatif »,
 * « SIR ET »). This embeds a real TrueType file as a simple font in WinAnsi encoding, with the
 * widths read from its own tables, so that what is drawn is what was measured. `subsetWinAnsi`
 * keeps only the glyphs of WinAnsi (scripts/subset-fonts.ts writes the files of server/fonts/).
 */
import type { PDFContext, PDFDocument, PDFRef } from 'pdf-lib';
import { CustomFontEmbedder, PDFFont, PDFHexString, PDFName, PDFNumber } from 'pdf-lib';

/** WinAnsi's codes 0x80–0x9F (the rest of 0x20–0xFF is Latin-1). */
const WIN_ANSI_80: (number | undefined)[] = [
  0x20ac,
  undefined,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  undefined,
  0x017d,
  undefined,
  undefined,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  undefined,
  0x017e,
  0x0178,
];

/** The Unicode code point of each WinAnsi code 32–255 that has one. */
export const winAnsi: Map<number, number> = (() => {
  const byCode = new Map<number, number>();
  for (let code = 32; code <= 255; code++) {
    const cp = code >= 0x80 && code <= 0x9f ? WIN_ANSI_80[code - 0x80] : code;
    if (cp !== undefined && code !== 0x7f) byCode.set(code, cp);
  }
  return byCode;
})();
const codeOf = new Map([...winAnsi].map(([code, cp]) => [cp, code]));

interface Tables {
  bytes: Uint8Array;
  view: DataView;
  tables: Map<string, { offset: number; length: number }>;
}

function readTables(bytes: Uint8Array): Tables {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint16(4);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
    tables.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return { bytes, view, tables };
}

function table(t: Tables, tag: string) {
  const entry = t.tables.get(tag);
  if (!entry) throw new Error(`TrueType: table ${tag} absente`);
  return entry;
}

/** The glyph of each code point of the (3,1) format 4 cmap. */
function cmap(t: Tables): Map<number, number> {
  const { offset } = table(t, 'cmap');
  const v = t.view;
  const n = v.getUint16(offset + 2);
  let sub: number | undefined;
  for (let i = 0; i < n; i++) {
    const at = offset + 4 + i * 8;
    if (v.getUint16(at) === 3 && v.getUint16(at + 2) === 1) sub = offset + v.getUint32(at + 4);
  }
  if (sub === undefined || v.getUint16(sub) !== 4) throw new Error('TrueType: cmap (3,1) absente');
  const segX2 = v.getUint16(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  const glyphs = new Map<number, number>();
  for (let s = 0; s < segX2; s += 2) {
    const end = v.getUint16(ends + s);
    const start = v.getUint16(starts + s);
    const delta = v.getInt16(deltas + s);
    const range = v.getUint16(ranges + s);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let gid: number;
      if (range === 0) gid = (cp + delta) & 0xffff;
      else {
        const g = v.getUint16(ranges + s + range + (cp - start) * 2);
        gid = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (gid !== 0) glyphs.set(cp, gid);
    }
  }
  return glyphs;
}

/** What a PDF needs to know of a TrueType font. */
export interface FontMetrics {
  name: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: [number, number, number, number];
  /** Advance width of each WinAnsi code that has a glyph, in font units. */
  widths: Map<number, number>;
}

/** Reads the metrics of a TrueType file (glyf outlines, (3,1) cmap). */
export function fontMetrics(bytes: Uint8Array): FontMetrics {
  const t = readTables(bytes);
  const v = t.view;
  const head = table(t, 'head').offset;
  const hhea = table(t, 'hhea').offset;
  const hmtx = table(t, 'hmtx').offset;
  const os2 = t.tables.get('OS/2');
  const unitsPerEm = v.getUint16(head + 18);
  const metrics = v.getUint16(hhea + 34);
  const advance = (gid: number) => v.getUint16(hmtx + 4 * Math.min(gid, metrics - 1));
  const glyphs = cmap(t);
  const widths = new Map<number, number>();
  for (const [code, cp] of winAnsi) {
    const gid = glyphs.get(cp);
    if (gid !== undefined) widths.set(code, advance(gid));
  }
  const ascent = v.getInt16(hhea + 4);
  const capHeight =
    os2 && v.getUint16(os2.offset) >= 2 ? v.getInt16(os2.offset + 88) : Math.round(ascent * 0.7);
  return {
    name: postScriptName(t) ?? 'Font',
    unitsPerEm,
    ascent,
    descent: v.getInt16(hhea + 6),
    capHeight,
    bbox: [
      v.getInt16(head + 36),
      v.getInt16(head + 38),
      v.getInt16(head + 40),
      v.getInt16(head + 42),
    ],
    widths,
  };
}

/** The PostScript name (name id 6, Windows Unicode) of the font, if given. */
function postScriptName(t: Tables): string | undefined {
  const entry = t.tables.get('name');
  if (!entry) return undefined;
  const v = t.view;
  const count = v.getUint16(entry.offset + 2);
  const strings = entry.offset + v.getUint16(entry.offset + 4);
  for (let i = 0; i < count; i++) {
    const at = entry.offset + 6 + i * 12;
    if (v.getUint16(at) === 3 && v.getUint16(at + 6) === 6) {
      const length = v.getUint16(at + 8);
      const start = strings + v.getUint16(at + 10);
      let name = '';
      for (let k = 0; k < length; k += 2) name += String.fromCharCode(v.getUint16(start + k));
      return name.replace(/[^A-Za-z0-9-]/g, '');
    }
  }
  return undefined;
}

const checksum = (data: Uint8Array) => {
  const padded = new Uint8Array(Math.ceil(data.length / 4) * 4);
  padded.set(data);
  const v = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
};

/**
 * A smaller TrueType file with only the glyphs of WinAnsi (and those their composites use):
 * glyph ids are kept, the other outlines emptied, the layout tables (GSUB, GPOS, kern…) that a
 * PDF simple font never uses dropped, and `post` reduced to version 3 (no glyph names).
 */
export function subsetWinAnsi(bytes: Uint8Array): Uint8Array {
  const t = readTables(bytes);
  const v = t.view;
  const head = table(t, 'head').offset;
  const longLoca = v.getInt16(head + 50) === 1;
  const loca = table(t, 'loca').offset;
  const glyf = table(t, 'glyf').offset;
  const numGlyphs = v.getUint16(table(t, 'maxp').offset + 4);
  const at = (gid: number) =>
    longLoca ? v.getUint32(loca + gid * 4) : v.getUint16(loca + gid * 2) * 2;
  const keep = new Set<number>([0]);
  const visit = (gid: number) => {
    if (keep.has(gid) && gid !== 0) return;
    keep.add(gid);
    const start = glyf + at(gid);
    if (at(gid + 1) === at(gid) || v.getInt16(start) >= 0) return;
    // A composite glyph: keep each component.
    let p = start + 10;
    for (;;) {
      const flags = v.getUint16(p);
      visit(v.getUint16(p + 2));
      p += 4 + (flags & 0x0001 ? 4 : 2);
      if (flags & 0x0008) p += 2;
      else if (flags & 0x0040) p += 4;
      else if (flags & 0x0080) p += 8;
      if (!(flags & 0x0020)) break;
    }
  };
  const glyphs = cmap(t);
  for (const cp of winAnsi.values()) {
    const gid = glyphs.get(cp);
    if (gid !== undefined) visit(gid);
  }
  const outlines: Uint8Array[] = [];
  const offsets = new Uint32Array(numGlyphs + 1);
  let size = 0;
  for (let gid = 0; gid < numGlyphs; gid++) {
    offsets[gid] = size;
    if (!keep.has(gid)) continue;
    const data = bytes.subarray(glyf + at(gid), glyf + at(gid + 1));
    const padded = new Uint8Array(Math.ceil(data.length / 4) * 4);
    padded.set(data);
    outlines.push(padded);
    size += padded.length;
  }
  offsets[numGlyphs] = size;
  const newGlyf = new Uint8Array(size);
  let o = 0;
  for (const g of outlines) {
    newGlyf.set(g, o);
    o += g.length;
  }
  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  const locaView = new DataView(newLoca.buffer);
  offsets.forEach((off, i) => locaView.setUint32(i * 4, off));
  const copy = (tag: string) => {
    const e = table(t, tag);
    return bytes.slice(e.offset, e.offset + e.length);
  };
  const newHead = copy('head');
  const headView = new DataView(newHead.buffer);
  headView.setInt16(50, 1);
  headView.setUint32(8, 0);
  const post = copy('post').slice(0, 32);
  new DataView(post.buffer).setUint32(0, 0x00030000);
  const out = new Map<string, Uint8Array>([
    ['head', newHead],
    ['loca', newLoca],
    ['glyf', newGlyf],
    ['post', post],
  ]);
  for (const tag of ['OS/2', 'cmap', 'cvt ', 'fpgm', 'hhea', 'hmtx', 'maxp', 'name', 'prep']) {
    if (t.tables.has(tag)) out.set(tag, copy(tag));
  }
  const tags = [...out.keys()].sort();
  const headerSize = 12 + tags.length * 16;
  let total = headerSize;
  for (const tag of tags) total += Math.ceil(out.get(tag)!.length / 4) * 4;
  const file = new Uint8Array(total);
  const fv = new DataView(file.buffer);
  fv.setUint32(0, 0x00010000);
  fv.setUint16(4, tags.length);
  const power = 2 ** Math.floor(Math.log2(tags.length));
  fv.setUint16(6, power * 16);
  fv.setUint16(8, Math.log2(power));
  fv.setUint16(10, tags.length * 16 - power * 16);
  let offset = headerSize;
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const data = out.get(tag)!;
    const entry = 12 + i * 16;
    for (let k = 0; k < 4; k++) file[entry + k] = tag.charCodeAt(k);
    fv.setUint32(entry + 4, checksum(data));
    fv.setUint32(entry + 8, offset);
    fv.setUint32(entry + 12, data.length);
    file.set(data, offset);
    if (tag === 'head') headOffset = offset;
    offset += Math.ceil(data.length / 4) * 4;
  });
  fv.setUint32(headOffset + 8, (0xb1b0afba - checksum(file)) >>> 0);
  return file;
}

/**
 * Embeds a TrueType file in `doc` as a simple font in WinAnsi encoding, and returns it as a
 * PDFFont for drawText and widthOfTextAtSize. Characters outside WinAnsi, or without a glyph in
 * the font, throw in encodeText (as with the standard fonts).
 */
export function embedTrueType(doc: PDFDocument, bytes: Uint8Array): PDFFont {
  const m = fontMetrics(bytes);
  const scale = 1000 / m.unitsPerEm;
  const width = (code: number) => Math.round((m.widths.get(code) ?? 0) * scale);
  const codes = (text: string) =>
    [...text].map((ch) => {
      const code = codeOf.get(ch.codePointAt(0)!);
      if (code === undefined || !m.widths.has(code)) {
        throw new Error(`WinAnsi cannot encode "${ch}"`);
      }
      return code;
    });
  const embedder = {
    fontName: m.name,
    encodeText: (text: string) =>
      PDFHexString.of(
        codes(text)
          .map((c) => c.toString(16).padStart(2, '0'))
          .join(''),
      ),
    widthOfTextAtSize: (text: string, size: number) =>
      (codes(text).reduce((sum, c) => sum + width(c), 0) * size) / 1000,
    heightOfFontAtSize: (size: number, options: { descender?: boolean } = {}) =>
      ((m.ascent - (options.descender === false ? 0 : m.descent)) / m.unitsPerEm) * size,
    sizeOfFontAtHeight: (height: number) => (height * m.unitsPerEm) / (m.ascent - m.descent),
    async embedIntoContext(context: PDFContext, ref: PDFRef) {
      const file = context.flateStream(bytes, { Length1: bytes.length });
      const descriptor = context.obj({
        Type: 'FontDescriptor',
        FontName: m.name,
        Flags: 32,
        FontBBox: m.bbox.map((n) => Math.round(n * scale)),
        ItalicAngle: 0,
        Ascent: Math.round(m.ascent * scale),
        Descent: Math.round(m.descent * scale),
        CapHeight: Math.round(m.capHeight * scale),
        StemV: 80,
        FontFile2: context.register(file),
      });
      const widths = [];
      for (let code = 32; code <= 255; code++) widths.push(PDFNumber.of(width(code)));
      context.assign(
        ref,
        context.obj({
          Type: 'Font',
          Subtype: 'TrueType',
          BaseFont: PDFName.of(m.name),
          FirstChar: 32,
          LastChar: 255,
          Widths: context.obj(widths),
          Encoding: 'WinAnsiEncoding',
          FontDescriptor: context.register(descriptor),
        }),
      );
    },
  };
  const ref = doc.context.nextRef();
  // pdf-lib only builds PDFFonts from its own embedder classes (an instanceof check): this
  // one takes CustomFontEmbedder's prototype and overrides every method PDFFont calls.
  const asEmbedder: CustomFontEmbedder = Object.assign(
    Object.create(CustomFontEmbedder.prototype) as CustomFontEmbedder,
    embedder,
  );
  const font = PDFFont.of(ref, doc, asEmbedder);
  // Registered like doc.embedFont's fonts, so that doc.save() writes it.
  (doc as unknown as { fonts: PDFFont[] }).fonts.push(font);
  return font;
}
