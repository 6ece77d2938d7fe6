// The part of fontkit's API the PDF report uses (fontkit ships no type declarations).
declare module "fontkit" {
  export type Font = { layout(text: string): unknown; unitsPerEm: number };
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
