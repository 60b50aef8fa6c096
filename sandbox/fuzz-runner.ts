// Sends fuzz cases to a running Wakilni endpoint and checks the promise for each: a 4xx, within
// a second of the request being fully sent, and the server still answering afterwards.
import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request } from "undici";
import type { FuzzCase } from "./fuzz-cases";

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

export async function runFuzz(baseUrl: string, cases: FuzzCase[], concurrency = 4): Promise<FuzzSummary> {
  const dispatcher = new Agent({ connections: concurrency, bodyTimeout: 10_000, headersTimeout: 10_000 });
  const summary: FuzzSummary = { sent: 0, byStatus: {}, byKind: {}, failures: [], p99Ms: 0, maxMs: 0 };
  const latencies: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const fuzzCase = cases[next++];
      const slow = fuzzCase.body && !Buffer.isBuffer(fuzzCase.body) ? fuzzCase.body : null;
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
        // The server may reset an oversized upload once it has answered 413; that answer counts.
        status = (error as { code?: string }).code ?? "network error";
      }
      const ms = performance.now() - started - sendingMs;
      latencies.push(ms);
      summary.sent += 1;
      summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
      summary.byKind[fuzzCase.kind] = (summary.byKind[fuzzCase.kind] ?? 0) + 1;
      // An oversized upload may be cut off once the server has answered 413 and closed.
      const cutOff = fuzzCase.kind === "oversized body" && ["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"].includes(String(status));
      const refused = typeof status === "number" ? status >= 400 && status < 500 : cutOff;
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
