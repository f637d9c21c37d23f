/**
 * A Vite plugin that writes, beside each text file of the build, its brotli (`.br`) and gzip
 * (`.gz`) forms, so that server/site.ts sends them without compressing at each request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The kinds of file worth compressing (images other than SVG are compressed already). */
export const COMPRESSIBLE = /\.(js|mjs|css|html|svg|txt|json|ico|map|webmanifest)$/;

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Writes `file.br` and `file.gz` for each compressible file of `dir`. */
export function precompressDir(dir: string): void {
  for (const file of files(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const bytes = readFileSync(file);
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
    );
    writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  }
}

/** The plugin: runs once the bundle is written. */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'esat-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/')
        ? config.build.outDir
        : join(config.root, config.build.outDir);
    },
    writeBundle() {
      precompressDir(outDir);
    },
  };
}
