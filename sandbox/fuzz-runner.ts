// Sends fuzz cases to the running app and checks the promise for each: a 4xx, within a second of
// the request being fully sent (of its headers, for a huge body the server must refuse before
// it ends), and the server still answering afterwards. Huge bodies and slow headers go over a raw
// socket (raw-http.ts); everything else through undici.
import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request } from "undici";
import type { FuzzCase } from "./fuzz-cases";
import { sendRaw, type RawRequest } from "./raw-http";

export interface FuzzSummary {
  sent: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  failures: { kind: string; status: number | string; ms: number }[];
  p99Ms: number;
  maxMs: number;
}

export const ANSWER_WITHIN_MS = 1000;

async function* trickle(chunks: Buffer[], pauseMs: number): AsyncGenerator<Buffer> {
  for (const chunk of chunks) {
    yield chunk;
    await sleep(pauseMs);
  }
}

function rawBody(body: FuzzCase["body"]): RawRequest["body"] {
  if (body === null) return undefined;
  if (Buffer.isBuffer(body)) return { bytes: body, declaredLength: body.length };
  if ("hugeBytes" in body) return { totalBytes: body.hugeBytes, declaredLength: body.declared ? body.hugeBytes : undefined };
  throw new Error("a trickled body is sent through undici");
}

export async function runFuzz(baseUrl: string, cases: FuzzCase[], concurrency = 4): Promise<FuzzSummary> {
  const dispatcher = new Agent({ connections: concurrency, bodyTimeout: 10_000, headersTimeout: 10_000 });
  const summary: FuzzSummary = { sent: 0, byStatus: {}, byKind: {}, failures: [], p99Ms: 0, maxMs: 0 };
  const latencies: number[] = [];
  let next = 0;
  const viaUndici = async (fuzzCase: FuzzCase): Promise<{ status: number | string; ms: number }> => {
    const slow = fuzzCase.body && "chunks" in fuzzCase.body ? fuzzCase.body : null;
    const sendingMs = slow ? slow.chunks.length * slow.pauseMs : 0;
    const started = performance.now();
    let status: number | string;
    try {
      const response = await request(`${baseUrl}${fuzzCase.path}`, {
        method: fuzzCase.method as "POST",
        headers: fuzzCase.headers.flatMap(([name, value]) => [name, value]),
        body: slow ? Readable.from(trickle(slow.chunks, slow.pauseMs)) : (fuzzCase.body as Buffer | null),
        dispatcher,
      });
      status = response.statusCode;
      await response.body.dump();
    } catch (error) {
      status = (error as { code?: string }).code ?? "network error";
    }
    return { status, ms: performance.now() - started - sendingMs };
  };
  const viaRawSocket = async (fuzzCase: FuzzCase): Promise<{ status: number | string; ms: number }> => {
    const answer = await sendRaw(baseUrl, {
      method: fuzzCase.method,
      path: fuzzCase.path,
      headers: fuzzCase.headers,
      trickleHeaders: fuzzCase.trickleHeaders,
      body: rawBody(fuzzCase.body),
    });
    return { status: answer.status ?? "no answer", ms: answer.answeredAfterMs };
  };
  const lane = async () => {
    while (next < cases.length) {
      const fuzzCase = cases[next++];
      const raw = fuzzCase.trickleHeaders !== undefined || (fuzzCase.body !== null && "hugeBytes" in fuzzCase.body);
      const { status, ms } = await (raw ? viaRawSocket : viaUndici)(fuzzCase);
      latencies.push(ms);
      summary.sent += 1;
      summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
      summary.byKind[fuzzCase.kind] = (summary.byKind[fuzzCase.kind] ?? 0) + 1;
      // A refused upload counts only if its 413 was read: the server closes it without a reset.
      const refused = typeof status === "number" && status >= 400 && status < 500;
      if (!refused || ms > ANSWER_WITHIN_MS) summary.failures.push({ kind: fuzzCase.kind, status, ms: Math.round(ms) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  await dispatcher.close();
  latencies.sort((a, b) => a - b);
  summary.p99Ms = Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0);
  summary.maxMs = Math.round(latencies.at(-1) ?? 0);
  return summary;
}
