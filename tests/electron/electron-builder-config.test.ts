/**
 * electron-builder.yml, read the way electron-builder reads it (its js-yaml) and validated
 * against the JSON schema electron-builder ships (app-builder-lib/scheme.json) with the
 * validator it depends on (ajv), both resolved from electron-builder's own dependencies. Then
 * what the schema cannot know: both Windows targets, distinct artifact names, the native
 * module unpacked, the right files packed, and icons that are what make-icons draws.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PRELOAD_BUNDLE, RENDERER_DIR } from '../../src-main/electron/layout.ts';
import { ICO_SIZES, renderIcon } from '../../src-main/electron/make-icons.ts';
import { APP_ID } from '../../src-main/electron/workstation.ts';
import { PRODUCT_NAME } from '../../src-main/host/data-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface ValidateFunction {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string }> | null;
}

/** electron-builder's ajv, js-yaml and schema: the versions a real build would use. */
function electronBuilderTools() {
  const fromProject = createRequire(path.join(ROOT, 'package.json'));
  const fromBuilder = createRequire(fromProject.resolve('electron-builder/package.json'));
  const libPackage = fromBuilder.resolve('app-builder-lib/package.json');
  const fromLib = createRequire(libPackage);
  const Ajv = fromLib('ajv').default as new (options: object) => { compile(schema: object): ValidateFunction };
  const yaml = fromLib('js-yaml') as { load(text: string): unknown };
  const schema = JSON.parse(readFileSync(path.join(path.dirname(libPackage), 'scheme.json'), 'utf8')) as object;
  // allErrors and strict: false as electron-builder sets them; no type coercion, so "false" is no boolean here.
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return { validate, yaml };
}

const { validate, yaml } = electronBuilderTools();
/** The parts of the configuration these tests read. */
interface BuilderConfig {
  readonly appId: string;
  readonly productName: string;
  readonly artifactName?: string;
  readonly files: readonly string[];
  readonly asarUnpack: readonly string[];
  readonly win: { readonly icon: string; readonly target: unknown };
  readonly nsis: { readonly artifactName: string; readonly [option: string]: unknown };
  readonly portable: { readonly artifactName: string; readonly [option: string]: unknown };
}

const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

function schemaErrors(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** Whether electron-builder's file patterns take `file`: some pattern includes it and no "!" pattern drops it. */
function packs(file: string): boolean {
  const patterns = config.files;
  const included = patterns.filter((p) => !p.startsWith('!')).some((p) => path.posix.matchesGlob(file, p));
  return included && !patterns.filter((p) => p.startsWith('!')).some((p) => path.posix.matchesGlob(file, p.slice(1)));
}

describe('electron-builder.yml', () => {
  it("validates against electron-builder's schema", () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  it('and the validation bites: typos and wrong types are errors', () => {
    expect(schemaErrors({ ...config, nsis: { ...config.nsis, oneclick: false } })).not.toEqual([]);
    expect(schemaErrors({ ...config, nsis: { ...config.nsis, oneClick: 'false' } })).not.toEqual([]);
    expect(schemaErrors({ ...config, portable: { ...config.portable, artifactname: 'x.exe' } })).not.toEqual([]);
    expect(schemaErrors({ ...config, appID: 'x' })).not.toEqual([]);
  });

  it('names the app as the code does', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('src-main/electron/main.ts');
  });

  it('builds an assisted NSIS installer and a portable exe for x64, with distinct artifact names', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true });
    expect(config.artifactName).toBeUndefined();
    const names = [config.nsis.artifactName, config.portable.artifactName];
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/\$\{version\}.*\$\{arch\}\.\$\{ext\}$/);
  });

  it("unpacks better-sqlite3's native module from the asar", () => {
    expect(config.asarUnpack.some((p) => path.posix.matchesGlob('node_modules/better-sqlite3/build/Release/better_sqlite3.node', p))).toBe(true);
  });

  it('packs main, the core and the built bundles, and leaves tests, benchmarks, docs and dev scripts out', () => {
    const packed = [
      'package.json',
      'src-main/electron/main.ts',
      'src-main/host/core-worker/core-worker.ts',
      'src-shared/contract/workstation.ts',
      'src-engine/candles.ts',
      'templates/sma-cross.json',
      PRELOAD_BUNDLE,
      `${RENDERER_DIR}/index.html`,
    ];
    for (const file of packed) {
      expect(packs(file), file).toBe(true);
    }
    const left = [
      'tests/electron/menu.test.ts',
      'bench/run.ts',
      'docs/engine.md',
      'README.md',
      'src-main/cli/main.ts',
      'src-main/electron/launch.ts',
      'src-main/electron/build.ts',
      'src-main/electron/make-icons.ts',
      'src-renderer/index.html',
    ];
    for (const file of left) {
      expect(packs(file), file).toBe(false);
    }
  });
});

describe('icons', () => {
  /** The RGBA pixels of a PNG written by encodePng (unfiltered rows). */
  function pixels(png: Buffer): { size: number; rgba: Buffer } {
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const idat: Buffer[] = [];
    let size = 0;
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const type = png.toString('latin1', at + 4, at + 8);
      if (type === 'IHDR') size = png.readUInt32BE(at + 8);
      if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    const rows = inflateSync(Buffer.concat(idat));
    const rgba = Buffer.alloc(size * size * 4);
    for (let y = 0; y < size; y++) rows.copy(rgba, y * size * 4, y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1));
    return { size, rgba };
  }

  it('icon.png is the 256x256 icon that make-icons draws', () => {
    const { size, rgba } = pixels(readFileSync(path.join(ROOT, 'assets', 'icon.png')));
    expect(size).toBe(256);
    expect(rgba.equals(Buffer.from(renderIcon(256)))).toBe(true);
  });

  it('icon.ico holds every size up to 256 as PNG, the one the Windows build uses', () => {
    expect(config.win.icon).toBe('assets/icon.ico');
    const ico = readFileSync(path.join(ROOT, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, ICO_SIZES.length]);
    ICO_SIZES.forEach((expected, i) => {
      const entry = 6 + 16 * i;
      expect(ico.readUInt8(entry) || 256).toBe(expected);
      const png = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      const { size, rgba } = pixels(png);
      expect(size).toBe(expected);
      expect(rgba.equals(Buffer.from(renderIcon(expected)))).toBe(true);
    });
    expect(ico.length).toBeLessThan(16_000);
  });
});
