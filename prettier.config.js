// One format for the whole tree; `npm run format` writes it, `npm run format:check` fails CI on drift.
// The wide line matches how this code was written: signatures and SQL read better on one line.
export default {
  printWidth: 140,
  trailingComma: "all",
};
