// Stand-in for printable() of app/log-text.ts, which another branch adds: text that came in a
// payload (waybills, topic names, errors quoting them) is shown on an operator's terminal, where
// a raw ESC sequence recolours or clears the screen, a newline forges a row and a bidi override
// reorders what is shown. Same name and signature, so switching to app/log-text.ts is an import.

const NAMED_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

// Controls (Cc), lone surrogates (Cs), line and paragraph separators, and format characters (Cf)
// but the zero-width joiners that Arabic-script names and emoji need.
const UNSAFE = /[\\\p{Cc}\p{Cs}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/u;

function escaped(character: string): string {
  if (NAMED_ESCAPES[character]) return NAMED_ESCAPES[character];
  const codePoint = character.codePointAt(0)!;
  if (codePoint <= 0xff) return `\\x${codePoint.toString(16).padStart(2, "0")}`;
  const hex = codePoint.toString(16).toUpperCase();
  return codePoint <= 0xffff ? `\\u${hex.padStart(4, "0")}` : `\\u{${hex}}`;
}

/** The text as one safe line, escapes for what cannot be shown, cut after `maxCharacters` characters. */
export function printable(text: string, maxCharacters = 200): string {
  const characters = [...text];
  const shown = characters
    .slice(0, maxCharacters)
    .map((character) => (UNSAFE.test(character) ? escaped(character) : character))
    .join("");
  return characters.length > maxCharacters ? `${shown}…(${characters.length - maxCharacters} more characters)` : shown;
}
