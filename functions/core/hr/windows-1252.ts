// Some Node.js releases (20.18.3 and later 20.x, 22.13 to 22.18, 24.0 to 24.6) decode
// `windows-1252` (and the labels the Encoding Standard maps to it, such as `latin1`) as
// ISO-8859-1: bytes 0x80-0x9F come out as control characters instead of € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ
// Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ (https://github.com/nodejs/node/issues/60888). Where the
// platform's TextDecoder gets those 32 bytes wrong, this puts them right, from the Encoding
// Standard's index for windows-1252; the other 224 bytes are the same in both.

/** Code points of bytes 0x80-0x9F in windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned). */
const HIGH_CONTROLS = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

let platformIsRight: boolean | undefined;

/** Text the platform decoded as windows-1252, with 0x80-0x9F as the standard defines them. */
export function repairWindows1252(text: string): string {
  platformIsRight ??= new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) === '\u20ac';
  if (platformIsRight) return text;
  return text.replace(/[\u0080-\u009f]/g, (c) =>
    String.fromCodePoint(HIGH_CONTROLS[(c.codePointAt(0) as number) - 0x80] as number),
  );
}
