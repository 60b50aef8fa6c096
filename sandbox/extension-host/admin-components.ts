// A sandbox-only stand-in for the `s-*` web components Shopify's admin and customer accounts
// draw a UI extension with, so the demo can run the extensions' real modules in a browser.
// Each element draws a plain, Polaris-like look in its own shadow root and shows the children
// Preact gives it through a <slot>, so Preact keeps sole ownership of the light DOM; attributes
// are read as the extensions write them (Preact sets unknown props as lower-cased attributes).
// Only what the extensions in extensions/ use is here. Runs in the browser (bundled by
// bundle-extensions.ts); no Node import.

/** Where an `app:` link of an admin extension goes: the app's page in the admin frame. */
export interface ComponentOptions {
  resolveHref(href: string): { href: string; target?: string };
}

const BASE_STYLE = `:host { box-sizing: border-box; } :host([hidden]) { display: none; }`;

const TONES = {
  neutral: ["#e3e3e3", "#303030"],
  info: ["#e0f0ff", "#00527c"],
  success: ["#cdfee1", "#0c5132"],
  caution: ["#fff1e3", "#5e4200"],
  warning: ["#ffd6a4", "#5e4200"],
  critical: ["#fedad9", "#8e0b21"],
} as const;

function toneOf(element: Element): keyof typeof TONES {
  const tone = element.getAttribute("tone") ?? "neutral";
  return Object.hasOwn(TONES, tone) ? (tone as keyof typeof TONES) : "neutral";
}

