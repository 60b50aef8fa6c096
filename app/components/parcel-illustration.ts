// The picture of the app's empty states, drawn inline: Shopify's stock illustrations live on
// its CDN, and the pages must not depend on it. The explicit size keeps Polaris's image box
// from collapsing to 0×0 around a viewBox-only SVG.
export const PARCEL_ILLUSTRATION = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120" fill="none" stroke="#8a8a8a" stroke-width="3" stroke-linejoin="round">' +
    '<path d="M60 12l44 22v52L60 108 16 86V34z" fill="#f1f1f1"/><path d="M16 34l44 22 44-22M60 56v52M38 23l44 22v14"/></svg>',
)}`;
