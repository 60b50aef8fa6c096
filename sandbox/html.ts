// The one HTML escape of the sandbox's hand-written pages (the admin frame, the order pages).
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