/** An element whose shadow root is redrawn from its attributes; `slot`s show Preact's children. */
abstract class StandInElement extends HTMLElement {
  static observed: string[] = [];
  static get observedAttributes(): string[] {
    return this.observed;
  }
  protected readonly root = this.attachShadow({ mode: "open" });
  protected abstract draw(): string;
  connectedCallback(): void {
    this.redraw();
  }
  attributeChangedCallback(): void {
    if (this.isConnected) this.redraw();
  }
  protected redraw(): void {
    this.root.innerHTML = `<style>${BASE_STYLE}</style>${this.draw()}`;
  }
  protected text(name: string): string {
    return escapeHtml(this.getAttribute(name) ?? "");
  }
  protected flag(name: string): boolean {
    const value = this.getAttribute(name);
    return value !== null && value !== "false";
  }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const GAPS: Record<string, string> = {
  none: "0",
  "small-500": "2px",
  "small-400": "2px",
  "small-300": "4px",
  "small-200": "6px",
  "small-100": "8px",
  small: "8px",
  base: "12px",
  large: "16px",
  "large-100": "20px",
  "large-200": "24px",
};

class Stack extends StandInElement {
  static observed = ["direction", "gap", "alignitems", "justifycontent"];
  protected draw(): string {
    const inline = this.getAttribute("direction") === "inline";
    const gap = GAPS[this.getAttribute("gap") ?? "none"] ?? "0";
    return `<style>:host { display: flex; flex-direction: ${inline ? "row" : "column"}; ${inline ? "flex-wrap: wrap;" : ""} gap: ${gap};
      align-items: ${this.getAttribute("alignitems") ?? (inline ? "center" : "stretch")}; justify-content: ${this.getAttribute("justifycontent") ?? "flex-start"}; }</style><slot></slot>`;
  }
}

class Box extends StandInElement {
  protected draw(): string {
    return `<style>:host { display: block; }</style><slot></slot>`;
  }
}

class Text extends StandInElement {
  static observed = ["type", "color", "tone"];
  protected draw(): string {
    const strong = this.getAttribute("type") === "strong";
    const subdued = this.getAttribute("color") === "subdued";
    const tone = this.getAttribute("tone");
    const color = tone && tone !== "neutral" ? TONES[toneOf(this)][1] : subdued ? "#616161" : "inherit";
    return `<style>:host { display: inline; color: ${color}; ${strong ? "font-weight: 650;" : ""} }</style><slot></slot>`;
  }
}

class Paragraph extends StandInElement {
  static observed = ["color", "tone"];
  protected draw(): string {
    const tone = this.getAttribute("tone");
    const color = tone && tone !== "neutral" ? TONES[toneOf(this)][1] : this.getAttribute("color") === "subdued" ? "#616161" : "inherit";
    return `<style>:host { display: block; margin: 0; color: ${color}; }</style><slot></slot>`;
  }
}

class Heading extends StandInElement {
  protected draw(): string {
    return `<style>h3 { font-size: 14px; font-weight: 650; margin: 0; }</style><h3><slot></slot></h3>`;
  }
}

class Divider extends StandInElement {
  protected draw(): string {
    return `<style>:host { display: block; border-top: 1px solid #e3e3e3; }</style>`;
  }
}

class UnorderedList extends StandInElement {
  protected draw(): string {
    return `<style>:host { display: block; margin: 0; padding-inline-start: 20px; }</style><slot></slot>`;
  }
}

class ListItem extends StandInElement {
  protected draw(): string {
    return `<style>:host { display: list-item; list-style: disc; }</style><slot></slot>`;
  }
}

class Badge extends StandInElement {
  static observed = ["tone"];
  protected draw(): string {
    const [background, color] = TONES[toneOf(this)];
    return `<style>:host { display: inline-flex; align-items: center; padding: 2px 8px; border-radius: 8px; font-size: 12px; font-weight: 550;
      background: ${background}; color: ${color}; white-space: nowrap; }</style><slot></slot>`;
  }
}

class Spinner extends StandInElement {
  static observed = ["accessibilitylabel"];
  protected draw(): string {
    return `<style>span.spin { display: inline-block; width: 16px; height: 16px; border: 2px solid #c9c9c9; border-top-color: #303030; border-radius: 50%;
      animation: spin 0.8s linear infinite; } @keyframes spin { to { transform: rotate(360deg); } }</style>
      <span role="status" aria-label="${this.text("accessibilitylabel")}"><span class="spin"></span></span>`;
  }
}

class Banner extends StandInElement {
  static observed = ["tone", "heading"];
  protected draw(): string {
    const [background, color] = TONES[toneOf(this)];
    const role = toneOf(this) === "critical" ? "alert" : "status";
    const heading = this.getAttribute("heading");
    return `<style>:host { display: block; } div { background: ${background}; border-radius: 12px; padding: 12px; color: #303030; }
      h2 { font-size: 13px; font-weight: 650; margin: 0 0 6px; color: ${color}; }</style>
      <div role="${role}">${heading ? `<h2>${escapeHtml(heading)}</h2>` : ""}<slot></slot></div>`;
  }
}

class Button extends StandInElement {
  static observed = ["variant", "disabled", "loading", "accessibilitylabel"];
  protected draw(): string {
    const primary = this.getAttribute("variant") === "primary";
    const loading = this.flag("loading");
    const label = this.getAttribute("accessibilitylabel");
    return `<style>:host { display: inline-block; }
      button { font: inherit; font-weight: 550; padding: 6px 12px; border-radius: 8px; cursor: pointer; display: inline-flex; gap: 6px; align-items: center;
        border: 1px solid ${primary ? "#303030" : "#c9c9c9"}; background: ${primary ? "#303030" : "#fff"}; color: ${primary ? "#fff" : "#303030"};
        box-shadow: 0 1px 0 rgba(0,0,0,0.08); }
      button:disabled { opacity: 0.55; cursor: default; }
      button:focus-visible { outline: 2px solid #005bd3; outline-offset: 1px; }
      .spin { width: 12px; height: 12px; border: 2px solid currentColor; border-top-color: transparent; border-radius: 50%; animation: spin 0.8s linear infinite; }
      @keyframes spin { to { transform: rotate(360deg); } }</style>
      <button type="button" ${this.flag("disabled") || loading ? "disabled" : ""} ${loading ? 'aria-busy="true"' : ""} ${label ? `aria-label="${escapeHtml(label)}"` : ""}>${loading ? '<span class="spin" aria-hidden="true"></span>' : ""}<slot></slot></button>`;
  }
  constructor() {
    super();
    // A disabled button's click never reaches the extension's handler, as in the admin: a
    // capturing listener on the element runs before the ones Preact adds.
    this.addEventListener(
      "click",
      (event) => {
        if (this.flag("disabled") || this.flag("loading")) event.stopImmediatePropagation();
      },
      { capture: true },
    );
  }
}

class TextField extends StandInElement {
  static observed = ["label", "details", "error"];
  #value = "";
  get value(): string {
    return this.#value;
  }
  set value(value: string) {
    this.#value = value ?? "";
    const input = this.root.querySelector("input");
    if (input && input.value !== this.#value) input.value = this.#value;
  }
  protected draw(): string {
    return `<style>:host { display: block; } label { display: block; margin-bottom: 4px; }
      input { box-sizing: border-box; width: 100%; font: inherit; padding: 6px 10px; border: 1px solid #8a8a8a; border-radius: 8px; }
      input:focus { outline: 2px solid #005bd3; outline-offset: 1px; } p { margin: 4px 0 0; color: #616161; }</style>
      <label for="field">${this.text("label")}</label>
      <input id="field" aria-describedby="details" value="${escapeHtml(this.#value)}">
      <p id="details">${this.text("details")}</p>`;
  }
  protected redraw(): void {
    super.redraw();
    // The admin's field reports typing on the element itself: value, then an input event.
    this.root.querySelector("input")!.addEventListener("input", (event) => {
      event.stopPropagation();
      this.#value = (event.target as HTMLInputElement).value;
      this.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }
}

function defineLink(options: ComponentOptions) {
  return class Link extends StandInElement {
    static observed = ["href", "target", "accessibilitylabel"];
    protected draw(): string {
      const { href, target } = options.resolveHref(this.getAttribute("href") ?? "");
      const chosenTarget = this.getAttribute("target") ?? target;
      const label = this.getAttribute("accessibilitylabel");
      return `<style>a { color: #005bd3; text-decoration: underline; } a:focus-visible { outline: 2px solid #005bd3; }</style>
        <a href="${escapeHtml(href)}" ${chosenTarget ? `target="${escapeHtml(chosenTarget)}" rel="noopener"` : ""} ${label ? `aria-label="${escapeHtml(label)}"` : ""}><slot></slot></a>`;
    }
  };
}

/** The order page's card: its heading, and a collapse toggle that shows the collapsed summary. */
class AdminBlock extends StandInElement {
  static observed = ["heading", "collapsedsummary"];
  #collapsed = false;
  protected draw(): string {
    const summary = this.getAttribute("collapsedsummary");
    return `<style>:host { display: block; } section { background: #fff; border-radius: 12px; box-shadow: 0 1px 0 #e3e3e3, 0 0 0 1px #e3e3e3; padding: 16px; }
      header { display: flex; align-items: center; gap: 8px; } h2 { font-size: 14px; font-weight: 650; margin: 0; }
      header span { color: #616161; margin-inline-start: 8px; } button { margin-inline-start: auto; font: inherit; background: none; border: 0; color: #303030; cursor: pointer; padding: 4px 8px; border-radius: 8px; }
      button:hover { background: #f1f1f1; } .body { margin-top: 12px; } .body[hidden] { display: none; }</style>
      <section><header><h2>${this.text("heading")}</h2>${this.#collapsed && summary ? `<span>${escapeHtml(summary)}</span>` : ""}
      <button type="button" aria-expanded="${!this.#collapsed}" aria-controls="body" aria-label="${this.text("heading")}">${this.#collapsed ? "▸" : "▾"}</button></header>
      <div class="body" id="body" ${this.#collapsed ? "hidden" : ""}><slot></slot></div></section>`;
  }
  protected redraw(): void {
    super.redraw();
    this.root.querySelector("button")!.addEventListener("click", () => {
      this.#collapsed = !this.#collapsed;
      this.redraw();
    });
  }
}

/** An order action: the modal's title, body and footer (the admin frame draws the dialog around it). */
class AdminAction extends StandInElement {
  static observed = ["heading"];
  protected draw(): string {
    return `<style>:host { display: flex; flex-direction: column; }
      h1 { font-size: 16px; font-weight: 650; margin: 0; padding: 16px; border-bottom: 1px solid #e3e3e3; }
      .body { padding: 16px; flex: 1; } footer { display: flex; gap: 8px; justify-content: flex-end; padding: 12px 16px; border-top: 1px solid #e3e3e3; }</style>
      <h1>${this.text("heading")}</h1><div class="body"><slot></slot></div>
      <footer><slot name="secondary-actions"></slot><slot name="primary-action"></slot></footer>`;
  }
}

/** A customer-account block's card on the buyer's order status page. */
class Section extends StandInElement {
  static observed = ["heading"];
  protected draw(): string {
    const heading = this.getAttribute("heading");
    return `<style>:host { display: block; } section { border: 1px solid #dedede; border-radius: 10px; padding: 16px; background: #fff; }
      h2 { font-size: 16px; font-weight: 600; margin: 0 0 10px; }</style>
      <section>${heading ? `<h2>${escapeHtml(heading)}</h2>` : ""}<slot></slot></section>`;
  }
}

export function defineUiComponents(options: ComponentOptions): void {
  const elements: Record<string, CustomElementConstructor> = {
    "s-stack": Stack,
    "s-box": Box,
    "s-text": Text,
    "s-paragraph": Paragraph,
    "s-heading": Heading,
    "s-divider": Divider,
    "s-badge": Badge,
    "s-spinner": Spinner,
    "s-banner": Banner,
    "s-button": Button,
    "s-text-field": TextField,
    "s-link": defineLink(options),
    "s-admin-block": AdminBlock,
    "s-admin-action": AdminAction,
    "s-section": Section,
    "s-unordered-list": UnorderedList,
    "s-list-item": ListItem,
  };
  for (const [name, element] of Object.entries(elements)) customElements.define(name, element);
}
