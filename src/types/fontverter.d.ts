declare module 'fontverter' {
  export function convert(font: Buffer | Uint8Array, to: 'sfnt' | 'woff' | 'woff2' | 'truetype', from?: string): Promise<Buffer>;
}
