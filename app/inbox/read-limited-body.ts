// Reads a request body into memory, refusing it as soon as it passes a limit, whether the
// sender declared its size (Content-Length) or streams it.

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/** `declaredLength` is the Content-Length header, when the sender sent one. */
export async function readLimitedBody(
  declaredLength: string | null,
  body: AsyncIterable<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  const declared = Number(declaredLength);
  if (declaredLength !== null && Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    // Leaving the loop early tells the stream to stop: nothing past the limit is buffered.
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk);
  }
  if (chunks.length === 1) return chunks[0];
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}
