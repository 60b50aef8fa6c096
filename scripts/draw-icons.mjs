// Draws the app's icons into public/ from one SVG: app-icon.png (1200×1200, the size Shopify asks
// for the app's listing and admin icon; a full square, Shopify rounds the corners itself) and
// favicon.ico (a 48×48 PNG inside an ICO, on a rounded square, which browsers fetch from
// /favicon.ico). The picture is the parcel of the app's empty states, moving. Rendered by Debian's
// Chromium (`npm run setup:browser` installs it); run again after changing the drawing:
//
//   node scripts/draw-icons.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const CHROMIUM = "/usr/bin/chromium";
const publicDir = path.resolve(import.meta.dirname, "../public");
const GREEN = "#0b6e4f";

function drawing({ cornerRadius }) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120">
  <rect width="120" height="120" rx="${cornerRadius}" fill="${GREEN}"/>
  <g stroke="#ffffff" stroke-width="6" stroke-linecap="round">
    <path d="M14 50h16M8 62h20M16 74h12"/>
  </g>
  <g transform="translate(70 61) scale(0.68) translate(-60 -60)" stroke-linejoin="round" stroke-linecap="round">
    <path d="M60 12l44 22v52L60 108 16 86V34z" fill="#ffffff" stroke="#ffffff" stroke-width="8"/>
    <path d="M16 34l44 22 44-22M60 56v52" fill="none" stroke="${GREEN}" stroke-width="6"/>
    <path d="M38 23l44 22v14" fill="none" stroke="${GREEN}" stroke-width="6"/>
  </g>
</svg>`;
}

/** A PNG screenshot of the drawing at size×size pixels, transparent outside it. */
function render(svg, size) {
  const dir = mkdtempSync(path.join(tmpdir(), "wakilni-icons-"));
  try {
    const page = path.join(dir, "icon.html");
    const output = path.join(dir, "icon.png");
    writeFileSync(
      page,
      `<!doctype html><html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    execFileSync(
      CHROMIUM,
      [
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--hide-scrollbars",
        "--default-background-color=00000000",
        `--window-size=${size},${size}`,
        `--screenshot=${output}`,
        pathToFileURL(page).href,
      ],
      { stdio: "ignore" },
    );
    const png = readFileSync(output);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    if (width !== size || height !== size) throw new Error(`Chromium drew ${width}×${height}, not ${size}×${size}`);
    return png;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An ICO file holding one PNG image (supported by every current browser). */
function icoOf(png, size) {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9); // reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(header.length, 18); // the image follows the header
  return Buffer.concat([header, png]);
}

writeFileSync(path.join(publicDir, "app-icon.png"), render(drawing({ cornerRadius: 0 }), 1200));
writeFileSync(path.join(publicDir, "favicon.ico"), icoOf(render(drawing({ cornerRadius: 24 }), 48), 48));
console.log(`wrote ${path.join(publicDir, "app-icon.png")} and ${path.join(publicDir, "favicon.ico")}`);
