// Code-like text — waybills, order names such as #1001, tag prefixes such as `Wakilni: `, URLs,
// numbers — keeps its own left-to-right order inside Arabic sentences. Without isolation the
// Unicode bidi algorithm moves its neutral characters (`#`, `:`, a trailing space, `/`) to the
// other end: `#1001` renders as `1001#` and `Wakilni: ` as `:Wakilni`. Every page shows such
// values through this one component (or `ltr` where only a string fits).
import type { ReactNode } from "react";

/** Inline, left-to-right and isolated from the text around it (`<bdi dir="ltr">`). */
export function LtrText({ children }: { children: ReactNode }) {
  return <bdi dir="ltr">{children}</bdi>;
}

/**
 * The same for string-only places (a toast, a select option, a tab title): the text between
 * Unicode's LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE, which render as nothing.
 */
export function ltr(text: string): string {
  return `\u2066${text}\u2069`;
}

/**
 * Around a Polaris TextField that holds code-like text (a URL, a tag prefix, a pattern): its
 * input takes its direction from what is typed, so `Wakilni: ` stays `Wakilni: ` on an Arabic
 * page while the label and help text follow the page (the rule is in app/styles/app.css).
 */
export function LtrField({ children }: { children: ReactNode }) {
  return <div className="ltr-field">{children}</div>;
}
