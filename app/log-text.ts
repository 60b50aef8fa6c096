// Text that arrives in payloads (waybills, event ids, drivers, shop headers) ends up in log lines
// and on operators' terminals. Written raw, an ESC sequence recolours or clears the terminal, a
// newline forges a log line and a bidi override shows characters in another order than they are
// stored. Such text goes through printable() before it is printed: what cannot be shown safely is
// shown as an escape.

/** How much of one value a log line shows, in characters; the rest is counted, not printed. */
export const PRINTABLE_MAX_CHARACTERS = 200;

const NAMED_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

// C0 and C1 controls with DEL (Cc), format characters such as bidi overrides, zero-width spaces
// and the BOM (Cf), lone surrogates (Cs), and the Unicode line and paragraph separators.
// The zero-width joiners (U+200C, U+200D) are kept: Arabic-script names and emoji use them.
const UNSAFE = /[\\\p{Cc}\p{Cs}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/u;

function escapeCodePoint(character: string): string {
  const named = NAMED_ESCAPES[character];
  if (named) return named;
  const codePoint = character.codePointAt(0)!;
  if (codePoint <= 0xff) return `\\x${codePoint.toString(16).padStart(2, "0")}`;
  const digits = codePoint.toString(16).toUpperCase();
  return codePoint <= 0xffff ? `\\u${digits.padStart(4, "0")}` : `\\u{${digits}}`;
}

/**
 * The text as one safe line: control and invisible formatting characters, lone surrogates and
 * backslashes become visible escapes (`\x1b`, `\n`, `\u202E`, `\u{E0001}`, `\\`), and text longer than
 * `maxCharacters` is cut at a character boundary with the count of what was left out.
 */
export function printable(text: string, maxCharacters = PRINTABLE_MAX_CHARACTERS): string {
  let shown = "";
  let characters = 0;
  // Iterating a string yields code points: a surrogate pair stays whole, a lone one comes alone.
  for (const character of text) {
    if (characters < maxCharacters) shown += UNSAFE.test(character) ? escapeCodePoint(character) : character;
    characters += 1;
  }
  return characters > maxCharacters ? `${shown}…(${characters - maxCharacters} more characters)` : shown;
}

/** Error messages may quote a payload too, but are worth more of their length than one value. */
const ERROR_MESSAGE_MAX_CHARACTERS = 2000;

/**
 * An error as log text: its message made printable, then its stack frames, which name code
 * locations only and keep their line breaks.
 */
export function printableError(error: unknown): string {
  if (!(error instanceof Error)) return printable(String(error), ERROR_MESSAGE_MAX_CHARACTERS);
  const heading = `${error.name}: ${error.message}`;
  const frames = error.stack?.startsWith(heading) ? error.stack.slice(heading.length) : "";
  return `${printable(error.name)}: ${printable(error.message, ERROR_MESSAGE_MAX_CHARACTERS)}${frames}`;
}
